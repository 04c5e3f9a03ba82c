import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "~/auth/csrf.server";

describe("isCrossSiteRequest", () => {
  const host = "portal.example.jp";
  it("lets safe methods through whatever their origin", () => {
    expect(isCrossSiteRequest({ method: "GET", secFetchSite: "cross-site", origin: "https://evil.example", host })).toBe(false);
  });
  it("refuses a POST marked cross-site or same-site by the browser", () => {
    expect(isCrossSiteRequest({ method: "POST", secFetchSite: "cross-site", host })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", secFetchSite: "same-site", host })).toBe(true);
  });
  it("refuses a POST whose Origin is another host or opaque", () => {
    expect(isCrossSiteRequest({ method: "POST", origin: "https://evil.example", host })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", origin: "null", host })).toBe(true);
  });
  it("accepts same-origin POSTs and requests without browser headers", () => {
    expect(isCrossSiteRequest({ method: "POST", secFetchSite: "same-origin", origin: `https://${host}`, host })).toBe(false);
    expect(isCrossSiteRequest({ method: "POST", host })).toBe(false);
    expect(isCrossSiteRequest({ method: "POST", origin: "https://public.example.jp", host: "10.0.0.5:3000", allowedOrigins: ["https://public.example.jp"] })).toBe(false);
  });
});
