import { json as remixJson } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { json } from "~/http/json.server";

describe("json(): Remix's json with the body as bytes", () => {
  it("answers what Remix's json answers: status, headers, body", async () => {
    const data = { title: "観光案内のAI化", n: 1.5, list: [1, null, "x"], nested: { ok: true } };
    for (const init of [undefined, 400, { status: 422, headers: { "X-Test": "1" } }]) {
      const ours = json(data, init);
      const theirs = remixJson(data, init);
      expect(ours.status).toBe(theirs.status);
      expect(ours.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      expect(ours.headers.get("X-Test")).toBe(theirs.headers.get("X-Test"));
      expect(await ours.text()).toBe(await theirs.text());
    }
  });

  it("keeps a Content-Type it is given, and a lone surrogate survives (JSON.stringify escapes it) as with a string body", async () => {
    expect(json({}, { headers: { "Content-Type": "application/vnd.test+json" } }).headers.get("Content-Type")).toBe("application/vnd.test+json");
    const broken = { text: "a\uD800b" };
    expect(await json(broken).json()).toEqual(await remixJson(broken).json());
    expect(await json(broken).text()).toBe('{"text":"a\\ud800b"}');
    expect((await json(broken).json()).text).toBe("a\uD800b");
  });
});
