// The supervisor of `npm start` (run compiled, as build/start.js, by scripts/launch.mjs): embedded PostgreSQL
// (unless DATABASE_URL), migrations and demo data on the first run (in a child), then the web processes, the first
// of which also delivers email (ADR 006).
import { spawnSync } from "node:child_process";
import { openDatabase } from "../db/runtime.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../seeds/demo-accounts";
import { buildIfStale } from "./build-if-stale";
import { forkWebProcesses, webConcurrency } from "./web-processes";

process.env.NODE_ENV ??= "production";
const log = (line: string) => console.log(`[portal] ${line}`);

async function main() {
  const started = Date.now();
  const database = await openDatabase();
  log(database.embedded ? `組み込み PostgreSQL を使用します (${process.env.EMBEDDED_PG_DATA ?? ".data/pg"})` : "DATABASE_URL のデータベースを使用します");
  // openDatabase exported DATABASE_URL (and PORTAL_EMBEDDED) to this process's environment, which the child inherits.
  const prepared = spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare-database.ts"], { stdio: "inherit" });
  if (prepared.status !== 0) throw new Error("マイグレーションまたはデモデータの投入に失敗しました");
  buildIfStale(log);
  const { env } = await import("../app/env.server");
  const config = env();
  const processes = webConcurrency(config.WEB_CONCURRENCY);
  const running = await forkWebProcesses(processes, config.WEB_NODE_FLAGS);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} を受信しました。停止しています…`);
    const force = setTimeout(() => process.exit(1), 8000);
    force.unref();
    try {
      await running.stop();
      await database.stopEmbedded();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  log(`起動しました (${((Date.now() - started) / 1000).toFixed(1)} 秒、Web プロセス ${processes}): ${config.appUrl}`);
  if (config.demoMode) {
    log(`デモ用アカウント (パスワードはすべて ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) log(`  ${account.role.padEnd(16)} ${account.employeeNo}  ${account.email}  ${account.name}（${account.unitName}）`);
  }
}

main().catch(async (error) => {
  console.error("[portal] 起動できませんでした:", error instanceof Error ? error.message : error);
  process.exit(1);
});
