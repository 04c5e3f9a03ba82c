import type { Executor } from "../../../db/client.server";
import { parseCsv } from "./csv";
import { decodeCsv } from "./decode.server";
import { IMPORT_KINDS, isSupportedImportKind } from "./kinds.server";
import { readTable } from "./table";
import type { ImportResult, SupportedImportKind } from "./types";

export { importDepartmentRows } from "./departments.server";
export { importEmployeeRows } from "./employees.server";
export { importParticipationRows } from "./participations.server";

export interface CsvImportOptions {
  dryRun?: boolean;
  actorId?: number | null;
  fileName?: string;
  ip?: string | null;
  /** set when a browser preview is confirmed; recorded as the audit entry's entity_id */
  previewId?: string | null;
}

/**
 * The whole import of one CSV file (DESIGN §4): decode (UTF-8 with or without BOM, or CP932), parse, check
 * the header, then validate every row and, if all is well and it is not a dry run, write them in one
 * transaction. Every problem comes back in `errors`; nothing is thrown for bad input.
 */
export async function importCsv(db: Executor, kind: SupportedImportKind, content: Buffer, opts: CsvImportOptions = {}): Promise<ImportResult> {
  if (!isSupportedImportKind(kind)) throw new Error(`Unknown import kind: ${String(kind)}`);
  const runner = IMPORT_KINDS[kind];
  const { text } = decodeCsv(content);
  const parsed = parseCsv(text);
  const table = readTable(parsed.records, runner.columns);
  if (!table.headerOk) {
    return { ok: false, total: 0, created: 0, updated: 0, unchanged: 0, errors: [...table.errors, ...parsed.errors] };
  }
  return runner.importCells(
    db,
    table.rows.map((r) => r.cells),
    { ...opts, lines: table.rows.map((r) => r.line), priorErrors: [...parsed.errors, ...table.errors], skippedRows: table.skipped },
  );
}
