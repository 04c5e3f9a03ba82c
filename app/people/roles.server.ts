import type { Executor } from "../../db/client.server";
import type { RoleCode } from "../../db/schema";
import { audit } from "../audit/audit.server";
import { isUnitRole } from "./roles";

export interface RoleGrantInput {
  employeeId: number;
  role: RoleCode;
  departmentId?: number | null;
}

export class RoleGrantError extends Error {
  constructor(public code: "unit_required" | "unit_not_allowed" | "head_exists" | "duplicate", message: string) {
    super(message);
  }
}

/** Bulk grant without audit (seeds); duplicates are ignored. */
export async function grantRolesBulk(db: Executor, grants: RoleGrantInput[], grantedBy: number | null = null): Promise<void> {
  if (grants.length === 0) return;
  for (let i = 0; i < grants.length; i += 1000) {
    await db
      .insertInto("role_grants")
      .values(grants.slice(i, i + 1000).map((g) => ({ employee_id: g.employeeId, role: g.role, department_id: g.departmentId ?? null, granted_by: grantedBy })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Grant one role (audit-logged). Throws RoleGrantError for rule violations the database also enforces. */
export async function grantRole(db: Executor, input: RoleGrantInput & { actorId: number; ip?: string | null }): Promise<number> {
  const unit = input.departmentId ?? null;
  if (isUnitRole(input.role) && unit === null) throw new RoleGrantError("unit_required", "この役割には所属の指定が必要です。");
  if (!isUnitRole(input.role) && unit !== null) throw new RoleGrantError("unit_not_allowed", "この役割は所属を指定せずに付与します。");
  return db.transaction().execute(async (trx) => {
    if (input.role === "supervisor") {
      const head = await trx.selectFrom("role_grants").select("employee_id").where("role", "=", "supervisor").where("department_id", "=", unit).executeTakeFirst();
      if (head && head.employee_id !== input.employeeId) throw new RoleGrantError("head_exists", "この所属には既に所属長が設定されています。先に現在の所属長の役割を解除してください。");
    }
    const row = await trx
      .insertInto("role_grants")
      .values({ employee_id: input.employeeId, role: input.role, department_id: unit, granted_by: input.actorId })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new RoleGrantError("duplicate", "この役割は既に付与されています。");
    await audit(trx, { actorId: input.actorId, action: "role.grant", entityType: "employee", entityId: input.employeeId, detail: { role: input.role, departmentId: unit, grantId: row.id }, ip: input.ip });
    return row.id;
  });
}

export async function revokeRole(db: Executor, input: { grantId: number; actorId: number; ip?: string | null }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom("role_grants").where("id", "=", input.grantId).returning(["employee_id", "role", "department_id"]).executeTakeFirst();
    if (!row) return false;
    await audit(trx, { actorId: input.actorId, action: "role.revoke", entityType: "employee", entityId: row.employee_id, detail: { role: row.role, departmentId: row.department_id, grantId: input.grantId }, ip: input.ip });
    return true;
  });
}

export async function listRoleGrants(db: Executor, employeeId: number) {
  return db
    .selectFrom("role_grants")
    .leftJoin("departments", "departments.id", "role_grants.department_id")
    .select(["role_grants.id", "role_grants.role", "role_grants.department_id", "departments.name as department_name", "departments.code as department_code", "role_grants.granted_at"])
    .where("role_grants.employee_id", "=", employeeId)
    .orderBy("role_grants.id")
    .execute();
}
