import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { EnumLiteralsPlugin } from "./enum-literals";
import type { Database } from "./schema";

// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone, and turning it into a JS Date
// would shift it across midnight in Asia/Tokyo.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint counts fit comfortably in a JS number at our scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A function's first parameter: either the pool-backed instance or a transaction. */
export type Executor = Kysely<Database>;

export function createDb(connectionString: string, options: { max?: number; applicationName?: string } = {}): DB {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "challenge-portal",
    // Keep each statement bounded so a stuck query cannot pin a connection forever.
    statement_timeout: 30_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  pool.on("connect", prepareRepeatedQueries);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new EnumLiteralsPlugin()] });
}

// Kysely sends every query as an unnamed statement, which PostgreSQL parses and plans afresh each time — on the
// busier pages that was a millisecond or more of database CPU per query, more than running it. Naming each
// parameterised query by its text lets each connection parse it once and PostgreSQL reuse a plan when a generic
// one is as good (plan_cache_mode = auto). Queries without parameters (DDL, multi-statement scripts) stay
// unnamed, and past MAX_NAMED distinct texts new ones do too, so an unusual stream of queries cannot grow the
// per-connection statement lists without bound.
const MAX_NAMED = 2000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED) {
    name = `q${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

function prepareRepeatedQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === "string" && Array.isArray(values) && values.length > 0 ? statementName(config) : undefined;
    return name ? query({ name, text: config, values }, callback) : query(config, values, callback);
  }) as typeof client.query;
}

// One pool per process even when both the tsx-loaded scripts and the Remix server bundle import this module.
const GLOBAL_KEY = Symbol.for("challenge-portal.db");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: DB };

export function getDb(): DB {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` or set DATABASE_URL.");
    g[GLOBAL_KEY] = createDb(url);
  }
  return g[GLOBAL_KEY]!;
}

export function setDb(db: DB | undefined): void {
  (globalThis as GlobalWithDb)[GLOBAL_KEY] = db;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const db = g[GLOBAL_KEY];
  g[GLOBAL_KEY] = undefined;
  if (db) await db.destroy();
}

/**
 * Runs `work` as one unit: in a new transaction, or — when `db` already is one (a seed replaying history, a job
 * handler) — under a savepoint, so a refused command undoes only its own writes and the caller can carry on.
 */
export async function atomically<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(work);
  await sql`SAVEPOINT portal_command`.execute(db);
  try {
    const result = await work(db);
    await sql`RELEASE SAVEPOINT portal_command`.execute(db);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT portal_command`.execute(db);
    throw error;
  }
}
