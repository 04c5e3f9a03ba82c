import { json as remixJson } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { isJsonPlain, json } from "~/http/json.server";

describe("json(): Remix's json without the round trip through JSON text", () => {
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

  it("json() hands back plain data itself, without a copy", async () => {
    const data = { rows: [{ id: 1, title: "x", score: 4.25, tags: ["a"], flags: { on: true } }], total: 1, empty: null };
    expect(await json(data).json()).toBe(data);
    expect(await json(Object.freeze([1, 2])).json()).toEqual([1, 2]);
  });

  it("json() of data JSON would change gives exactly what Remix's round trip gives", async () => {
    const cases: unknown[] = [
      { at: new Date("2026-11-21T01:02:03Z") },
      { gone: undefined, kept: 1 },
      [1, undefined, () => 1],
      { n: Number.NaN, i: Infinity, z: -0 },
      { nested: { deep: [{ at: new Date(0) }] } },
      { own: { toJSON: () => "custom" } },
      new Map([[1, 2]]),
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
    ];
    for (const data of cases) {
      const theirs = await remixJson(data).json();
      expect(await json(data).json()).toEqual(theirs);
      expect(await json(data).text()).toBe(JSON.stringify(data));
    }
  });

  it("writes the JSON text only when the body is read, not when the response is made or its data taken", async () => {
    const stringify = JSON.stringify;
    let stringified = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => (stringified++, stringify(...args))) as typeof stringify;
    try {
      const response = json({ rows: [{ id: 1 }] });
      await response.json();
      // A stream pulls its first chunk as soon as it is made unless it is told to wait for a reader.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(stringified).toBe(0);
      expect(await response.text()).toBe('{"rows":[{"id":1}]}');
      expect(stringified).toBe(1);
    } finally {
      JSON.stringify = stringify;
    }
  });

  it("json(undefined) has no body, as Remix's", async () => {
    expect(json(undefined).body).toBeNull();
    expect(remixJson(undefined).body).toBeNull();
  });

  it("the body can be read once the headers are changed the way Remix does for a data request", async () => {
    const original = json({ a: "データ" });
    const copy = new Response(original.body, { status: original.status, headers: new Headers(original.headers), duplex: "half" } as ResponseInit);
    expect(await copy.text()).toBe('{"a":"データ"}');
  });
});

describe("isJsonPlain", () => {
  it("accepts what JSON gives back unchanged", () => {
    for (const value of [null, true, "s", 0, 1.5, -2, [], {}, [1, "a", null, { b: [true] }], Object.create(null)]) expect(isJsonPlain(value)).toBe(true);
  });

  it("refuses what JSON would change", () => {
    class Point {
      x = 1;
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // eslint-disable-next-line no-sparse-arrays
    for (const value of [undefined, () => 1, Symbol("s"), 1n, Number.NaN, Infinity, -0, new Date(), new Point(), { a: undefined }, [undefined], [1, , 2], { toJSON: () => 1 }, cyclic])
      expect(isJsonPlain(value)).toBe(false);
  });

  it("answers for data as it is now: only what is frozen all the way down is taken as plain for good", () => {
    const inner: unknown[] = [1, "a"];
    const shallow = Object.freeze({ rows: inner });
    expect(isJsonPlain(shallow)).toBe(true);
    inner.push(new Date()); // the frozen object's array was not frozen
    expect(isJsonPlain(shallow)).toBe(false);

    const deep = Object.freeze({ rows: Object.freeze([Object.freeze({ id: 1, tags: Object.freeze(["x"]) })]) });
    expect(isJsonPlain(deep)).toBe(true);
    expect(isJsonPlain(deep)).toBe(true);
    // a new page's data around the same frozen rows
    expect(isJsonPlain({ page: 1, rows: deep.rows, at: null })).toBe(true);
    expect(isJsonPlain({ page: 1, rows: deep.rows, at: new Date() })).toBe(false);
    const mutable = { id: 2 };
    const mixed = Object.freeze([deep, mutable]);
    expect(isJsonPlain(mixed)).toBe(true);
    (mutable as Record<string, unknown>).when = undefined;
    expect(isJsonPlain(mixed)).toBe(false);
  });
});
