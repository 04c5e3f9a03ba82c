import { sql } from "kysely";
import type { Executor } from "../../../db/client.server";
import { participationImportKey, participationRowErrors } from "./participations";
import { chunk, lineNumbers, runImport, type ImportPlan } from "./run.server";
import type { ImportContext, ImportError, ImportResult, ParticipationRow, ParticipationSchemeCode } from "./types";

// `import participations FILE` (DESIGN §4): upsert by participations.import_key = employee_no|scheme|host code|start_on
// (see participationImportKey). Only rows this import created (source 'import') are ever touched: records that
// accepted applications and contest projects created stay as they are.

interface ReferenceEmployee {
  id: number;
  employee_no: string;
  hired_on: string;
  left_on: string | null;
}

interface ExistingImported {
  import_key: string;
  employee_id: number;
  scheme: string;
  host_department_id: number;
  start_on: string;
  title: string;
  end_on: string | null;
}

interface Reference {
  employees: Map<string, ReferenceEmployee>;
  departmentIds: Map<string, number>;
  /** by import_key */
  existing: Map<string, ExistingImported>;
}

// Three queries for the whole file, whatever its size.
async function loadReference(db: Executor, rows: ParticipationRow[]): Promise<Reference> {
  const numbers = [...new Set(rows.map((r) => r.employeeNo))];
  const codes = [...new Set(rows.map((r) => r.hostDepartmentCode))];
  const keys = [...new Set(rows.map(participationImportKey))];
  const employees = await db
    .selectFrom("employees")
    .select(["id", "employee_no", "hired_on", "left_on"])
    .where(sql<boolean>`employee_no = ANY(${numbers}::text[])`)
    .execute();
  const departments = await db
    .selectFrom("departments")
    .select(["id", "code"])
    .where(sql<boolean>`code = ANY(${codes}::text[])`)
    .execute();
  const existing = await db
    .selectFrom("participations")
    .select(["import_key", "employee_id", "scheme", "host_department_id", "start_on", "title", "end_on"])
    .where("source", "=", "import")
    .where(sql<boolean>`import_key = ANY(${keys}::text[])`)
    .execute();
  return {
    employees: new Map(employees.map((e) => [e.employee_no, e])),
    departmentIds: new Map(departments.map((d) => [d.code, d.id])),
    existing: new Map(existing.map((p) => [p.import_key!, { ...p, import_key: p.import_key! }])),
  };
}

interface Planned {
  key: string;
  employeeId: number;
  scheme: ParticipationSchemeCode;
  title: string;
  hostDepartmentId: number;
  startOn: string;
  endOn: string | null;
}

function samePlanned(current: ExistingImported, row: Planned): boolean {
  return (
    current.employee_id === row.employeeId &&
    current.scheme === row.scheme &&
    current.host_department_id === row.hostDepartmentId &&
    current.start_on === row.startOn &&
    current.title === row.title &&
    current.end_on === row.endOn
  );
}

async function planParticipations(db: Executor, rows: ParticipationRow[], lines: number[]): Promise<ImportPlan> {
  const ref = await loadReference(db, rows);
  const errors: ImportError[] = [];
  const badRows = new Set<number>();
  const report = (index: number, message: string) => {
    errors.push({ line: lines[index], message });
    badRows.add(index);
  };

  const firstByKey = new Map<string, number>();
  rows.forEach((row, index) => {
    const fieldErrors = participationRowErrors(row);
    for (const message of fieldErrors) report(index, message);

    const employee = ref.employees.get(row.employeeNo);
    if (row.employeeNo !== "" && !employee && !fieldErrors.some((m) => m.startsWith("職員番号"))) {
      report(index, `職員番号「${row.employeeNo}」の職員が見つかりません。`);
    }
    if (row.hostDepartmentCode !== "" && !ref.departmentIds.has(row.hostDepartmentCode) && !fieldErrors.some((m) => m.startsWith("受入所属コード"))) {
      report(index, `受入所属コード「${row.hostDepartmentCode}」が見つかりません。`);
    }
    // A record outside the person's employment is a mistake in the file (or in the directory): say which.
    const startOk = !fieldErrors.some((m) => m.startsWith("開始日"));
    if (employee && startOk && row.startOn !== "") {
      if (row.startOn < employee.hired_on) report(index, `開始日（${row.startOn}）が職員番号「${row.employeeNo}」の採用日（${employee.hired_on}）より前になっています。`);
      else if (employee.left_on !== null && row.startOn > employee.left_on)
        report(index, `開始日（${row.startOn}）が職員番号「${row.employeeNo}」の退職日（${employee.left_on}）より後になっています。`);
    }

    // Duplicates: the same record twice in one file (same upsert key). Only rows whose key fields are filled in.
    if (row.employeeNo !== "" && row.scheme !== "" && row.hostDepartmentCode !== "" && row.startOn !== "") {
      const key = participationImportKey(row);
      const first = firstByKey.get(key);
      if (first !== undefined) report(index, `同じ参加記録（職員番号・制度・受入所属コード・開始日が同じ）が重複しています（${lines[first]}行目と同じです）。`);
      else firstByKey.set(key, index);
    }
  });

  const toWrite: Planned[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [key, index] of firstByKey) {
    if (badRows.has(index)) continue;
    const row = rows[index];
    const planned: Planned = {
      key,
      employeeId: ref.employees.get(row.employeeNo)!.id,
      scheme: row.scheme as ParticipationSchemeCode,
      title: row.title,
      hostDepartmentId: ref.departmentIds.get(row.hostDepartmentCode)!,
      startOn: row.startOn,
      endOn: row.endOn,
    };
    const current = ref.existing.get(key);
    if (!current) created += 1;
    else if (!samePlanned(current, planned)) updated += 1;
    else {
      unchanged += 1;
      continue;
    }
    toWrite.push(planned);
  }

  return {
    errors,
    created,
    updated,
    unchanged,
    async apply(trx) {
      for (const part of chunk(toWrite)) {
        await trx
          .insertInto("participations")
          .values(
            part.map((p) => ({
              employee_id: p.employeeId,
              scheme: p.scheme,
              title: p.title,
              host_department_id: p.hostDepartmentId,
              start_on: p.startOn,
              end_on: p.endOn,
              source: "import" as const,
              import_key: p.key,
            })),
          )
          .onConflict((oc) =>
            oc.column("import_key").doUpdateSet((eb) => ({
              employee_id: eb.ref("excluded.employee_id"),
              scheme: eb.ref("excluded.scheme"),
              host_department_id: eb.ref("excluded.host_department_id"),
              start_on: eb.ref("excluded.start_on"),
              title: eb.ref("excluded.title"),
              end_on: eb.ref("excluded.end_on"),
              updated_at: sql<Date>`now()`,
            })),
          )
          .execute();
      }
    },
  };
}

/** Upserts imported participation records by their import key, all or nothing (see DESIGN §4). */
export async function importParticipationRows(db: Executor, rows: ParticipationRow[], opts: ImportContext = {}): Promise<ImportResult> {
  const lines = lineNumbers(rows.length, opts.lines);
  return runImport(db, "participations", rows.length, opts, (executor) => planParticipations(executor, rows, lines));
}
