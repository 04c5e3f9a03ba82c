import type { TypedResponse } from "@remix-run/node";

/**
 * Remix's `json()` (same signature, same response), without the round trip through JSON text when Remix renders a
 * page.
 *
 * For a page, Remix calls `response.json()` on every loader's response only to get the data back, renders it, and
 * serialises it again into the page for the browser: the text written here and parsed there was a tenth of the
 * contest ranking's CPU under `npm run bench` (stringify, UTF-8 encoding, reading the body stream, decoding and
 * parsing), and its copies a good part of what the web process had to collect. This response keeps the data:
 *   - `json()` answers with the data itself when JSON would give it back unchanged (`isJsonPlain`: plain objects,
 *     arrays, strings, finite numbers, booleans, null), otherwise with a parsed copy of its JSON text — a Date
 *     becomes its ISO string, an undefined property disappears — exactly as before;
 *   - the body is the JSON text, encoded when something reads it (a client-side navigation's `?_data` request,
 *     `text()`, a clone): a stream whose first pull writes it. The bytes are those of `JSON.stringify`.
 * The data may then be shared with what the loader returned (a cached, deep-frozen report): rendering only reads it.
 */
export function json<Data>(data: Data, init: number | ResponseInit = {}): TypedResponse<Data> {
  const responseInit = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(responseInit.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json; charset=utf-8");
  return new JsonResponse(data, { ...responseInit, headers }) as unknown as TypedResponse<Data>;
}

class JsonResponse extends Response {
  readonly #data: unknown;

  constructor(data: unknown, init: ResponseInit) {
    const text = () => JSON.stringify(data) as string | undefined;
    // `json(undefined)` has no body at all, as with Remix's json (JSON.stringify(undefined) is undefined).
    super(data === undefined ? null : lazyBody(text), init);
    this.#data = data;
  }

  override json(): Promise<any> {
    const data = this.#data;
    return Promise.resolve(isJsonPlain(data) ? data : JSON.parse(JSON.stringify(data)));
  }
}

function lazyBody(text: () => string | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        controller.enqueue(Buffer.from(text() ?? ""));
        controller.close();
      },
    },
    // With the default high-water mark of one chunk, a stream pulls as soon as it is made: the text would be written
    // for every page all the same. At zero it waits for a reader.
    { highWaterMark: 0 },
  );
}

/**
 * Whether `JSON.parse(JSON.stringify(value))` would give back an equal value: no Date or other class instance, no
 * undefined, function or symbol (JSON drops or converts them), no NaN, Infinity or −0, no hole in an array, and not
 * deeper than JSON data has any business being (a cycle, which JSON.stringify refuses, ends up here too).
 */
export function isJsonPlain(value: unknown): boolean {
  return plainness(value, 0) !== NOT_PLAIN;
}

const NOT_PLAIN = 0;
const PLAIN = 1;
/** Plain, and frozen all the way down, so it will stay plain. */
const PLAIN_FOR_GOOD = 2;
type Plainness = typeof NOT_PLAIN | typeof PLAIN | typeof PLAIN_FOR_GOOD;

// Cached data (a report, a ranking) is deeply frozen and handed to page after page: checked once, not on every view
// (the contest ranking's 50 rows took 0.15 ms a page).
const plainForGood = new WeakSet<object>();

function plainness(value: unknown, depth: number): Plainness {
  switch (typeof value) {
    case "string":
    case "boolean":
      return PLAIN_FOR_GOOD;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? PLAIN_FOR_GOOD : NOT_PLAIN;
    case "object": {
      if (value === null) return PLAIN_FOR_GOOD;
      if (plainForGood.has(value)) return PLAIN_FOR_GOOD;
      if (depth >= MAX_DEPTH) return NOT_PLAIN;
      let least: Plainness = Object.isFrozen(value) ? PLAIN_FOR_GOOD : PLAIN;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          // A hole reads as undefined: not plain.
          const child = plainness(value[i], depth + 1);
          if (child === NOT_PLAIN) return NOT_PLAIN;
          if (child < least) least = child;
        }
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
        for (const key in value) {
          const child = plainness((value as Record<string, unknown>)[key], depth + 1);
          if (child === NOT_PLAIN) return NOT_PLAIN;
          if (child < least) least = child;
        }
      }
      if (least === PLAIN_FOR_GOOD) plainForGood.add(value);
      return least;
    }
    default:
      return NOT_PLAIN;
  }
}

const MAX_DEPTH = 64;
