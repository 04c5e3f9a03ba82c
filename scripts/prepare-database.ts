// Step of `npm start`, run as a short-lived child process: applies the migrations and, on the first run of the
// zero-setup database (or with SEED_DEMO=1), loads the demo data. In a child, the migration and seed code does not
// stay in the memory of the long-lived supervisor.
import { closeDb, getDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate.server";
import { isDemoSeeded } from "../seeds/demo-status.server";

const log = (line: string) => console.log(`[portal] ${line}`);

try {
  const db = getDb();
  await migrateToLatest(db);
  const wantSeed = process.env.PORTAL_EMBEDDED === "1" || process.env.SEED_DEMO === "1" || process.env.SEED_DEMO === "true";
  if (wantSeed && !(await isDemoSeeded(db))) {
    log("初回起動: デモデータを投入しています…");
    const { seedDemo } = await import("../seeds/index.server");
    const counts = await seedDemo(db, { log });
    log(`デモデータ: 所属 ${counts.departments} 件、職員 ${counts.employees} 名`);
  }
} catch (error) {
  console.error("[portal] データベースを準備できませんでした:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
