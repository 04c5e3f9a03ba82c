import { describe, expect, it } from "vitest";
import { readEnv } from "../../app/env.server";
import { webConcurrency } from "../../scripts/web-processes";

describe("web processes (npm start)", () => {
  it("runs one process per core, at most four, unless WEB_CONCURRENCY says otherwise", () => {
    expect(webConcurrency(undefined, 1)).toBe(1);
    expect(webConcurrency(undefined, 2)).toBe(2);
    expect(webConcurrency(undefined, 16)).toBe(4);
    expect(webConcurrency(1, 16)).toBe(1);
    expect(webConcurrency(8, 2)).toBe(8);
  });

  it("refuses a WEB_CONCURRENCY that is not a positive whole number", () => {
    expect(readEnv({ NODE_ENV: "test", WEB_CONCURRENCY: "3" }).WEB_CONCURRENCY).toBe(3);
    expect(readEnv({ NODE_ENV: "test" }).WEB_CONCURRENCY).toBeUndefined();
    expect(() => readEnv({ NODE_ENV: "test", WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => readEnv({ NODE_ENV: "test", WEB_CONCURRENCY: "two" })).toThrow(/WEB_CONCURRENCY/);
  });
});
