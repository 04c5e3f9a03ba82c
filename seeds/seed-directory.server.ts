// Writes the generated demo directory through the domain modules: the import module's upserts for units and
// staff (the same path as `npm run cli -- import …`), bulk role grants, and argon2id passwords for the demo
// accounts only. Safe to run again: every step is an upsert or skips what is already there.
import { sql } from "kysely";
import type { Executor } from "../db/client.server";
import { importDepartmentRows, importEmployeeRows } from "../app/people/import/import.server";
import { formatImportError, type ImportResult } from "../app/people/import/types";
import { grantRolesBulk, type RoleGrantInput } from "../app/people/roles.server";
import { setPassword, verifyPassword } from "../app/auth/password.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { generateDirectory, toDepartmentRows, toEmployeeRows } from "./directory";

export interface SeedDirectoryResult {
  departments: ImportResult;
  employees: ImportResult;
  /** role grants written this time (0 on a re-run) */
  grantsCreated: number;
  /** demo accounts whose password was (re)set this time (0 on a re-run) */
  passwordsSet: number;
}

function requireOk(what: string, result: ImportResult): ImportResult {
  if (result.ok) return result;
  const shown = result.errors.slice(0, 5).map(formatImportError).join("\n  ");
  const more = result.errors.length > 5 ? `\n  …ほか ${result.errors.length - 5} 件` : "";
  throw new Error(`デモデータ（${what}）を取り込めませんでした:\n  ${shown}${more}`);
}

const summary = (label: string, r: ImportResult) => `${label} ${r.total} 件（新規 ${r.created}・更新 ${r.updated}・変更なし ${r.unchanged}）`;

/** Loads the demo directory. Pass a transaction to make it part of a larger all-or-nothing seed. */
export async function seedDirectory(db: Executor, opts: { log?: (line: string) => void } = {}): Promise<SeedDirectoryResult> {
  const log = opts.log ?? (() => undefined);
  const directory = generateDirectory();

  const departments = requireOk("所属", await importDepartmentRows(db, toDepartmentRows(directory.units), { actorId: null }));
  log(summary("所属", departments));
  const employees = requireOk("職員", await importEmployeeRows(db, toEmployeeRows(directory.employees), { actorId: null }));
  log(summary("職員", employees));

  // Resolve codes and numbers to ids in two queries, then grant in bulk.
  const unitCodes = [...new Set(directory.grants.map((g) => g.departmentCode).filter((c): c is string => c !== null))];
  const employeeNos = [...new Set(directory.grants.map((g) => g.employeeNo).concat(DEMO_ACCOUNTS.map((a) => a.employeeNo)))];
  const unitIds = new Map(
    (await db.selectFrom("departments").select(["id", "code"]).where(sql<boolean>`code = ANY(${unitCodes}::text[])`).execute()).map((r) => [r.code, r.id]),
  );
  const employeeIds = new Map(
    (await db.selectFrom("employees").select(["id", "employee_no"]).where(sql<boolean>`employee_no = ANY(${employeeNos}::text[])`).execute()).map((r) => [r.employee_no, r.id]),
  );
  const idOf = <K>(map: Map<K, number>, key: K, what: string) => {
    const id = map.get(key);
    if (id === undefined) throw new Error(`デモデータ: ${what}「${String(key)}」が見つかりません。`);
    return id;
  };
  const grants: RoleGrantInput[] = directory.grants.map((g) => ({
    employeeId: idOf(employeeIds, g.employeeNo, "職員番号"),
    role: g.role,
    departmentId: g.departmentCode === null ? null : idOf(unitIds, g.departmentCode, "所属コード"),
  }));
  const countGrants = async () => Number((await db.selectFrom("role_grants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const grantsBefore = await countGrants();
  await grantRolesBulk(db, grants, null);
  const grantsCreated = (await countGrants()) - grantsBefore;
  log(`役割 ${grants.length} 件（新規 ${grantsCreated}）`);

  // Only the demo accounts can sign in with a password; keep a hash that already matches (re-runs stay no-ops).
  const demoIds = DEMO_ACCOUNTS.map((a) => idOf(employeeIds, a.employeeNo, "職員番号"));
  const hashes = new Map(
    (await db.selectFrom("credentials").select(["employee_id", "password_hash"]).where("employee_id", "in", demoIds).execute()).map((r) => [r.employee_id, r.password_hash]),
  );
  const stale = (
    await Promise.all(demoIds.map(async (id) => ((await verifyPasswordOrFalse(hashes.get(id))) ? null : id)))
  ).filter((id): id is number => id !== null);
  await Promise.all(stale.map((id) => setPassword(db, id, DEMO_PASSWORD)));
  log(`デモ用アカウント ${DEMO_ACCOUNTS.length} 件（パスワード設定 ${stale.length}）`);

  return { departments, employees, grantsCreated, passwordsSet: stale.length };
}

async function verifyPasswordOrFalse(hash: string | undefined): Promise<boolean> {
  return hash !== undefined && verifyPassword(hash, DEMO_PASSWORD);
}
