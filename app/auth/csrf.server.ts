// Cross-site request forgery guard for every state-changing request. Browsers send Sec-Fetch-Site (modern) and
// Origin (all current ones) with POSTs; a value naming another site means a form or script elsewhere is
// trying to act with this user's cookies. Requests with neither header (curl, server-to-server) carry no
// ambient browser credentials worth protecting and pass.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(input: { method: string; secFetchSite?: string | null; origin?: string | null; host?: string | null; allowedOrigins?: string[] }): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  const site = input.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = input.origin;
  if (!origin) return false;
  if (origin === "null") return true;
  try {
    const url = new URL(origin);
    if (input.allowedOrigins?.includes(url.origin)) return false;
    return url.host !== input.host;
  } catch {
    return true;
  }
}
