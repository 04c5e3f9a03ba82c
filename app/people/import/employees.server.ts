import { sql } from "kysely";
import type { Executor } from "../../../db/client.server";
import { employeeRowErrors } from "./employees";
import { chunk, lineNumbers, runImport, type ImportPlan } from "./run.server";
import type { EmployeeRow, ImportContext, ImportError, ImportResult } from "./types";

interface ExistingEmployee {
  id: number;
  employee_no: string;
  name: string;
  name_kana: string;
  email: string;
  department_id: number;
  grade: string;
  birth_year: number;
  hired_on: string;
  left_on: string | null;
}

interface Reference {
  grades: string[];
  departmentIds: Map<string, number>;
  /** by employee_no */
  employees: Map<string, ExistingEmployee>;
  /** by lower(email) */
  emailOwners: Map<string, ExistingEmployee>;
}

// Three queries for the whole file, whatever its size.
async function loadReference(db: Executor, rows: EmployeeRow[]): Promise<Reference> {
  const codes = [...new Set(rows.map((r) => r.departmentCode))];
  const numbers = [...new Set(rows.map((r) => r.employeeNo))];
  const emails = [...new Set(rows.map((r) => r.email.toLowerCase()))];
  const grades = await db.selectFrom("grades").select("code").orderBy("rank").execute();
  const departments = await db
    .selectFrom("departments")
    .select(["id", "code"])
    .where(sql<boolean>`code = ANY(${codes}::text[])`)
    .execute();
  const employees = await db
    .selectFrom("employees")
    .select(["id", "employee_no", "name", "name_kana", "email", "department_id", "grade", "birth_year", "hired_on", "left_on"])
    .where(sql<boolean>`employee_no = ANY(${numbers}::text[]) OR lower(email) = ANY(${emails}::text[])`)
    .execute();
  return {
    grades: grades.map((g) => g.code),
    departmentIds: new Map(departments.map((d) => [d.code, d.id])),
    employees: new Map(employees.map((e) => [e.employee_no, e])),
    emailOwners: new Map(employees.map((e) => [e.email.toLowerCase(), e])),
  };
}

function sameEmployee(current: ExistingEmployee, row: EmployeeRow, departmentId: number): boolean {
  return (
    current.name === row.name &&
    current.name_kana === row.nameKana &&
    current.email === row.email &&
    current.department_id === departmentId &&
    current.grade === row.grade &&
    current.birth_year === row.birthYear &&
    current.hired_on === row.hiredOn &&
    current.left_on === row.leftOn
  );
}

async function planEmployees(db: Executor, rows: EmployeeRow[], lines: number[]): Promise<ImportPlan> {
  const ref = await loadReference(db, rows);
  const grades = new Set(ref.grades);
  const errors: ImportError[] = [];
  const badRows = new Set<number>();
  const report = (index: number, message: string) => {
    errors.push({ line: lines[index], message });
    badRows.add(index);
  };

  const firstByNo = new Map<string, number>();
  const firstByEmail = new Map<string, number>();
  rows.forEach((row, index) => {
    for (const message of employeeRowErrors(row)) report(index, message);
    if (row.grade !== "" && !grades.has(row.grade))
      report(index, `職位「${row.grade}」は登録されていません。${ref.grades.join("・")}のいずれかを指定してください。`);
    if (row.departmentCode !== "" && !ref.departmentIds.has(row.departmentCode)) report(index, `所属コード「${row.departmentCode}」が見つかりません。`);

    if (row.employeeNo !== "") {
      const first = firstByNo.get(row.employeeNo);
      if (first !== undefined) report(index, `職員番号「${row.employeeNo}」が重複しています（${lines[first]}行目と同じです）。`);
      else firstByNo.set(row.employeeNo, index);
    }
    if (row.email !== "") {
      const key = row.email.toLowerCase();
      const first = firstByEmail.get(key);
      if (first !== undefined) report(index, `メールアドレス「${row.email}」が重複しています（${lines[first]}行目と同じです。大文字・小文字は区別しません）。`);
      else firstByEmail.set(key, index);
    }
  });

  // An address held by someone else is fine only when that person is also in the file with a new address:
  // the file describes the final state, and the uniqueness within the file already covers it.
  rows.forEach((row, index) => {
    const owner = ref.emailOwners.get(row.email.toLowerCase());
    if (owner && owner.employee_no !== row.employeeNo && !firstByNo.has(owner.employee_no)) {
      report(index, `メールアドレス「${row.email}」は既に他の職員（職員番号 ${owner.employee_no}）が使用しています。`);
    }
  });

  const toWrite: { row: EmployeeRow; departmentId: number }[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const index of firstByNo.values()) {
    if (badRows.has(index)) continue;
    const row = rows[index];
    const departmentId = ref.departmentIds.get(row.departmentCode)!;
    const current = ref.employees.get(row.employeeNo);
    if (!current) created += 1;
    else if (!sameEmployee(current, row, departmentId)) updated += 1;
    else {
      unchanged += 1;
      continue;
    }
    toWrite.push({ row, departmentId });
  }

  return {
    errors,
    created,
    updated,
    unchanged,
    async apply(trx) {
      // The unique index on lower(email) is checked row by row, so addresses that move between people in
      // this file are first released by their current holders (who all get a new one below).
      const movingAway = toWrite
        .map(({ row }) => ref.employees.get(row.employeeNo))
        .filter((current): current is ExistingEmployee => {
          if (!current) return false;
          const claimant = firstByEmail.get(current.email.toLowerCase());
          return claimant !== undefined && rows[claimant].employeeNo !== current.employee_no;
        })
        .map((current) => current.id);
      if (movingAway.length > 0) {
        await trx
          .updateTable("employees")
          .set({ email: sql<string>`'import-moved-' || id || '@example.invalid'` })
          .where("id", "in", movingAway)
          .execute();
      }
      for (const part of chunk(toWrite)) {
        await trx
          .insertInto("employees")
          .values(
            part.map(({ row, departmentId }) => ({
              employee_no: row.employeeNo,
              name: row.name,
              name_kana: row.nameKana,
              email: row.email,
              department_id: departmentId,
              grade: row.grade,
              birth_year: row.birthYear,
              hired_on: row.hiredOn,
              left_on: row.leftOn,
            })),
          )
          .onConflict((oc) =>
            oc.column("employee_no").doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              name_kana: eb.ref("excluded.name_kana"),
              email: eb.ref("excluded.email"),
              department_id: eb.ref("excluded.department_id"),
              grade: eb.ref("excluded.grade"),
              birth_year: eb.ref("excluded.birth_year"),
              hired_on: eb.ref("excluded.hired_on"),
              left_on: eb.ref("excluded.left_on"),
              updated_at: sql<Date>`now()`,
            })),
          )
          .execute();
      }
    },
  };
}

/** Upserts employees by employee_no, all or nothing (see DESIGN §4). Seeds call this directly. */
export async function importEmployeeRows(db: Executor, rows: EmployeeRow[], opts: ImportContext = {}): Promise<ImportResult> {
  const lines = lineNumbers(rows.length, opts.lines);
  return runImport(db, "employees", rows.length, opts, (executor) => planEmployees(executor, rows, lines));
}
