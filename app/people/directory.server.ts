import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { todayInTokyo } from "../i18n/format";
import { foldForSearch } from "./kana";

export interface DirectorySearch {
  q?: string;
  departmentId?: number | null;
  includeLeft?: boolean;
  page?: number;
  pageSize?: number;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The unit and every unit below it. */
export function departmentSubtree(db: Executor, departmentId: number) {
  return db
    .withRecursive("subtree(id)", (qb) =>
      qb
        .selectFrom("departments")
        .select("id")
        .where("id", "=", departmentId)
        .unionAll((u) => u.selectFrom("departments as d").innerJoin("subtree", "subtree.id", "d.parent_id").select("d.id")),
    )
    .selectFrom("subtree")
    .select("subtree.id");
}

/**
 * Directory search by 職員番号 (prefix), name (substring, spaces ignored) or kana (substring, either script),
 * optionally within a unit and its sub-units. One query with the total via a window function.
 */
export async function searchEmployees(db: Executor, search: DirectorySearch) {
  const pageSize = Math.min(Math.max(search.pageSize ?? 50, 1), 200);
  const page = Math.max(search.page ?? 1, 1);
  const q = (search.q ?? "").trim();
  let query = db
    .selectFrom("employees as e")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .leftJoin("departments as p", "p.id", "d.parent_id")
    .select([
      "e.id",
      "e.employee_no",
      "e.name",
      "e.name_kana",
      "e.email",
      "e.grade",
      "e.left_on",
      "d.id as department_id",
      "d.name as department_name",
      "p.name as parent_name",
      sql<number>`count(*) OVER ()`.as("total"),
    ]);
  if (q) {
    const folded = foldForSearch(q);
    const nameLike = `%${escapeLike(q.normalize("NFKC").replace(/[\s\u3000]+/g, ""))}%`;
    const kanaLike = `%${escapeLike(folded)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("e.employee_no", "like", `${escapeLike(q.normalize("NFKC"))}%`),
        eb("e.name_search", "like", nameLike),
        eb("e.name_kana_search", "like", kanaLike),
        eb(sql`lower(e.email)`, "like", `${escapeLike(q.toLowerCase())}%`),
      ]),
    );
  }
  if (search.departmentId) query = query.where("e.department_id", "in", departmentSubtree(db, search.departmentId));
  if (!search.includeLeft) query = query.where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", todayInTokyo())]));
  const rows = await query
    .orderBy("e.name_kana_search")
    .orderBy("e.employee_no")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = rows[0]?.total ?? (page > 1 ? await countOnly(db, search) : 0);
  return { rows: rows.map(({ total: _t, ...row }) => row), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

async function countOnly(db: Executor, search: DirectorySearch): Promise<number> {
  // Past the last page the windowed count has no row to ride on; ask once more for page 1's total.
  const first = await searchEmployees(db, { ...search, page: 1, pageSize: 1 });
  return first.total;
}

/** Units as an indented list for pickers: 部局 first, their 所属 beneath. */
export async function listDepartmentOptions(db: Executor) {
  const rows = await db
    .withRecursive("tree(id, name, code, depth, path)", (qb) =>
      qb
        .selectFrom("departments")
        .select(["id", "name", "code", sql<number>`0`.as("depth"), sql<string>`code`.as("path")])
        .where("parent_id", "is", null)
        .unionAll((u) =>
          u
            .selectFrom("departments as d")
            .innerJoin("tree", "tree.id", "d.parent_id")
            .select(["d.id", "d.name", "d.code", sql<number>`tree.depth + 1`.as("depth"), sql<string>`tree.path || '/' || d.code`.as("path")]),
        ),
    )
    .selectFrom("tree")
    .select(["id", "name", "code", "depth"])
    .orderBy("path")
    .execute();
  return rows;
}

/**
 * The 所属長 who consents for an employee: the head of their unit, or — when they head it themselves or it has
 * no head — the head of the nearest unit above that has one.
 */
export async function resolveSupervisor(db: Executor, employeeId: number) {
  const row = await db
    .withRecursive("chain(id, parent_id, depth)", (qb) =>
      qb
        .selectFrom("employees as e")
        .innerJoin("departments as d", "d.id", "e.department_id")
        .select(["d.id", "d.parent_id", sql<number>`0`.as("depth")])
        .where("e.id", "=", employeeId)
        .unionAll((u) => u.selectFrom("departments as d").innerJoin("chain", "chain.parent_id", "d.id").select(["d.id", "d.parent_id", sql<number>`chain.depth + 1`.as("depth")])),
    )
    .selectFrom("chain")
    .innerJoin("role_grants as g", (j) => j.onRef("g.department_id", "=", "chain.id").on("g.role", "=", "supervisor"))
    .innerJoin("employees as h", "h.id", "g.employee_id")
    .innerJoin("departments as hd", "hd.id", "chain.id")
    .select(["h.id", "h.employee_no", "h.name", "h.email", "h.grade", "hd.id as unit_id", "hd.name as unit_name"])
    .where("h.id", "<>", employeeId)
    .orderBy("chain.depth")
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function getEmployeeProfile(db: Executor, employeeId: number) {
  const employee = await db
    .selectFrom("employees as e")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .leftJoin("departments as p", "p.id", "d.parent_id")
    .select([
      "e.id",
      "e.employee_no",
      "e.name",
      "e.name_kana",
      "e.email",
      "e.grade",
      "e.birth_year",
      "e.hired_on",
      "e.left_on",
      "d.id as department_id",
      "d.name as department_name",
      "d.code as department_code",
      "p.name as parent_name",
      sql<boolean>`EXISTS (SELECT 1 FROM credentials c WHERE c.employee_id = e.id)`.as("can_sign_in"),
    ])
    .where("e.id", "=", employeeId)
    .executeTakeFirst();
  if (!employee) return null;
  const supervisor = await resolveSupervisor(db, employeeId);
  return { employee, supervisor };
}
