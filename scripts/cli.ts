// `npm run cli -- <command>`: every command uses DATABASE_URL when set, otherwise the embedded cluster of `npm start`.
// stdout carries only a command's result (e.g. report JSON); progress and errors go to stderr.
import { closeDb, getDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";
import { openDatabase, type DatabaseHandle } from "../db/runtime.server";
import { runImportCommand } from "../app/people/import/cli.server";
import { purgeConsultationNotes } from "../app/consultations/retention.server";
import { participationReport } from "../app/reports/participation.server";
import { seedDemo } from "../seeds/index.server";

const USAGE = `使い方 / usage:
  npm run cli -- db migrate
  npm run cli -- db seed
  npm run cli -- import departments FILE
  npm run cli -- import employees FILE
  npm run cli -- import participations FILE
  npm run --silent cli -- report participation --fy 2024 [--as-of 2024-10-01] [--json]
  npm run cli -- purge consultation-notes [--years N]`;

/** `--name value` and `--name=value` options; flags without a value are true. */
function options(args: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) continue;
    if (match[2] !== undefined) out.set(match[1], match[2]);
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) out.set(match[1], args[++i]);
    else out.set(match[1], true);
  }
  return out;
}

const err = (line: string) => process.stderr.write(`${line}\n`);

async function run(args: string[], database: DatabaseHandle): Promise<number> {
  const [command, sub, ...rest] = args;
  const db = getDb();
  if (command === "db" && sub === "migrate") {
    const result = await migrateToLatest(db);
    const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
    err(applied.length ? `マイグレーションを適用しました: ${applied.join(", ")}` : "マイグレーションは最新です。");
    return 0;
  }
  if (command === "db" && sub === "seed") {
    await migrateToLatest(db);
    const counts = await seedDemo(db, { log: err });
    err(`デモデータを投入しました: 所属 ${counts.departments} 件、職員 ${counts.employees} 名`);
    return 0;
  }
  if (command === "import" && sub) {
    const file = rest[0];
    if (!file) {
      err(USAGE);
      return 2;
    }
    await migrateToLatest(db);
    return runImportCommand(db, sub, file, { log: (line) => process.stdout.write(`${line}\n`), error: err });
  }
  if (command === "report" && sub === "participation") {
    const opts = options(rest);
    const fy = opts.get("fy");
    const asOf = opts.get("as-of");
    const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
    if (typeof fy !== "string" || !/^\d{4}$/.test(fy) || (asOf !== undefined && !isDate(asOf))) {
      err(USAGE);
      return 2;
    }
    await migrateToLatest(db);
    const report = await participationReport(db, { fiscalYear: Number(fy), asOf: typeof asOf === "string" ? asOf : undefined });
    if (opts.get("json")) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      const pct = (report.participationRate * 100).toFixed(1);
      process.stdout.write(
        [
          `${report.label}（${report.asOf} 時点）`,
          `参加者（実人数） ${report.participants} 人${report.target ? ` ／ 目標 ${report.target} 人` : ""}（職員 ${report.headcount} 人の ${pct}%、延べ ${report.grossParticipants} 人）`,
          `  庁内複業 ${report.sideJob.participants} 人（募集 ${report.sideJob.viaPostings} 人・コンテスト ${report.sideJob.viaContest} 人）`,
          `  ジョブチャレンジ ${report.jobChallenge.participants} 人`,
          `チャレンジコンテスト 提案 ${report.contest.proposals} 件（正式採択 ${report.contest.adopted}・ステップアップ枠 ${report.contest.stepUp}）、従事 ${report.contest.engaged} 人`,
          `キャリア相談 ${report.consultations.count} 件`,
        ].join("\n") + "\n",
      );
    }
    return 0;
  }
  if (command === "purge" && sub === "consultation-notes") {
    // Counsellor notes (and employees' notes to the counsellor) of sessions older than N years; bookings stay.
    let years: number | undefined;
    for (let i = 0; i < rest.length; i += 1) {
      const arg = rest[i];
      const value = arg === "--years" ? rest[++i] : arg.startsWith("--years=") ? arg.slice("--years=".length) : null;
      if (value === null || !/^\d+$/.test(value ?? "")) {
        err(USAGE);
        return 2;
      }
      years = Number(value);
    }
    await migrateToLatest(db);
    const result = await purgeConsultationNotes(db, { years });
    err(`保存期間 ${result.years} 年（${result.cutoff.toISOString()} より前の相談が対象）`);
    process.stdout.write(`削除: メモ ${result.notesDeleted}件、相談者メモ ${result.employeeNotesCleared}件\n`);
    return 0;
  }
  void database;
  err(USAGE);
  return 2;
}

async function main() {
  const database = await openDatabase({ quiet: true });
  let code = 1;
  try {
    code = await run(process.argv.slice(2), database);
  } catch (error) {
    err(`エラー: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    await closeDb();
    await database.stopEmbedded();
  }
  process.exit(code);
}

void main();
