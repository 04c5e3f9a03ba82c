// The shapes other areas (seeds, CLI, routes) rely on. Keep in step with DESIGN §4.

/** The import kinds of DESIGN §4 (see kinds.server.ts for their columns and importers). */
export type SupportedImportKind = "departments" | "employees" | "participations";

export type ParticipationSchemeCode = "side_job" | "job_challenge" | "contest_project";

export interface DepartmentRow {
  code: string;
  name: string;
  /** null for a top unit (部局) */
  parentCode: string | null;
}

export interface EmployeeRow {
  employeeNo: string;
  name: string;
  nameKana: string;
  email: string;
  departmentCode: string;
  grade: string;
  birthYear: number;
  /** YYYY-MM-DD */
  hiredOn: string;
  /** YYYY-MM-DD, the last day of employment */
  leftOn: string | null;
}

export interface ParticipationRow {
  employeeNo: string;
  /** as written in the file; validated against ParticipationSchemeCode */
  scheme: string;
  title: string;
  hostDepartmentCode: string;
  /** YYYY-MM-DD */
  startOn: string;
  /** YYYY-MM-DD, or null for an open-ended record */
  endOn: string | null;
}

export interface ImportError {
  /** Physical line in the file where the record starts (the header is line 1). */
  line: number;
  /** Japanese, without the "N行目: " prefix (see formatImportError). */
  message: string;
}

export interface ImportResult {
  /** true when there were no errors (and, unless dry-run, the rows were written) */
  ok: boolean;
  /** data rows in the input, good and bad */
  total: number;
  /** Counts over the rows that passed validation; nothing is written when `ok` is false. */
  created: number;
  updated: number;
  unchanged: number;
  /** every problem found, ordered by line */
  errors: ImportError[];
}

export interface RowImportOptions {
  dryRun?: boolean;
  actorId?: number | null;
  /** line number of each row for error messages; defaults to index + 2 (as if under a header row) */
  lines?: number[];
}

/** What importCsv adds on top of the row options; recorded in the audit log. */
export interface ImportContext extends RowImportOptions {
  fileName?: string;
  ip?: string | null;
  /** the browser preview being confirmed, kept as the audit entry's entity_id */
  previewId?: string | null;
  /** errors found before the rows were built (CSV structure); they fail the import but validation still runs */
  priorErrors?: ImportError[];
  /** data rows that never became rows (e.g. wrong column count), still counted in `total` */
  skippedRows?: number;
}

export function formatImportError(error: ImportError): string {
  return `${error.line}行目: ${error.message}`;
}
