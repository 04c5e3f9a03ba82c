import { sql } from "kysely";
import type { Executor } from "../../../db/client.server";
import { audit } from "../../audit/audit.server";
import type { ImportContext, ImportError, ImportResult, SupportedImportKind } from "./types";

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at ten columns a row. */
export const CHUNK_SIZE = 1000;

// One arbitrary constant shared by every import: imports of any kind run one at a time, so the checks an
// import makes (codes, emails) still hold when it writes.
const IMPORT_LOCK_KEY = 7_320_411;

/** What a kind's analysis returns: the verdict plus how to write it. */
export interface ImportPlan {
  errors: ImportError[];
  created: number;
  updated: number;
  unchanged: number;
  /** writes the created and updated rows; called only when there are no errors and not in a dry run */
  apply(trx: Executor): Promise<void>;
}

export function chunk<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function lineNumbers(count: number, lines: number[] | undefined): number[] {
  if (lines && lines.length !== count) throw new Error(`lines has ${lines.length} entries for ${count} rows`);
  return lines ?? Array.from({ length: count }, (_, i) => i + 2);
}

function byLine(a: ImportError, b: ImportError): number {
  return a.line - b.line;
}

/** Runs `work` in the caller's transaction if it is one, otherwise in a new one. */
export async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * The shape every kind shares: analyse (read-only, set-based), and unless it is a dry run or anything is
 * wrong, apply and audit in one transaction. The analysis is repeated inside the transaction, after the lock,
 * so what is written is exactly what was checked.
 */
export async function runImport(
  db: Executor,
  kind: SupportedImportKind,
  rowCount: number,
  context: ImportContext,
  analyse: (db: Executor) => Promise<ImportPlan>,
): Promise<ImportResult> {
  const verdict = (plan: ImportPlan): ImportResult => {
    const errors = [...(context.priorErrors ?? []), ...plan.errors].sort(byLine);
    return {
      ok: errors.length === 0,
      total: rowCount + (context.skippedRows ?? 0),
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
      errors,
    };
  };

  if (context.dryRun) return verdict(await analyse(db));

  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`.execute(trx);
    const plan = await analyse(trx);
    const result = verdict(plan);
    if (!result.ok) return result;
    await plan.apply(trx);
    await audit(trx, {
      actorId: context.actorId ?? null,
      action: `import.${kind}`,
      entityType: "import",
      entityId: context.previewId ?? null,
      detail: { fileName: context.fileName ?? null, total: result.total, created: result.created, updated: result.updated, unchanged: result.unchanged },
      ip: context.ip ?? null,
    });
    return result;
  });
}
