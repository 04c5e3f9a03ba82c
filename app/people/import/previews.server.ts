import { sql } from "kysely";
import type { Executor } from "../../../db/client.server";
import { decodeCsv, type CsvEncoding } from "./decode.server";
import { importCsv } from "./import.server";
import { IMPORT_KINDS, isSupportedImportKind } from "./kinds.server";
import type { ImportResult, SupportedImportKind } from "./types";

// A browser import is two requests: the upload is kept in import_previews and checked without writing; the
// confirmation imports those same bytes for real. Each preview belongs to the person who uploaded it.

export interface ImportPreview {
  id: string;
  kind: SupportedImportKind;
  fileName: string;
  content: Buffer;
  createdAt: Date;
  confirmedAt: Date | null;
}

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keep the name only (some browsers send a path) and bound it. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? "";
  return (base || "upload.csv").slice(0, 200);
}

export async function createImportPreview(
  db: Executor,
  input: { kind: SupportedImportKind; fileName: string; content: Buffer; createdBy: number },
): Promise<string> {
  const row = await db
    .insertInto("import_previews")
    .values({ kind: input.kind, file_name: cleanFileName(input.fileName), content: input.content, created_by: input.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The preview if it exists and was uploaded by `ownerId`; anyone else's is treated as missing. */
export async function getImportPreview(db: Executor, id: string, ownerId: number): Promise<ImportPreview | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await db
    .selectFrom("import_previews")
    .select(["id", "kind", "file_name", "content", "created_at", "confirmed_at"])
    .where("id", "=", id)
    .where("created_by", "=", ownerId)
    .executeTakeFirst();
  if (!row || !isSupportedImportKind(row.kind)) return undefined;
  return { id: row.id, kind: row.kind, fileName: row.file_name, content: row.content, createdAt: row.created_at, confirmedAt: row.confirmed_at };
}

export async function listRecentImportPreviews(db: Executor, ownerId: number, limit = 10) {
  return db
    .selectFrom("import_previews")
    .select(["id", "kind", "file_name as fileName", "created_at as createdAt", "confirmed_at as confirmedAt"])
    .where("created_by", "=", ownerId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** What the import would do now, without writing. */
export async function checkImportPreview(db: Executor, preview: ImportPreview): Promise<{ result: ImportResult; encoding: CsvEncoding }> {
  const result = await importCsv(db, preview.kind, preview.content, { dryRun: true, fileName: preview.fileName });
  return { result, encoding: decodeCsv(preview.content).encoding };
}

/** The counts recorded when the preview was confirmed (its audit entry). */
export async function confirmedImportSummary(db: Executor, previewId: string): Promise<ImportSummary | null> {
  const row = await db
    .selectFrom("audit_log")
    .select("detail")
    .where("entity_type", "=", "import")
    .where("entity_id", "=", previewId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row) return null;
  const detail = row.detail as Partial<ImportSummary>;
  return {
    total: Number(detail.total ?? 0),
    created: Number(detail.created ?? 0),
    updated: Number(detail.updated ?? 0),
    unchanged: Number(detail.unchanged ?? 0),
  };
}

export type ConfirmOutcome =
  { status: "confirmed"; result: ImportResult } | { status: "rejected"; result: ImportResult } | { status: "already_confirmed" } | { status: "not_found" };

class Rejected extends Error {
  constructor(readonly result: ImportResult) {
    super("import rejected");
  }
}

/**
 * A new transaction, or a savepoint inside the caller's: either way a thrown error undoes exactly this
 * work and nothing the caller did before.
 */
async function atomically<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(work);
  await sql`SAVEPOINT import_confirm`.execute(db);
  try {
    const result = await work(db);
    await sql`RELEASE SAVEPOINT import_confirm`.execute(db);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT import_confirm`.execute(db);
    throw error;
  }
}

/**
 * Imports the preview's file for real and marks it confirmed, both in one transaction. The conditional
 * UPDATE comes first: its row lock makes a second, concurrent confirmation wait and then find the preview
 * already confirmed, so a file is never imported twice. If the data has meanwhile become invalid, the whole
 * transaction (including the mark) is rolled back.
 */
export async function confirmImportPreview(db: Executor, input: { id: string; actorId: number; ip?: string | null }): Promise<ConfirmOutcome> {
  if (!UUID.test(input.id)) return { status: "not_found" };
  try {
    return await atomically(db, async (trx) => {
      const claimed = await trx
        .updateTable("import_previews")
        .set({ confirmed_at: sql<Date>`now()` })
        .where("id", "=", input.id)
        .where("created_by", "=", input.actorId)
        .where("confirmed_at", "is", null)
        .where("kind", "in", Object.keys(IMPORT_KINDS) as SupportedImportKind[])
        .returning(["kind", "file_name", "content"])
        .executeTakeFirst();
      if (!claimed) {
        const exists = await getImportPreview(trx, input.id, input.actorId);
        return exists ? { status: "already_confirmed" } : { status: "not_found" };
      }
      const kind = claimed.kind;
      // The WHERE above admits only the kinds handled here; this narrows the type to match.
      if (!isSupportedImportKind(kind)) return { status: "not_found" };
      const result = await importCsv(trx, kind, claimed.content, {
        actorId: input.actorId,
        ip: input.ip ?? null,
        fileName: claimed.file_name,
        previewId: input.id,
      });
      if (!result.ok) throw new Rejected(result);
      return { status: "confirmed", result };
    });
  } catch (error) {
    if (error instanceof Rejected) return { status: "rejected", result: error.result };
    throw error;
  }
}
