import { describe, expect, it } from "vitest";
import { suppressCells } from "~/consultations/suppression";

// Hand-made fixtures for the small-cell rule HR's consultation statistics use.
const cells = (counts: Record<string, number>) => Object.entries(counts).map(([key, count]) => ({ key, count }));
const hidden = (result: ReturnType<typeof suppressCells>) => result.filter((c) => c.suppressed).map((c) => c.key);
const shown = (result: ReturnType<typeof suppressCells>) => Object.fromEntries(result.filter((c) => !c.suppressed).map((c) => [c.key, c.count]));

describe("suppressCells", () => {
  it("no small cells → nothing hidden, counts unchanged, order kept", () => {
    const result = suppressCells(cells({ 総務部: 12, 観光部: 3, 土木部: 7 }));
    expect(result).toEqual([
      { key: "総務部", count: 12, suppressed: false },
      { key: "観光部", count: 3, suppressed: false },
      { key: "土木部", count: 7, suppressed: false },
    ]);
  });

  it("one small cell → it is shown as small and the smallest other non-zero cell is hidden too", () => {
    const result = suppressCells(cells({ a: 2, b: 9, c: 4, d: 0, e: 6 }));
    expect(hidden(result)).toEqual(["a", "c"]);
    expect(result.find((c) => c.key === "a")).toEqual({ key: "a", count: null, suppressed: true, reason: "small" });
    expect(result.find((c) => c.key === "c")).toEqual({ key: "c", count: null, suppressed: true, reason: "secondary" });
    // the zero stays a visible zero; the others keep their counts
    expect(shown(result)).toEqual({ b: 9, d: 0, e: 6 });
  });

  it("one small cell of 1: ties for the secondary go to the first in order", () => {
    const result = suppressCells(cells({ x: 5, y: 1, z: 5 }));
    expect(hidden(result)).toEqual(["x", "y"]);
    expect(result[0].reason).toBe("secondary");
    expect(result[1].reason).toBe("small");
  });

  it("the total minus the visible cells never gives back a lone small cell", () => {
    const input = cells({ a: 1, b: 3, c: 10 });
    const result = suppressCells(input);
    const total = input.reduce((sum, c) => sum + c.count, 0);
    const visible = result.reduce((sum, c) => sum + (c.count ?? 0), 0);
    // two cells share what is left, so neither is determined by it
    expect(result.filter((c) => c.suppressed)).toHaveLength(2);
    expect(total - visible).toBe(4);
  });

  it("two small cells → exactly those two, no secondary", () => {
    const result = suppressCells(cells({ a: 2, b: 8, c: 1, d: 0 }));
    expect(hidden(result)).toEqual(["a", "c"]);
    expect(result.filter((c) => c.suppressed).every((c) => c.reason === "small")).toBe(true);
    expect(shown(result)).toEqual({ b: 8, d: 0 });
  });

  it("all cells small → all hidden as small", () => {
    const result = suppressCells(cells({ a: 1, b: 2, c: 2 }));
    expect(result.every((c) => c.suppressed && c.count === null && c.reason === "small")).toBe(true);
  });

  it("zeros are not suppressed (0 is shown)", () => {
    expect(suppressCells(cells({ a: 0, b: 0, c: 0 }))).toEqual([
      { key: "a", count: 0, suppressed: false },
      { key: "b", count: 0, suppressed: false },
      { key: "c", count: 0, suppressed: false },
    ]);
  });

  it("one small cell and only zeros besides → a zero cell is hidden, or the small one would equal the total", () => {
    const result = suppressCells(cells({ a: 0, b: 2, c: 0 }));
    expect(hidden(result)).toEqual(["a", "b"]);
    expect(result[0].reason).toBe("secondary");
  });

  it("a breakdown of one cell hides that cell and nothing else", () => {
    expect(suppressCells(cells({ only: 2 }))).toEqual([{ key: "only", count: null, suppressed: true, reason: "small" }]);
  });

  it("the threshold is a parameter (default 3): with 5, counts 1–4 are small", () => {
    expect(hidden(suppressCells(cells({ a: 4, b: 5, c: 6 }), 5))).toEqual(["a", "b"]);
    expect(hidden(suppressCells(cells({ a: 3, b: 5, c: 6 })))).toEqual([]);
  });

  it("refuses negative or fractional counts and a bad threshold", () => {
    expect(() => suppressCells(cells({ a: -1 }))).toThrow(RangeError);
    expect(() => suppressCells(cells({ a: 1.5 }))).toThrow(RangeError);
    expect(() => suppressCells(cells({ a: 1 }), 0)).toThrow(RangeError);
  });

  it("does not mutate its input", () => {
    const input = cells({ a: 1, b: 4 });
    const copy = structuredClone(input);
    suppressCells(input);
    expect(input).toEqual(copy);
  });
});
