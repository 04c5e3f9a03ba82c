// `npm start`: the zero-setup path. Embedded PostgreSQL (unless DATABASE_URL), migrations, demo data on the
// first run, a production build when sources changed, then the server and the delivery worker.
import { closeDb, getDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";
import { openDatabase } from "../db/runtime.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../seeds/demo-accounts";
import { isDemoSeeded, seedDemo } from "../seeds/index.server";
import { buildIfStale } from "./build-if-stale";

process.env.NODE_ENV ??= "production";
const log = (line: string) => console.log(`[portal] ${line}`);

async function main() {
  const started = Date.now();
  const database = await openDatabase();
  log(database.embedded ? `組み込み PostgreSQL を使用します (${process.env.EMBEDDED_PG_DATA ?? ".data/pg"})` : "DATABASE_URL のデータベースを使用します");
  const db = getDb();
  await migrateToLatest(db);
  const wantSeed = database.embedded || process.env.SEED_DEMO === "1" || process.env.SEED_DEMO === "true";
  if (wantSeed && !(await isDemoSeeded(db))) {
    log("初回起動: デモデータを投入しています…");
    const counts = await seedDemo(db, { log });
    log(`デモデータ: 所属 ${counts.departments} 件、職員 ${counts.employees} 名`);
  }
  buildIfStale(log);
  const { startServer } = await import("../server");
  const { env } = await import("../app/env.server");
  const config = env();
  const running = await startServer({ port: config.PORT });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} を受信しました。停止しています…`);
    const force = setTimeout(() => process.exit(1), 8000);
    force.unref();
    try {
      await running.close();
      await closeDb();
      await database.stopEmbedded();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  log(`起動しました (${((Date.now() - started) / 1000).toFixed(1)} 秒): ${config.appUrl}`);
  if (config.demoMode) {
    log(`デモ用アカウント (パスワードはすべて ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) log(`  ${account.role.padEnd(16)} ${account.employeeNo}  ${account.email}  ${account.name}（${account.unitName}）`);
  }
}

main().catch(async (error) => {
  console.error("[portal] 起動できませんでした:", error instanceof Error ? error.message : error);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
