import { describe, expect, it } from "vitest";
import { parseArgs } from "../../bench/args";
import { scriptUrls, staticImports } from "../../bench/html";
import { allPass, BUDGETS, combineRuns, evaluateReport, evaluateRoutes, evaluateRss, formatTable, KB, MB, median, percentile, type RouteMeasurement, type Summary } from "../../bench/report";

const route = (over: Partial<RouteMeasurement>): RouteMeasurement => ({
  key: "page",
  label: "page",
  path: "/page",
  role: "employee",
  status: 200,
  reqPerSec: 500,
  p50Ms: 30,
  p99Ms: 80,
  requests: 5000,
  non2xx: 0,
  errors: 0,
  jsGzBytes: 100 * KB,
  ...over,
});

const baseline = route({ key: "baseline", label: "baseline", path: "/bench/baseline", reqPerSec: 1000, baseline: true });

describe("bench budgets", () => {
  it("passes a page at half the baseline's throughput with p99 and JavaScript within budget", () => {
    const [, page] = evaluateRoutes([baseline, route({ reqPerSec: 500, p99Ms: 150, jsGzBytes: 150 * KB })]);
    expect(page.ratio).toBe(0.5);
    expect(page).toMatchObject({ pass: true, failures: [] });
  });

  it("fails a page below half the baseline, over the p99 or over the JavaScript budget, naming each reason", () => {
    const [, slow, laggy, heavy, all] = evaluateRoutes([
      baseline,
      route({ reqPerSec: 499 }),
      route({ p99Ms: 151 }),
      route({ jsGzBytes: 150 * KB + 1 }),
      route({ reqPerSec: 100, p99Ms: 900, jsGzBytes: 200 * KB }),
    ]);
    expect(slow.failures).toEqual(["0.499× < 0.5×"]);
    expect(laggy.failures).toEqual(["p99 151 > 150 ms"]);
    expect(heavy.failures).toEqual(["JS 150.0 > 150 KB"]);
    expect(all.failures).toHaveLength(3);
    expect([slow, laggy, heavy, all].every((r) => !r.pass)).toBe(true);
  });

  it("judges the baseline by its own p99 and JavaScript, at a ratio of 1", () => {
    const [base] = evaluateRoutes([{ ...baseline, p99Ms: 200 }]);
    expect(base.ratio).toBe(1);
    expect(base.failures).toEqual(["p99 200 > 150 ms"]);
  });

  it("fails a page that did not answer 200, or answered errors under load", () => {
    const [, missing, flaky] = evaluateRoutes([baseline, route({ status: 404, reqPerSec: 0 }), route({ non2xx: 3, errors: 1 })]);
    expect(missing).toMatchObject({ pass: false, ratio: null, failures: ["HTTP 404"] });
    expect(flaky.failures).toEqual(["3 non-2xx", "1 errors"]);
  });

  it("has no ratio without a usable baseline, and says so", () => {
    const [brokenBase, page] = evaluateRoutes([{ ...baseline, status: 500 }, route({})]);
    expect(brokenBase.pass).toBe(false);
    expect(page).toMatchObject({ ratio: null, pass: false, failures: ["no baseline"] });
  });

  it("judges the report median (≤ 100 ms) and the peak RSS (≤ 400 MB), inclusive", () => {
    expect(evaluateReport(100)).toMatchObject({ pass: true, failure: null });
    expect(evaluateReport(100.4)).toMatchObject({ pass: false, failure: "100.4 > 100 ms" });
    expect(evaluateReport(null)).toMatchObject({ pass: false, failure: "not measured" });
    expect(evaluateRss(400 * MB)).toMatchObject({ pass: true, value: 400 });
    expect(evaluateRss(401 * MB)).toMatchObject({ pass: false, failure: "401 > 400 MB" });
    expect(evaluateRss(null).pass).toBe(false);
  });

  it("takes budgets as a parameter", () => {
    const [, page] = evaluateRoutes([baseline, route({ reqPerSec: 300 })], { ...BUDGETS, minRatio: 0.25 });
    expect(page.pass).toBe(true);
  });

  it("combines a route's rounds: mean throughput, the counts added, and the percentiles of all its requests", () => {
    // 100 requests of 10 ms and one slow spell of 200 ms in one round, 100 requests of 20 ms in another
    const slow = { reqPerSec: 300, p50Ms: 10, p99Ms: 200, requests: 101, non2xx: 0, errors: 1, latenciesMs: [...Array(100).fill(10.2), 200] };
    const steady = { reqPerSec: 200, p50Ms: 20, p99Ms: 20, requests: 100, non2xx: 2, errors: 0, latenciesMs: Array(100).fill(19.6) };
    const combined = combineRuns([slow, steady]);
    expect(combined).toEqual({ reqPerSec: 250, p50Ms: 20, p99Ms: 20, requests: 201, non2xx: 2, errors: 1 });
    // one slow request in 201 is beyond the p99; three are not
    expect(combineRuns([{ ...slow, latenciesMs: [...Array(98).fill(10), 200, 200, 200] }, steady]).p99Ms).toBe(200);
    expect(combineRuns([steady])).toMatchObject({ p50Ms: 20, p99Ms: 20 });
    expect(combineRuns([{ ...steady, latenciesMs: [] }])).toMatchObject({ p50Ms: 0, p99Ms: 0 });
    expect(() => combineRuns([])).toThrow();
  });

  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1 … 100
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });

  it("computes a median of odd and even counts without reordering its input", () => {
    const times = [30, 10, 20];
    expect(median(times)).toBe(20);
    expect(times).toEqual([30, 10, 20]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe("bench table", () => {
  const summary = (routes: RouteMeasurement[]): Summary => ({
    routes: evaluateRoutes(routes),
    report: { ...evaluateReport(42.25), fiscalYear: 2026, runs: 20 },
    rss: evaluateRss(180 * MB),
  });

  it("prints one Markdown row per route with req/s, p50, p99, ratio, JS and the verdict, then the report and RSS lines", () => {
    const table = formatTable(summary([baseline, route({ label: "postings browse", path: "/postings?q=%E3%83%87%E3%83%BC%E3%82%BF", reqPerSec: 612.4, p50Ms: 28, p99Ms: 71.6, jsGzBytes: 120.44 * KB })]));
    const lines = table.split("\n");
    expect(lines[0]).toBe("| route | req/s | p50 ms | p99 ms | × baseline | JS gz KB | result |");
    expect(lines[1]).toBe("|---|--:|--:|--:|--:|--:|---|");
    expect(lines[2]).toBe("| baseline `/bench/baseline` | 1,000 | 30 | 80 | 1.00 | 100.0 | PASS |");
    expect(lines[3]).toBe("| postings browse `/postings?q=データ` | 612 | 28 | 72 | 0.61 | 120.4 | PASS |");
    expect(table).toContain("- participationReport (FY2026), median of 20 in-process runs: 42.3 ms (budget ≤ 100 ms) — PASS");
    expect(table).toContain("- server peak RSS (VmHWM): 180 MB (budget ≤ 400 MB) — PASS");
  });

  it("marks failures in the row and dashes what was not measured", () => {
    const s = summary([baseline, route({ label: "ranking", path: "/r", reqPerSec: 50, p99Ms: 800 }), route({ label: "reports", path: "/reports", status: 404 })]);
    const table = formatTable(s);
    expect(table).toContain("| ranking `/r` | 50 | 30 | 800 | 0.05 | 100.0 | FAIL (0.05× < 0.5×; p99 800 > 150 ms) |");
    expect(table).toContain("| reports `/reports` | – | – | – | – | – | FAIL (HTTP 404) |");
    expect(allPass(s)).toBe(false);
    expect(allPass(summary([baseline, route({})]))).toBe(true);
  });
});

describe("bench page JavaScript", () => {
  const html = `<html><head><link rel="stylesheet" href="/build/_assets/tailwind.css"/>
    <link rel="modulepreload" href="/build/manifest-1.js"/><link rel="modulepreload" href="/build/root-2.js"/></head>
    <body><script>window.__remixContext = {"url":"/build/routes/other-9.js"};</script>
    <script type="module" async="">import "/build/manifest-1.js";
import * as route0 from "/build/root-2.js";
import * as route1 from "/build/routes/page-3.js";</script><script src="/build/legacy-4.js"></script>
    <script src="https://cdn.example/x.js"></script></body></html>`;

  it("collects modulepreloads, script srcs and inline module imports under /build, not JSON mentions or other hosts", () => {
    expect(scriptUrls(html).sort()).toEqual(["/build/legacy-4.js", "/build/manifest-1.js", "/build/root-2.js", "/build/routes/page-3.js"]);
  });

  it("follows static imports and re-exports but not dynamic import()", () => {
    const source = `import"/build/_shared/a.js";import{x as y}from"/build/_shared/b.js";export{z}from"./c.js";const l=()=>import("/build/routes/lazy.js");`;
    expect(staticImports(source)).toEqual(["/build/_shared/a.js", "/build/_shared/b.js", "./c.js"]);
  });
});

describe("bench options", () => {
  it("runs the default prefecture for 10 s per route, or a small one for 3 s with --quick", () => {
    expect(parseArgs([])).toMatchObject({ quick: false, scale: 1, seconds: 10, rounds: 3, out: "bench/results/latest.json" });
    expect(parseArgs(["--quick"])).toMatchObject({ quick: true, scale: 0.05, seconds: 3, rounds: 1 });
    expect(parseArgs(["--quick", "--scale", "0.2"])).toMatchObject({ scale: 0.2, seconds: 3 });
    expect(parseArgs(["--scale=2", "--out=/tmp/x.json"])).toMatchObject({ scale: 2, seconds: 10, out: "/tmp/x.json" });
  });

  it("refuses what it does not understand", () => {
    expect(() => parseArgs(["--scale", "0"])).toThrow(/positive/);
    expect(() => parseArgs(["--scale"])).toThrow(/needs a value/);
    expect(() => parseArgs(["--fast"])).toThrow(/unknown option/);
  });
});
