import type { TypedResponse } from "@remix-run/node";

/**
 * Remix's `json()` (same signature, same response), with the body handed to the Response as UTF-8 bytes instead of
 * a string. Remix reads every loader's response back before it renders the page; from a string body, undici first
 * makes a well-formed copy of the whole text (character by character) and then encodes it, and that copy lives on the
 * JavaScript heap until the page is rendered — on the contest ranking under `npm run bench` it was about a tenth of
 * what the web process promoted to the old generation. Buffer.from encodes natively into memory outside the heap.
 * The bytes are the same either way (JSON.stringify escapes lone surrogates). The same reasoning as the page itself
 * in app/entry.server.tsx.
 */
export function json<Data>(data: Data, init: number | ResponseInit = {}): TypedResponse<Data> {
  const responseInit = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(responseInit.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json; charset=utf-8");
  const text = JSON.stringify(data) as string | undefined;
  return new Response(text === undefined ? null : Buffer.from(text), { ...responseInit, headers }) as TypedResponse<Data>;
}
