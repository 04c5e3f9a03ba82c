import { DEPARTMENT_CODE_PATTERN, textErrors } from "./fields";
import type { DepartmentRow } from "./types";

export const DEPARTMENT_COLUMNS = ["code", "name", "parent_code"] as const;

export function departmentFromCells(cells: Record<string, string>): DepartmentRow {
  return { code: cells.code, name: cells.name, parentCode: cells.parent_code === "" ? null : cells.parent_code };
}

export function departmentCodeErrors(label: string, code: string): string[] {
  if (code === "") return [`${label}が入力されていません。`];
  if (!DEPARTMENT_CODE_PATTERN.test(code)) return [`${label}「${code}」は半角英数字・ハイフン・アンダースコアの20文字以内で入力してください。`];
  return [];
}

/** Problems visible in the row alone; references to other rows and the database are checked by the importer. */
export function departmentRowErrors(row: DepartmentRow): string[] {
  return [...departmentCodeErrors("所属コード", row.code), ...textErrors("所属名", row.name)];
}
