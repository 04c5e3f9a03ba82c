// The benchmark's verdicts and its Markdown table: pure functions over measurements (no I/O), so the budget rules
// are unit-tested (test/unit/bench-report.test.ts) apart from the harness that measures.

/** Issue 7's budgets for the default run on a 2-core machine. KB and MB are binary (1024, 1024²). */
export const BUDGETS = {
  /** every page's req/s at least this share of the baseline's */
  minRatio: 0.5,
  maxP99Ms: 150,
  maxReportMedianMs: 100,
  maxRssMB: 400,
  maxJsGzKB: 150,
} as const;

export type Budgets = { [K in keyof typeof BUDGETS]: number };

export interface RouteMeasurement {
  key: string;
  label: string;
  path: string;
  role: string;
  /** the status of the signed-in check request before the load; anything but 200 is a failure */
  status: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** responses that were not 2xx, and connection errors/timeouts, during the load */
  non2xx: number;
  errors: number;
  /** gzipped bytes of the JavaScript the page loads (scripts, modulepreloads and their static imports) */
  jsGzBytes: number;
  baseline?: boolean;
}

export interface RouteVerdict extends RouteMeasurement {
  /** req/s relative to the baseline's; null when there is no usable baseline */
  ratio: number | null;
  pass: boolean;
  failures: string[];
}

export interface Verdict {
  value: number | null;
  budget: number;
  pass: boolean;
  failure: string | null;
}

export const KB = 1024;
export const MB = 1024 * 1024;

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export type RunFigures = Pick<RouteMeasurement, "reqPerSec" | "p50Ms" | "p99Ms" | "requests" | "non2xx" | "errors">;

/**
 * Load runs of one route (equally long) as one: mean req/s, the counts added up, and p50 and p99 of all the route's
 * requests (nearest rank over every run's response times, in autocannon's whole milliseconds). Not the worst run's
 * percentile: a run of 3.3 s holds about a thousand requests, so its p99 is set by its ten slowest, and the worst of
 * three such figures reads much further into the tail than the p99 of the route's 10 s.
 */
export function combineRuns(runs: (RunFigures & { latenciesMs: number[] })[]): RunFigures {
  if (runs.length === 0) throw new RangeError("no runs to combine");
  const all = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    reqPerSec: runs.reduce((sum, r) => sum + r.reqPerSec, 0) / runs.length,
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Nearest-rank percentile of ascending values, rounded to whole milliseconds as autocannon reports them; 0 for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]);
}

export function evaluateRoutes(routes: RouteMeasurement[], budgets: Budgets = BUDGETS): RouteVerdict[] {
  const baseline = routes.find((r) => r.baseline);
  const baseRate = baseline && baseline.status === 200 && baseline.reqPerSec > 0 ? baseline.reqPerSec : null;
  return routes.map((route) => {
    const failures: string[] = [];
    if (route.status !== 200) failures.push(`HTTP ${route.status}`);
    else {
      if (route.non2xx > 0) failures.push(`${route.non2xx} non-2xx`);
      if (route.errors > 0) failures.push(`${route.errors} errors`);
    }
    const ratio = route.baseline ? (baseRate === null ? null : 1) : baseRate === null || route.status !== 200 ? null : route.reqPerSec / baseRate;
    if (route.status === 200) {
      if (!route.baseline && ratio === null) failures.push("no baseline");
      if (ratio !== null && ratio < budgets.minRatio) failures.push(`${fmt(ratio, ratio < budgets.minRatio && ratio >= budgets.minRatio - 0.005 ? 3 : 2)}× < ${budgets.minRatio}×`);
      if (route.p99Ms > budgets.maxP99Ms) failures.push(`p99 ${fmt(route.p99Ms, 0)} > ${budgets.maxP99Ms} ms`);
      if (route.jsGzBytes / KB > budgets.maxJsGzKB) failures.push(`JS ${fmt(route.jsGzBytes / KB, 1)} > ${budgets.maxJsGzKB} KB`);
    }
    return { ...route, ratio, pass: failures.length === 0, failures };
  });
}

export function evaluateReport(medianMs: number | null, budgets: Budgets = BUDGETS): Verdict {
  if (medianMs === null) return { value: null, budget: budgets.maxReportMedianMs, pass: false, failure: "not measured" };
  const pass = medianMs <= budgets.maxReportMedianMs;
  return { value: medianMs, budget: budgets.maxReportMedianMs, pass, failure: pass ? null : `${fmt(medianMs, 1)} > ${budgets.maxReportMedianMs} ms` };
}

export function evaluateRss(peakBytes: number | null, budgets: Budgets = BUDGETS): Verdict {
  if (peakBytes === null) return { value: null, budget: budgets.maxRssMB, pass: false, failure: "not measured" };
  const mb = peakBytes / MB;
  const pass = mb <= budgets.maxRssMB;
  return { value: mb, budget: budgets.maxRssMB, pass, failure: pass ? null : `${fmt(mb, 0)} > ${budgets.maxRssMB} MB` };
}

export function fmt(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `/postings?q=%E3%83%87…` → `/postings?q=デ…` for the table (the JSON keeps the path as requested). */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const result = (pass: boolean, failures: string[]) => (pass ? "PASS" : `FAIL (${failures.join("; ")})`);

export interface Summary {
  routes: RouteVerdict[];
  report: Verdict & { fiscalYear: number; runs: number };
  rss: Verdict;
}

/** One Markdown table (a row per route) and the two lines for the report query and the server's memory. */
export function formatTable(summary: Summary): string {
  const rows = summary.routes.map((r) => {
    const measured = r.status === 200;
    const cells = [
      `${r.label} \`${readablePath(r.path)}\``,
      measured ? fmt(r.reqPerSec, 0) : "–",
      measured ? fmt(r.p50Ms, 0) : "–",
      measured ? fmt(r.p99Ms, 0) : "–",
      r.ratio === null ? "–" : fmt(r.ratio, 2),
      measured ? fmt(r.jsGzBytes / KB, 1) : "–",
      result(r.pass, r.failures),
    ];
    return `| ${cells.join(" | ")} |`;
  });
  const { report, rss } = summary;
  return [
    "| route | req/s | p50 ms | p99 ms | × baseline | JS gz KB | result |",
    "|---|--:|--:|--:|--:|--:|---|",
    ...rows,
    "",
    `- participationReport (FY${report.fiscalYear}), median of ${report.runs} in-process runs: ${report.value === null ? "–" : `${fmt(report.value, 1)} ms`} (budget ≤ ${report.budget} ms) — ${result(report.pass, report.failure ? [report.failure] : [])}`,
    `- server peak RSS (VmHWM): ${rss.value === null ? "–" : `${fmt(rss.value, 0)} MB`} (budget ≤ ${rss.budget} MB) — ${result(rss.pass, rss.failure ? [rss.failure] : [])}`,
  ].join("\n");
}

export function allPass(summary: Summary): boolean {
  return summary.routes.every((r) => r.pass) && summary.report.pass && summary.rss.pass;
}
