import type { TestProject } from "vitest/node";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded.server";
import { createDb } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate.server";

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL / DATABASE_URL when set (CI runs both),
 * otherwise an embedded cluster of its own under .data/pg-test. Migrations run once into a template database;
 * every test file then gets a fresh copy of it, so files run in parallel without seeing each other's rows.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ ...embeddedTestCluster(), database: "postgres" });
    serverUrl = embedded.url;
  }
  const template = `portal_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on("error", (error) => console.error("[test db] admin connection:", error.message));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const db = createDb(withDatabase(serverUrl, template), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide("testServerUrl", serverUrl);
  project.provide("templateDatabase", template);

  return async () => {
    // Drop what this run created (per-file databases are dropped by their files; sweep leftovers too).
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2",
      [template, `${template}_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    if (embedded?.owned) await embedded.stop();
  };
}

/**
 * The embedded cluster for tests: .data/pg-test of this checkout, on a port derived from its path, so two
 * checkouts on one machine (a CI clone next to a working copy) never share — or stop — each other's cluster.
 * Every embedded port sits below Linux's ephemeral range (32768–60999): a port up there can be held at any
 * moment by some outgoing connection's local end, and PostgreSQL then cannot bind it (a CI run was lost that way).
 */
export function embeddedTestCluster(): { dataDir: string; port: number } {
  const dataDir = path.resolve(process.env.EMBEDDED_PG_TEST_DATA ?? ".data/pg-test");
  const hash = [...dataDir].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return { dataDir, port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 24400 + (hash % 500)) };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
