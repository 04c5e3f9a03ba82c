import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { documentBody } from "./http/document-body.server";
import { memoiseServerRoutes } from "./rendering/server-routes-cache.server";

memoiseServerRoutes();

// No route uses defer()/<Await>, so there is nothing to stream: one synchronous render is cheaper per request than
// React's streaming renderer and its Node/web stream plumbing (measured in `npm run bench`), and it also avoids the
// stray NUL bytes React 18's streaming renderer can emit next to multi-byte text (facebook/react#26228).
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const markup = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Bytes, not a string: undici checks a string body for lone surrogates character by character and then encodes
  // it; Buffer.from encodes natively in one pass. The cost grows with the page: on the dashboard (60 KB) the string
  // path took about 5 % of the request's CPU time in a profile under `npm run bench` load.
  const html = Buffer.from(`<!DOCTYPE html>${markup}`);
  return new Response(documentBody(html, request, responseHeaders), { headers: responseHeaders, status: responseStatusCode });
}

// The delivery worker is reached through the server build (server.ts: build.entry.module.startWorker), so a web
// process holds one copy of the outbox, email and job code — the build's — rather than a second one of its own.
export { startWorker } from "./notifications/worker.server";
