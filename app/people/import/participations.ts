import { departmentCodeErrors } from "./departments";
import { EMPLOYEE_NO_PATTERN, isIsoDate, normalizeDateCell, textErrors } from "./fields";
import type { ParticipationRow, ParticipationSchemeCode } from "./types";

// Participation history (DESIGN §3/§4): records from before the system, or kept elsewhere, imported as
// `participations` rows with source 'import'. The reports count them exactly like records the system created.

export const PARTICIPATION_COLUMNS = ["employee_no", "scheme", "title", "host_department_code", "start_on", "end_on"] as const;

export const PARTICIPATION_SCHEMES: readonly ParticipationSchemeCode[] = ["side_job", "job_challenge", "contest_project"];

/** The same limit as the CHECK on participations.title. */
export const PARTICIPATION_TITLE_MAX_LENGTH = 200;

const SCHEME_HELP = "side_job（庁内複業）・job_challenge（ジョブチャレンジ）・contest_project（チャレンジコンテストの事業）";

export function isParticipationScheme(value: string): value is ParticipationSchemeCode {
  return (PARTICIPATION_SCHEMES as readonly string[]).includes(value);
}

export function participationFromCells(cells: Record<string, string>): ParticipationRow {
  return {
    employeeNo: cells.employee_no,
    scheme: cells.scheme,
    title: cells.title,
    hostDepartmentCode: cells.host_department_code,
    startOn: normalizeDateCell(cells.start_on),
    endOn: cells.end_on === "" ? null : normalizeDateCell(cells.end_on),
  };
}

/**
 * The upsert key of an imported record (participations.import_key): who, which scheme, where, from when.
 * Re-importing a row with the same four values updates that record's title and end date; a row that changes
 * one of the four describes a different record. Codes and numbers cannot contain "|", so the key is unambiguous.
 */
export function participationImportKey(row: Pick<ParticipationRow, "employeeNo" | "scheme" | "hostDepartmentCode" | "startOn">): string {
  return [row.employeeNo, row.scheme, row.hostDepartmentCode, row.startOn].join("|");
}

function dateErrors(label: string, value: string): string[] {
  if (value === "") return [`${label}が入力されていません。`];
  if (!isIsoDate(value)) return [`${label}「${value}」は正しい日付ではありません。YYYY-MM-DD 形式（例: 2024-04-01）で入力してください。`];
  return [];
}

/** Problems visible in the row alone; the employee, the unit and duplicates are checked by the importer. */
export function participationRowErrors(row: ParticipationRow): string[] {
  const errors: string[] = [];
  if (row.employeeNo === "") errors.push("職員番号が入力されていません。");
  else if (!EMPLOYEE_NO_PATTERN.test(row.employeeNo)) errors.push(`職員番号「${row.employeeNo}」は半角英数字20文字以内で入力してください。`);
  if (row.scheme === "") errors.push(`制度が入力されていません。${SCHEME_HELP}のいずれかを指定してください。`);
  else if (!isParticipationScheme(row.scheme)) errors.push(`制度「${row.scheme}」は指定できません。${SCHEME_HELP}のいずれかを指定してください。`);
  errors.push(...textErrors("名称", row.title, PARTICIPATION_TITLE_MAX_LENGTH));
  errors.push(...departmentCodeErrors("受入所属コード", row.hostDepartmentCode));
  const startErrors = dateErrors("開始日", row.startOn);
  errors.push(...startErrors);
  if (row.endOn !== null) {
    const endErrors = dateErrors("終了日", row.endOn);
    errors.push(...endErrors);
    // ISO dates compare correctly as strings.
    if (startErrors.length === 0 && endErrors.length === 0 && row.endOn < row.startOn) {
      errors.push(`終了日（${row.endOn}）が開始日（${row.startOn}）より前になっています。`);
    }
  }
  return errors;
}
