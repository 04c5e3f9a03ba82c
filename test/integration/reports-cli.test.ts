import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { todayInTokyo } from "../../app/i18n/format";
import { participationReport } from "../../app/reports/participation.server";
import { seedDemo } from "../../seeds/index.server";
import { useTestDatabase } from "../helpers/db";

// The prefecture's published figures (DESIGN §2, issue 6) from the demo data, through the CLI exactly as HR's
// scripts call it: `report participation --fy N [--as-of D] --json` prints one JSON object and nothing else.

const t = useTestDatabase();
const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** stdout must be exactly one JSON object on one line. */
function onlyJson(result: CliResult): Record<string, unknown> {
  expect(result.code).toBe(0);
  expect(result.stdout.endsWith("\n")).toBe(true);
  expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
  const value = JSON.parse(result.stdout) as unknown;
  expect(value).toBeTypeOf("object");
  expect(Array.isArray(value)).toBe(false);
  return value as Record<string, unknown>;
}

const KEYS = ["fiscalYear", "label", "asOf", "headcount", "target", "participants", "grossParticipants", "participationRate", "sideJob", "jobChallenge", "contest", "consultations"];

let runs: { oct1: CliResult; sep30: CliResult; current: CliResult };

beforeAll(async () => {
  await seedDemo(t.db);
  // The three reports in parallel: each is a process of its own.
  const [oct1, sep30, current] = await Promise.all([
    cli("report", "participation", "--fy", "2024", "--as-of", "2024-10-01", "--json"),
    cli("report", "participation", "--fy=2024", "--as-of=2024-09-30", "--json"),
    cli("report", "participation", "--fy", "2026", "--json"),
  ]);
  runs = { oct1, sep30, current };
}, 240_000);

describe("report participation --json on the demo data", () => {
  it("令和6年度 as of 2024-10-01: 35 people (1.1%) = 庁内複業 22 (13 + 9) + ジョブチャレンジ 13; contest 8 / 3 / 5 / 13", () => {
    const report = onlyJson(runs.oct1);
    expect(Object.keys(report)).toEqual(KEYS);
    expect(report).toMatchObject({
      fiscalYear: 2024,
      label: "令和6年度",
      asOf: "2024-10-01",
      target: null,
      participants: 35,
      grossParticipants: 35,
      sideJob: { participants: 22, viaPostings: 13, viaContest: 9 },
      jobChallenge: { participants: 13 },
      contest: { proposals: 8, adopted: 3, stepUp: 5, engaged: 13 },
    });
    // an unrounded fraction that rounds to 1.1%
    const rate = report.participationRate as number;
    expect(rate).toBeTypeOf("number");
    expect(rate).not.toBe(Math.round(rate * 1000) / 1000);
    expect(Math.round(rate * 1000) / 1000).toBe(0.011);
    expect(rate).toBeCloseTo(35 / (report.headcount as number), 12);
    expect(runs.oct1.stderr).not.toMatch(/エラー/);
  });

  it("令和6年度 as of 2024-09-30: 15 consultations", () => {
    const report = onlyJson(runs.sep30);
    expect(report).toMatchObject({ fiscalYear: 2024, asOf: "2024-09-30", consultations: { count: 15 } });
  });

  it("令和8年度 today: below the target of 50", () => {
    const report = onlyJson(runs.current);
    expect(report).toMatchObject({ fiscalYear: 2026, label: "令和8年度", target: 50 });
    const today = todayInTokyo();
    if (today >= "2026-04-01" && today <= "2027-03-31") expect(report.asOf).toBe(today);
    expect(report.participants as number).toBeGreaterThan(0);
    expect(report.participants as number).toBeLessThan(50);
  });

  it("令和8年度 grows month by month (the same query in process, as of each month's first day)", async () => {
    const today = todayInTokyo();
    const firsts: string[] = [];
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(2026, 3 + m, 1)).toISOString().slice(0, 10);
      if (date <= today) firsts.push(date);
    }
    const series = await Promise.all(firsts.map(async (asOf) => (await participationReport(t.db, { fiscalYear: 2026, asOf }, today)).participants));
    for (let i = 1; i < series.length; i++) expect(series[i], `${firsts[i]} vs ${firsts[i - 1]}`).toBeGreaterThanOrEqual(series[i - 1]);
    if (series.length > 1) expect(series.at(-1)!).toBeGreaterThan(series[0]);
  });
});

describe("report participation: bad arguments", () => {
  it("exit 2 with the usage on stderr and nothing on stdout", async () => {
    const cases = [
      ["report", "participation"],
      ["report", "participation", "--json"],
      ["report", "participation", "--fy", "24", "--json"],
      ["report", "participation", "--fy", "2024", "--as-of", "2024/10/01", "--json"],
      ["report", "participation", "--fy"],
      ["report"],
    ];
    const results = await Promise.all(cases.map((args) => cli(...args)));
    results.forEach((result, i) => {
      expect({ args: cases[i].join(" "), code: result.code, stdout: result.stdout }).toEqual({ args: cases[i].join(" "), code: 2, stdout: "" });
      expect(result.stderr).toContain("report participation --fy 2024 [--as-of 2024-10-01] [--json]");
    });
  }, 180_000);
});
