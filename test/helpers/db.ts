import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, setDb, type DB } from "../../db/client.server";
import { withDatabase } from "./global-setup";

export interface TestDatabase {
  db: DB;
  url: string;
}

/**
 * A fresh, migrated database for this test file (a copy of the run's template). Also installed as the
 * process-wide database, so loaders and actions called from the test reach it through getDb().
 */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  const serverUrl = inject("testServerUrl");
  const template = inject("templateDatabase");
  const name = `${template}_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    handle.url = withDatabase(serverUrl, name);
    handle.db = createDb(handle.url, { max: 30 });
    process.env.DATABASE_URL = handle.url;
    setDb(handle.db);
  });

  afterAll(async () => {
    setDb(undefined);
    await handle.db?.destroy();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  return handle;
}
