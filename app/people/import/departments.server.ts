import { sql } from "kysely";
import type { Executor } from "../../../db/client.server";
import { departmentRowErrors } from "./departments";
import { chunk, lineNumbers, runImport, type ImportPlan } from "./run.server";
import type { DepartmentRow, ImportContext, ImportError, ImportResult } from "./types";

interface ExistingDepartment {
  id: number;
  code: string;
  name: string;
  parentCode: string | null;
}

async function loadDepartments(db: Executor): Promise<Map<string, ExistingDepartment>> {
  // The whole tree in one query: cycle checks need every ancestor, and a prefecture has a few hundred units.
  const rows = await db
    .selectFrom("departments as d")
    .leftJoin("departments as p", "p.id", "d.parent_id")
    .select(["d.id", "d.code", "d.name", "p.code as parentCode"])
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** The cycle through `start` in the final parent map, as codes from `start` back to `start`, or null. */
function cycleFrom(start: string, parentOf: Map<string, string | null>): string[] | null {
  const path = [start];
  const onPath = new Set(path);
  let current = parentOf.get(start);
  while (current != null) {
    if (current === start) return [...path, start];
    // A cycle further up that does not pass through `start` belongs to the rows on it; they report it.
    if (onPath.has(current)) return null;
    path.push(current);
    onPath.add(current);
    current = parentOf.get(current);
  }
  return null;
}

/** Depth in the final tree (roots 0), so parents can be written before their children. */
function depthOf(code: string, parentOf: Map<string, string | null>, memo: Map<string, number>): number {
  const chain: string[] = [];
  let current: string | null | undefined = code;
  while (current != null && !memo.has(current)) {
    // Only reachable if the stored tree already had a cycle; never loop on it.
    if (chain.includes(current)) throw new Error(`departments: cycle through ${current} in the stored tree`);
    chain.push(current);
    current = parentOf.get(current);
  }
  let depth = current != null ? memo.get(current)! : -1;
  for (const c of chain.reverse()) memo.set(c, ++depth);
  return memo.get(code)!;
}

async function planDepartments(db: Executor, rows: DepartmentRow[], lines: number[]): Promise<ImportPlan> {
  const existing = await loadDepartments(db);
  const errors: ImportError[] = [];
  const report = (index: number, message: string) => errors.push({ line: lines[index], message });

  // First occurrence of each code; later ones are errors and take no further part.
  const firstIndex = new Map<string, number>();
  const badRows = new Set<number>();
  rows.forEach((row, index) => {
    const fieldErrors = departmentRowErrors(row);
    for (const message of fieldErrors) report(index, message);
    if (fieldErrors.length > 0) badRows.add(index);
    if (row.code === "") return;
    const first = firstIndex.get(row.code);
    if (first !== undefined) {
      report(index, `所属コード「${row.code}」が重複しています（${lines[first]}行目と同じです）。`);
      badRows.add(index);
    } else {
      firstIndex.set(row.code, index);
    }
  });

  // The tree as it would be after the import: the database overlaid with the file.
  const parentOf = new Map<string, string | null>();
  for (const dep of existing.values()) parentOf.set(dep.code, dep.parentCode);
  for (const [code, index] of firstIndex) parentOf.set(code, rows[index].parentCode);

  for (const [code, index] of firstIndex) {
    const parent = rows[index].parentCode;
    if (parent === null) continue;
    if (parent === code) {
      report(index, `上位所属コードに自分自身（「${code}」）は指定できません。`);
    } else if (!parentOf.has(parent)) {
      report(index, `上位所属コード「${parent}」が見つかりません。`);
    } else {
      const cycle = cycleFrom(code, parentOf);
      if (cycle) report(index, `上位所属の指定が循環しています（${cycle.join(" → ")}）。`);
      else continue;
    }
    badRows.add(index);
  }

  const toWrite: DepartmentRow[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const index of firstIndex.values()) {
    if (badRows.has(index)) continue;
    const row = rows[index];
    const current = existing.get(row.code);
    if (!current) created += 1;
    else if (current.name !== row.name || current.parentCode !== row.parentCode) updated += 1;
    else {
      unchanged += 1;
      continue;
    }
    toWrite.push(row);
  }

  return {
    errors,
    created,
    updated,
    unchanged,
    async apply(trx) {
      if (toWrite.length === 0) return;
      const newCodes = toWrite.filter((r) => !existing.has(r.code)).map((r) => r.code);
      // Ids for new units up front, so a child can point at a parent defined later in the same file.
      const fresh = newCodes.length
        ? await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('departments', 'id'))::int AS id FROM generate_series(1, ${newCodes.length})`.execute(
            trx,
          )
        : { rows: [] };
      const idOf = new Map<string, number>();
      for (const dep of existing.values()) idOf.set(dep.code, dep.id);
      newCodes.forEach((code, i) => idOf.set(code, fresh.rows[i].id));

      // The parent foreign key is checked per statement, so across chunks parents must come first.
      const depth = new Map<string, number>();
      const ordered = [...toWrite].sort((a, b) => depthOf(a.code, parentOf, depth) - depthOf(b.code, parentOf, depth));
      for (const part of chunk(ordered)) {
        await trx
          .insertInto("departments")
          .values(part.map((r) => ({ id: idOf.get(r.code)!, code: r.code, name: r.name, parent_id: r.parentCode === null ? null : idOf.get(r.parentCode)! })))
          .onConflict((oc) =>
            oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), parent_id: eb.ref("excluded.parent_id"), updated_at: sql<Date>`now()` })),
          )
          .execute();
      }
    },
  };
}

/** Upserts departments by code, all or nothing (see DESIGN §4). Seeds call this directly. */
export async function importDepartmentRows(db: Executor, rows: DepartmentRow[], opts: ImportContext = {}): Promise<ImportResult> {
  const lines = lineNumbers(rows.length, opts.lines);
  return runImport(db, "departments", rows.length, opts, (executor) => planDepartments(executor, rows, lines));
}
