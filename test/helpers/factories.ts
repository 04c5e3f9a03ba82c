import type { DB } from "../../db/client.server";
import type { RoleCode } from "../../db/schema";
import { setPassword } from "../../app/auth/password.server";
import { startSession } from "../../app/auth/session.server";

let counter = 0;
const next = () => ++counter + Math.floor(Math.random() * 1000) * 1000;

export async function createDepartment(db: DB, input: { name?: string; code?: string; parentId?: number | null } = {}) {
  const n = next();
  return db
    .insertInto("departments")
    .values({ code: input.code ?? `D${n}`, name: input.name ?? `テスト課${n}`, parent_id: input.parentId ?? null })
    .returning(["id", "code", "name"])
    .executeTakeFirstOrThrow();
}

export interface EmployeeInput {
  departmentId: number;
  employeeNo?: string;
  name?: string;
  nameKana?: string;
  email?: string;
  grade?: string;
  birthYear?: number;
  hiredOn?: string;
  leftOn?: string | null;
  password?: string;
  roles?: { role: RoleCode; departmentId?: number | null }[];
}

export async function createEmployee(db: DB, input: EmployeeInput) {
  const n = next();
  const employee = await db
    .insertInto("employees")
    .values({
      employee_no: input.employeeNo ?? `T${n}`,
      name: input.name ?? `試験 太郎${n}`,
      name_kana: input.nameKana ?? "シケン タロウ",
      email: input.email ?? `t${n}@test.example.jp`,
      department_id: input.departmentId,
      grade: input.grade ?? "主事",
      birth_year: input.birthYear ?? 1990,
      hired_on: input.hiredOn ?? "2015-04-01",
      left_on: input.leftOn ?? null,
    })
    .returning(["id", "employee_no", "email", "name"])
    .executeTakeFirstOrThrow();
  if (input.password) await setPassword(db, employee.id, input.password);
  for (const grant of input.roles ?? []) {
    await db.insertInto("role_grants").values({ employee_id: employee.id, role: grant.role, department_id: grant.departmentId ?? null }).execute();
  }
  return employee;
}

/** The Cookie header of a fresh session for the employee. */
export async function sessionCookie(employeeId: number): Promise<string> {
  const setCookie = await startSession(employeeId, {});
  return setCookie.split(";")[0];
}

export function request(url: string, init: RequestInit & { cookie?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  return new Request(new URL(url, "http://localhost:3000"), { ...init, headers });
}

export function formRequest(url: string, fields: Record<string, string>, cookie?: string): Request {
  return request(url, { method: "POST", body: new URLSearchParams(fields), cookie, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

/** Runs a loader/action and returns the Response, whether it was returned or thrown. */
export async function respond(run: () => unknown): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
