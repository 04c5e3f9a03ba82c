import { departmentCodeErrors } from "./departments";
import {
  BIRTH_YEAR_MAX,
  BIRTH_YEAR_MIN,
  EMPLOYEE_NO_PATTERN,
  hasHalfWidthKana,
  integerCell,
  isEmail,
  isIsoDate,
  isKana,
  normalizeDateCell,
  textErrors,
} from "./fields";
import type { EmployeeRow } from "./types";

export const EMPLOYEE_COLUMNS = ["employee_no", "name", "name_kana", "email", "department_code", "grade", "birth_year", "hired_on", "left_on"] as const;

export function employeeFromCells(cells: Record<string, string>): EmployeeRow {
  return {
    employeeNo: cells.employee_no,
    name: cells.name,
    nameKana: cells.name_kana,
    email: cells.email,
    departmentCode: cells.department_code,
    grade: cells.grade,
    birthYear: integerCell(cells.birth_year),
    hiredOn: normalizeDateCell(cells.hired_on),
    leftOn: cells.left_on === "" ? null : normalizeDateCell(cells.left_on),
  };
}

function dateErrors(label: string, value: string): string[] {
  if (value === "") return [`${label}が入力されていません。`];
  if (!isIsoDate(value)) return [`${label}「${value}」は正しい日付ではありません。YYYY-MM-DD 形式（例: 2024-04-01）で入力してください。`];
  return [];
}

function kanaErrors(value: string): string[] {
  const basic = textErrors("ふりがな", value);
  if (basic.length > 0) return basic;
  if (hasHalfWidthKana(value)) return [`ふりがな「${value}」に半角カタカナが含まれています。全角で入力してください。`];
  if (!isKana(value)) return [`ふりがな「${value}」はひらがなまたはカタカナで入力してください。`];
  return [];
}

/** Problems visible in the row alone; grade, unit and uniqueness are checked against the database by the importer. */
export function employeeRowErrors(row: EmployeeRow): string[] {
  const errors: string[] = [];
  if (row.employeeNo === "") errors.push("職員番号が入力されていません。");
  else if (!EMPLOYEE_NO_PATTERN.test(row.employeeNo)) errors.push(`職員番号「${row.employeeNo}」は半角英数字20文字以内で入力してください。`);
  errors.push(...textErrors("氏名", row.name));
  errors.push(...kanaErrors(row.nameKana));
  if (row.email === "") errors.push("メールアドレスが入力されていません。");
  else if (!isEmail(row.email)) errors.push(`メールアドレス「${row.email}」の形式が正しくありません。`);
  errors.push(...departmentCodeErrors("所属コード", row.departmentCode));
  if (row.grade === "") errors.push("職位が入力されていません。");
  if (!Number.isInteger(row.birthYear)) errors.push(`生年は西暦の年を半角数字4桁（${BIRTH_YEAR_MIN}〜${BIRTH_YEAR_MAX}）で入力してください。`);
  else if (row.birthYear < BIRTH_YEAR_MIN || row.birthYear > BIRTH_YEAR_MAX)
    errors.push(`生年「${row.birthYear}」は${BIRTH_YEAR_MIN}〜${BIRTH_YEAR_MAX}の範囲で入力してください。`);
  const hiredErrors = dateErrors("採用日", row.hiredOn);
  errors.push(...hiredErrors);
  if (row.leftOn !== null) {
    const leftErrors = dateErrors("退職日", row.leftOn);
    errors.push(...leftErrors);
    // ISO dates compare correctly as strings.
    if (hiredErrors.length === 0 && leftErrors.length === 0 && row.leftOn < row.hiredOn) {
      errors.push(`退職日（${row.leftOn}）が採用日（${row.hiredOn}）より前になっています。`);
    }
  }
  return errors;
}
