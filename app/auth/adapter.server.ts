import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { dataVersionColumns, dataVersionOf, type DataVersion } from "../../db/data-version.server";
import type { RoleCode } from "../../db/schema";

export interface RoleGrant {
  role: RoleCode;
  departmentId: number | null;
  departmentName: string | null;
}

export interface DatabaseUserAttributes {
  employeeNo: string;
  name: string;
  email: string;
  departmentId: number;
  departmentName: string;
  grade: string;
  locale: "ja" | "en";
  leftOn: string | null;
  roles: RoleGrant[];
}

export interface DatabaseSessionAttributes {
  ip?: string | null;
  userAgent?: string | null;
  /**
   * The report data version (ADR 005) as the validating statement read it, in the same snapshot: the request's
   * cached pages use it instead of reading it again (ADR 012). Never stored.
   */
  dataVersion?: DataVersion;
}

/**
 * lucia v3 adapter over Kysely. The user is an employee; its roles come back in the same round trip as the
 * session so every permission check afterwards is free.
 */
export class KyselyAdapter implements Adapter {
  constructor(private readonly db: () => DB) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db()
      .selectFrom("sessions as s")
      .innerJoin("employees as e", "e.id", "s.employee_id")
      .innerJoin("departments as d", "d.id", "e.department_id")
      .leftJoin("report_data_version as v", (join) => join.onTrue())
      .select([
        "s.id",
        "s.expires_at",
        "s.ip",
        "s.user_agent",
        "e.id as employee_id",
        "e.employee_no",
        "e.name",
        "e.email",
        "e.department_id",
        "d.name as department_name",
        "e.grade",
        "e.locale",
        "e.left_on",
        sql<RoleGrant[]>`COALESCE((
          SELECT json_agg(json_build_object('role', g.role, 'departmentId', g.department_id, 'departmentName', gd.name) ORDER BY g.id)
          FROM role_grants g LEFT JOIN departments gd ON gd.id = g.department_id
          WHERE g.employee_id = e.id
        ), '[]'::json)`.as("roles"),
        ...dataVersionColumns("v"),
      ])
      .where("s.id", "=", sessionId)
      .executeTakeFirst();
    if (!row) return [null, null];
    const session: DatabaseSession = { id: row.id, userId: row.employee_id, expiresAt: new Date(row.expires_at), attributes: { ip: row.ip, userAgent: row.user_agent, dataVersion: dataVersionOf(row) } };
    const user: DatabaseUser = {
      id: row.employee_id,
      attributes: {
        employeeNo: row.employee_no,
        name: row.name,
        email: row.email,
        departmentId: row.department_id,
        departmentName: row.department_name,
        grade: row.grade,
        locale: row.locale,
        leftOn: row.left_on,
        roles: row.roles,
      },
    };
    return [session, user];
  }

  async getUserSessions(userId: number): Promise<DatabaseSession[]> {
    const rows = await this.db().selectFrom("sessions").selectAll().where("employee_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.employee_id, expiresAt: new Date(r.expires_at), attributes: { ip: r.ip, userAgent: r.user_agent } }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db()
      .insertInto("sessions")
      .values({ id: session.id, employee_id: session.userId as number, expires_at: session.expiresAt, ip: session.attributes.ip ?? null, user_agent: session.attributes.userAgent?.slice(0, 300) ?? null })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db().updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db().deleteFrom("sessions").where("id", "=", sessionId).execute();
  }

  async deleteUserSessions(userId: number): Promise<void> {
    await this.db().deleteFrom("sessions").where("employee_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db().deleteFrom("sessions").where("expires_at", "<=", new Date()).execute();
  }
}
