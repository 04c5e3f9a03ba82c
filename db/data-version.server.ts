import { sql } from "kysely";
import type { Executor } from "./client.server";

// The report data version (migration 0007, ADR 005): one row whose version grows at the commit of every transaction
// that wrote data the cached pages read. Read on its own, or in the same statement as a request's session (ADR 012).

export interface DataVersion {
  /** The row's random epoch: a recreated row starts a new one. */
  epoch: string;
  version: number;
  /** The database server's start time: a database restored from a backup comes back on a restarted server. */
  started: string;
}

/** The version as three columns; `alias` names report_data_version in the caller's FROM. */
export const dataVersionColumns = (alias: string) =>
  [
    sql<string>`${sql.ref(`${alias}.epoch`)}::text`.as("data_version_epoch"),
    sql<number>`${sql.ref(`${alias}.version`)}`.as("data_version"),
    sql<string>`pg_postmaster_start_time()::text`.as("data_version_started"),
  ] as const;

/** A row read with dataVersionColumns, as a DataVersion (undefined when the version row is missing). */
export function dataVersionOf(row: { data_version_epoch: string | null; data_version: number | string | null; data_version_started: string | null }): DataVersion | undefined {
  if (row.data_version_epoch === null || row.data_version === null || row.data_version_started === null) return undefined;
  return { epoch: row.data_version_epoch, version: Number(row.data_version), started: row.data_version_started };
}

export async function readDataVersion(db: Executor): Promise<DataVersion | undefined> {
  return (await sql<DataVersion>`SELECT epoch::text AS epoch, version, pg_postmaster_start_time()::text AS started FROM report_data_version`.execute(db)).rows[0];
}
