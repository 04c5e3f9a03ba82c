import { beforeAll, describe, expect, it } from "vitest";
import { loader as directoryLoader } from "~/routes/hr.directory";
import { action as employeeAction, loader as employeeLoader } from "~/routes/hr.employees.$id";
import { loader as auditLoader } from "~/routes/hr.audit";
import { loader as homeLoader } from "~/routes/_index";
import { loader as healthLoader } from "~/routes/healthz";
import { resolveSupervisor, searchEmployees } from "~/people/directory.server";
import { createDb, setDb } from "../../db/client.server";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";

const t = useTestDatabase();

let bureau: { id: number };
let unit: { id: number };
let otherUnit: { id: number };
let staff: { id: number; employee_no: string };
let head: { id: number };
let director: { id: number };
let hrCookie: string;
let employeeCookie: string;
let supervisorCookie: string;

beforeAll(async () => {
  bureau = await createDepartment(t.db, { name: "観光交通部", code: "B9" });
  unit = await createDepartment(t.db, { name: "観光振興課", code: "B9-1", parentId: bureau.id });
  otherUnit = await createDepartment(t.db, { name: "人事課", code: "B8-1" });
  director = await createEmployee(t.db, { departmentId: bureau.id, name: "部長 一郎", nameKana: "ブチョウ イチロウ", grade: "部長", roles: [{ role: "supervisor", departmentId: bureau.id }] });
  head = await createEmployee(t.db, { departmentId: unit.id, name: "課長 花子", nameKana: "カチョウ ハナコ", grade: "課長", roles: [{ role: "supervisor", departmentId: unit.id }] });
  staff = await createEmployee(t.db, { departmentId: unit.id, employeeNo: "700123", name: "山田 太郎", nameKana: "ヤマダ タロウ" });
  await createEmployee(t.db, { departmentId: otherUnit.id, name: "山田 花子", nameKana: "やまだ はなこ" });
  await createEmployee(t.db, { departmentId: unit.id, name: "山田 退職", nameKana: "ヤマダ タイショク", hiredOn: "1990-04-01", leftOn: "2020-03-31" });
  const hr = await createEmployee(t.db, { departmentId: otherUnit.id, roles: [{ role: "hr_admin" }] });
  hrCookie = await sessionCookie(hr.id);
  employeeCookie = await sessionCookie(staff.id);
  supervisorCookie = await sessionCookie(head.id);
});

describe("directory search", () => {
  it("finds kana written in either script", async () => {
    const hira = await searchEmployees(t.db, { q: "やまだ" });
    const kata = await searchEmployees(t.db, { q: "ヤマダ" });
    expect(hira.rows.map((r) => r.name).sort()).toEqual(["山田 太郎", "山田 花子"]);
    expect(kata.rows.map((r) => r.id).sort()).toEqual(hira.rows.map((r) => r.id).sort());
  });

  it("finds by 職員番号 prefix and by name without the space", async () => {
    expect((await searchEmployees(t.db, { q: "7001" })).rows.map((r) => r.id)).toEqual([staff.id]);
    expect((await searchEmployees(t.db, { q: "山田太郎" })).rows.map((r) => r.id)).toEqual([staff.id]);
  });

  it("filters by unit including sub-units, and hides former staff unless asked", async () => {
    const inBureau = await searchEmployees(t.db, { q: "山田", departmentId: bureau.id });
    expect(inBureau.rows.map((r) => r.name)).toEqual(["山田 太郎"]);
    const withLeft = await searchEmployees(t.db, { q: "山田", departmentId: bureau.id, includeLeft: true });
    expect(withLeft.total).toBe(2);
  });

  it("treats LIKE wildcards in the query literally", async () => {
    expect((await searchEmployees(t.db, { q: "%" })).total).toBe(0);
  });
});

describe("unit heads", () => {
  it("a member's supervisor is the head of their unit; the head's is the head of the parent unit", async () => {
    expect((await resolveSupervisor(t.db, staff.id))?.id).toBe(head.id);
    expect((await resolveSupervisor(t.db, head.id))?.id).toBe(director.id);
    expect(await resolveSupervisor(t.db, director.id)).toBeNull();
  });

  it("allows one head per unit (database constraint)", async () => {
    const other = await createEmployee(t.db, { departmentId: unit.id });
    await expect(t.db.insertInto("role_grants").values({ employee_id: other.id, role: "supervisor", department_id: unit.id }).execute()).rejects.toThrow(/role_grants_one_head/);
  });
});

describe("HR pages are for hr_admin only", () => {
  const pages = [
    { name: "directory", run: (cookie?: string) => directoryLoader({ request: request("/hr/directory?q=やまだ", { cookie }), params: {}, context: {} }) },
    { name: "employee", run: (cookie?: string) => employeeLoader({ request: request(`/hr/employees/${staff.id}`, { cookie }), params: { id: String(staff.id) }, context: {} }) },
    { name: "audit", run: (cookie?: string) => auditLoader({ request: request("/hr/audit", { cookie }), params: {}, context: {} }) },
  ];

  for (const page of pages) {
    it(`${page.name}: sign-in required, 403 for an employee and a supervisor, 200 for HR`, async () => {
      const anonymous = await respond(() => page.run());
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
      expect((await respond(() => page.run(employeeCookie))).status).toBe(403);
      expect((await respond(() => page.run(supervisorCookie))).status).toBe(403);
      expect((await respond(() => page.run(hrCookie))).status).toBe(200);
    });
  }

  it("an employee cannot grant themselves a role", async () => {
    const res = await respond(() => employeeAction({ request: formRequest(`/hr/employees/${staff.id}`, { intent: "grant", role: "hr_admin" }, employeeCookie), params: { id: String(staff.id) }, context: {} }));
    expect(res.status).toBe(403);
    const grants = await t.db.selectFrom("role_grants").select("id").where("employee_id", "=", staff.id).execute();
    expect(grants).toHaveLength(0);
  });

  it("home shows the user's own name, unit and roles", async () => {
    const res = await respond(() => homeLoader({ request: request("/", { cookie: supervisorCookie }), params: {}, context: {} }));
    const data = await res.json();
    expect(data.name).toBe("課長 花子");
    expect(data.departmentName).toBe("観光振興課");
    expect(data.roles.map((r: { role: string }) => r.role)).toEqual(["supervisor"]);
    expect(data.areas.map((a: { to: string }) => a.to)).not.toContain("/hr/directory");
  });
});

describe("role grants by HR", () => {
  it("grants and revokes with an audit entry each, and validates the unit", async () => {
    const target = await createEmployee(t.db, { departmentId: otherUnit.id });
    const call = (fields: Record<string, string>) =>
      respond(() => employeeAction({ request: formRequest(`/hr/employees/${target.id}`, fields, hrCookie), params: { id: String(target.id) }, context: { clientIp: "10.9.9.9" } }));

    const missingUnit = await call({ intent: "grant", role: "posting_manager" });
    expect(missingUnit.status).toBe(400);
    expect((await missingUnit.json()).result.error.departmentId[0]).toContain("所属");

    expect((await call({ intent: "grant", role: "posting_manager", departmentId: String(unit.id) })).status).toBe(200);
    const headTaken = await call({ intent: "grant", role: "supervisor", departmentId: String(unit.id) });
    expect(headTaken.status).toBe(409);

    const grant = await t.db.selectFrom("role_grants").select(["id", "role"]).where("employee_id", "=", target.id).executeTakeFirstOrThrow();
    expect(grant.role).toBe("posting_manager");
    expect((await call({ intent: "revoke", grantId: String(grant.id) })).status).toBe(200);

    const log = await t.db.selectFrom("audit_log").select(["action", "ip", "detail"]).where("entity_type", "=", "employee").where("entity_id", "=", String(target.id)).orderBy("id").execute();
    expect(log.map((l) => l.action)).toEqual(["role.grant", "role.revoke"]);
    expect(log[0].ip).toBe("10.9.9.9");
  });
});

describe("/healthz", () => {
  it("answers 200 after a database round trip and 503 when the database is unreachable", async () => {
    expect((await healthLoader()).status).toBe(200);
    const unreachable = createDb("postgres://postgres@127.0.0.1:1/none");
    setDb(unreachable);
    try {
      expect((await healthLoader()).status).toBe(503);
    } finally {
      setDb(t.db);
      await unreachable.destroy();
    }
  });
});
