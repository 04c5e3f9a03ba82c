import type { Executor } from "../../db/client.server";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Append to the audit log; pass the transaction that makes the change so both land or neither does. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

export async function listAudit(db: Executor, filter: { entityType?: string; entityId?: string; limit?: number; excludeEntityTypes?: readonly string[] } = {}) {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("employees", "employees.id", "audit_log.actor_id")
    .select(["audit_log.id", "audit_log.action", "audit_log.entity_type", "audit_log.entity_id", "audit_log.detail", "audit_log.ip", "audit_log.created_at", "employees.name as actor_name", "employees.employee_no as actor_no"])
    .orderBy("audit_log.id", "desc")
    .limit(filter.limit ?? 100);
  if (filter.entityType) query = query.where("audit_log.entity_type", "=", filter.entityType);
  if (filter.entityId) query = query.where("audit_log.entity_id", "=", filter.entityId);
  if (filter.excludeEntityTypes?.length) query = query.where("audit_log.entity_type", "not in", filter.excludeEntityTypes);
  return query.execute();
}
