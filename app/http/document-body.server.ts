import { gzipSync } from "node:zlib";

// A rendered page is compressed here, in one synchronous call, instead of by the `compression` middleware
// (server.ts), which keeps doing everything else (data requests, assets). The middleware feeds zlib as a stream: every
// page went to the libuv thread pool and back, several times, and was sent with chunked encoding, the closing chunk
// in a write of its own. On a small virtual machine each of those thread hand-overs and socket writes wakes another
// thread or process, and under `npm run bench` they cost more than compressing the page itself. The page is already
// one buffer: gzip at level 1 (the middleware's level) takes a fraction of a millisecond for the largest page, and the
// response goes out with a Content-Length in one write.

/** Below this a page is sent as it is: compression would save less than it costs. */
const MIN_BYTES = 1024;

/** Whether an Accept-Encoding header admits gzip: listed (or `*`) without `q=0`. */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === "gzip") return allowed;
    if (name.trim() === "*") star = allowed;
  }
  return star === true;
}

/** The page's body as sent, setting Content-Length, and Content-Encoding when compressed (Vary always). */
export function documentBody(html: Buffer<ArrayBuffer>, request: Request, headers: Headers): Buffer<ArrayBuffer> {
  headers.append("Vary", "Accept-Encoding");
  // gzipSync's result has an ArrayBuffer of its own (never a shared one), whatever its declared type.
  const body = html.length >= MIN_BYTES && acceptsGzip(request.headers.get("Accept-Encoding")) ? (gzipSync(html, { level: 1 }) as Buffer<ArrayBuffer>) : html;
  if (body !== html) headers.set("Content-Encoding", "gzip");
  headers.set("Content-Length", String(body.length));
  return body;
}
