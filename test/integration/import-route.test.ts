import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleCode } from "../../db/schema";
import { startSession } from "../../app/auth/session.server";
import { action as uploadAction, loader as uploadLoader } from "../../app/routes/hr.import";
import { action as confirmAction, loader as previewLoader } from "../../app/routes/hr.import.$previewId";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const BASE = "http://localhost:3000";
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/import", name));

const cookies: Record<string, string> = {};

async function person(employeeNo: string, departmentId: number, roles: { role: RoleCode; departmentId?: number }[]) {
  const { id } = await t.db
    .insertInto("employees")
    .values({
      employee_no: employeeNo,
      name: `職員 ${employeeNo}`,
      name_kana: "ショクイン",
      email: `e${employeeNo}@pref.example.jp`,
      department_id: departmentId,
      grade: "主事",
      birth_year: 1990,
      hired_on: "2015-04-01",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const grant of roles)
    await t.db
      .insertInto("role_grants")
      .values({ employee_id: id, role: grant.role, department_id: grant.departmentId ?? null })
      .execute();
  // "portal_session=…; Path=/; HttpOnly; SameSite=Lax" → "portal_session=…"
  cookies[employeeNo] = (await startSession(id, {})).split(";")[0];
  return id;
}

function request(pathname: string, who: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (who) headers.set("Cookie", cookies[who]);
  return new Request(`${BASE}${pathname}`, { ...init, headers });
}

function upload(who: string | null, kind: string, file: Buffer | null, fileName = "upload.csv"): Request {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", file ? new File([new Uint8Array(file)], fileName, { type: "text/csv" }) : new File([], "", { type: "application/octet-stream" }));
  return request("/hr/import", who, { method: "POST", body: form });
}

/** Runs a loader/action and returns the Response it returned or threw. */
async function settle(run: () => Promise<unknown>): Promise<Response> {
  try {
    const value = await run();
    if (!(value instanceof Response)) throw new Error("expected a Response");
    return value;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} });

beforeAll(async () => {
  const { id: unit } = await t.db.insertInto("departments").values({ code: "SOUMU", name: "総務部" }).returning("id").executeTakeFirstOrThrow();
  await person("900001", unit, []);
  await person("900002", unit, [{ role: "supervisor", departmentId: unit }, { role: "contest_admin" }]);
  await person("900003", unit, [{ role: "hr_admin" }]);
  await person("900004", unit, [{ role: "hr_admin" }]);
});

describe("/hr/import permissions", () => {
  it("sends a signed-out visitor to sign in", async () => {
    const res = await settle(() => uploadLoader(args(request("/hr/import", null))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Fhr%2Fimport/);
  });

  it.each(["900001", "900002"])("refuses the loaders and actions to a non-hr_admin (%s) with 403", async (who) => {
    expect((await settle(() => uploadLoader(args(request("/hr/import", who))))).status).toBe(403);
    expect((await settle(() => uploadAction(args(upload(who, "departments", fixture("departments.csv")))))).status).toBe(403);
    const fake = "00000000-0000-4000-8000-000000000000";
    expect((await settle(() => previewLoader(args(request(`/hr/import/${fake}`, who), { previewId: fake })))).status).toBe(403);
    expect((await settle(() => confirmAction(args(request(`/hr/import/${fake}`, who, { method: "POST" }), { previewId: fake })))).status).toBe(403);
    expect(await t.db.selectFrom("import_previews").select("id").execute()).toEqual([]);
  });
});

describe("/hr/import for hr_admin", () => {
  let previewId = "";

  it("shows the upload page", async () => {
    const res = await settle(() => uploadLoader(args(request("/hr/import", "900003"))));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recent: [] });
  });

  it("rejects an upload without a file, beside the field", async () => {
    const res = await settle(() => uploadAction(args(upload("900003", "departments", null))));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error.file).toEqual(["取り込むファイルを選択してください。"]);
  });

  it("rejects a file over 10 MB", async () => {
    const res = await settle(() => uploadAction(args(upload("900003", "employees", Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)))));
    expect(res.status).toBe(413);
  });

  it("stores the upload and redirects to a preview with the counts, writing nothing yet", async () => {
    const res = await settle(() => uploadAction(args(upload("900003", "departments", fixture("departments.csv"), "所属一覧.csv"))));
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/hr\/import\/[0-9a-f-]{36}$/);
    previewId = location.split("/").pop()!;

    const preview = await settle(() => previewLoader(args(request(location, "900003"), { previewId })));
    expect(preview.status).toBe(200);
    const data = await preview.json();
    expect(data).toMatchObject({
      kind: "departments",
      fileName: "所属一覧.csv",
      state: "pending",
      check: { encoding: "utf-8", result: { ok: true, total: 6, created: 5, updated: 0, unchanged: 1, errors: [] } },
    });
    expect(await t.db.selectFrom("departments").select("code").execute()).toHaveLength(1);
  });

  it("hides another hr_admin's preview (404), for viewing and confirming", async () => {
    expect((await settle(() => previewLoader(args(request(`/hr/import/${previewId}`, "900004"), { previewId })))).status).toBe(404);
    expect((await settle(() => confirmAction(args(request(`/hr/import/${previewId}`, "900004", { method: "POST" }), { previewId })))).status).toBe(404);
    expect((await settle(() => previewLoader(args(request("/hr/import/not-a-uuid", "900003"), { previewId: "not-a-uuid" })))).status).toBe(404);
  });

  it("confirms once: imports, audits, and shows the success summary", async () => {
    const res = await settle(() => confirmAction(args(request(`/hr/import/${previewId}`, "900003", { method: "POST" }), { previewId })));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/hr/import/${previewId}`);
    expect(await t.db.selectFrom("departments").select("code").execute()).toHaveLength(6);

    const again = await settle(() => confirmAction(args(request(`/hr/import/${previewId}`, "900003", { method: "POST" }), { previewId })));
    expect(again.status).toBe(302);
    const audits = await t.db.selectFrom("audit_log").select(["action", "entity_id", "actor_id", "detail"]).where("entity_type", "=", "import").execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "import.departments",
      entity_id: previewId,
      detail: { fileName: "所属一覧.csv", total: 6, created: 5, updated: 0, unchanged: 1 },
    });

    const page = await (await settle(() => previewLoader(args(request(`/hr/import/${previewId}`, "900003"), { previewId })))).json();
    expect(page).toMatchObject({ state: "confirmed", summary: { total: 6, created: 5, updated: 0, unchanged: 1 }, check: null });
    expect(page.confirmedAt).toBeTruthy();

    const list = await (await settle(() => uploadLoader(args(request("/hr/import", "900003"))))).json();
    expect(list.recent).toHaveLength(1);
    expect(list.recent[0]).toMatchObject({ id: previewId, kind: "departments", fileName: "所属一覧.csv" });
    expect(list.recent[0].confirmedAt).toBeTruthy();
  });

  it("shows the errors of a bad file and will not confirm it", async () => {
    const res = await settle(() => uploadAction(args(upload("900003", "employees", fixture("employees-bad.csv")))));
    const id = res.headers.get("Location")!.split("/").pop()!;
    const data = await (await settle(() => previewLoader(args(request(`/hr/import/${id}`, "900003"), { previewId: id })))).json();
    expect(data.check.result.ok).toBe(false);
    expect(data.check.result.errors).toContainEqual({ line: 3, message: "所属コード「X99」が見つかりません。" });

    const confirm = await settle(() => confirmAction(args(request(`/hr/import/${id}`, "900003", { method: "POST" }), { previewId: id })));
    expect(confirm.status).toBe(409);
    const row = await t.db.selectFrom("import_previews").select("confirmed_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.confirmed_at).toBeNull();
    expect(await t.db.selectFrom("employees").select("id").where("employee_no", "like", "2000%").execute()).toEqual([]);
  });
});
