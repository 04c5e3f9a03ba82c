import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, documentBody } from "~/http/document-body.server";

const page = Buffer.from(`<!DOCTYPE html><html lang="ja"><body>${"<p>職員チャレンジポータル</p>".repeat(200)}</body></html>`);
const request = (acceptEncoding?: string) => new Request("http://localhost/", { headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} });

describe("documentBody: a rendered page as sent", () => {
  it("is gzip when the browser takes it, with its length and Vary", () => {
    const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
    const body = documentBody(page, request("gzip, deflate, br, zstd"), headers);
    expect(headers.get("Content-Encoding")).toBe("gzip");
    expect(headers.get("Content-Length")).toBe(String(body.length));
    expect(headers.get("Vary")).toBe("Accept-Encoding");
    expect(body.length).toBeLessThan(page.length / 5);
    expect(gunzipSync(body).equals(page)).toBe(true);
  });

  it("is the page itself, with its length, when gzip is not accepted or the page is tiny", () => {
    for (const [accept, body] of [[undefined, page], ["identity", page], ["gzip;q=0, br", page], ["gzip", Buffer.from("<p>短い</p>")]] as const) {
      const headers = new Headers();
      expect(documentBody(body, request(accept), headers)).toBe(body);
      expect(headers.get("Content-Encoding")).toBeNull();
      expect(headers.get("Content-Length")).toBe(String(body.length));
      expect(headers.get("Vary")).toBe("Accept-Encoding");
    }
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding as HTTP defines it", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("br, *;q=0.1")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.000, *")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
