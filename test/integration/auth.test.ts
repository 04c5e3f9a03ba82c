import { beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { requireUser } from "~/auth/permissions.server";
import { isResetTokenUsable, requestPasswordReset, resetPassword } from "~/auth/password-reset.server";
import { verifyPassword } from "~/auth/password.server";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";

const t = useTestDatabase();
const PASSWORD = "correct-horse-battery";

async function signInWith(identifier: string, password: string, ip = "10.0.0.1") {
  return respond(() => loginAction({ request: formRequest("/login", { identifier, password, redirectTo: "/" }), params: {}, context: { clientIp: ip } }));
}

describe("sign-in", () => {
  let unitId: number;
  beforeAll(async () => {
    unitId = (await createDepartment(t.db)).id;
  });

  it("signs in with 職員番号 or email and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const e = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD, employeeNo: "500001", email: "Sato@Example.jp" });
    for (const identifier of ["500001", "sato@example.jp"]) {
      const res = await signInWith(identifier, PASSWORD);
      expect(res.status).toBe(302);
      const cookie = res.headers.get("Set-Cookie")!;
      expect(cookie).toMatch(/^portal_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    }
    const sessions = await t.db.selectFrom("sessions").select("id").where("employee_id", "=", e.id).execute();
    expect(sessions).toHaveLength(2);
    const audit = await t.db.selectFrom("audit_log").select("action").where("action", "=", "auth.sign_in").where("entity_id", "=", String(e.id)).execute();
    expect(audit).toHaveLength(2);
  });

  it("refuses a wrong password with a message and 401, and records the failure", async () => {
    const e = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD });
    const res = await signInWith(e.employee_no, "wrong-password-1");
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain("パスワードが正しくありません");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const failures = await t.db.selectFrom("audit_log").select("action").where("action", "=", "auth.sign_in_failed").where("entity_id", "=", String(e.id)).execute();
    expect(failures).toHaveLength(1);
  });

  it("refuses empty fields with messages beside them (400)", async () => {
    const res = await signInWith("", "");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.identifier[0]).toContain("職員番号またはメールアドレスを入力");
    expect(body.error.password[0]).toContain("パスワードを入力");
  });

  it("throttles an account after 5 failures, even for the right password, with a Japanese message", async () => {
    const e = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD });
    for (let i = 0; i < 5; i++) expect((await signInWith(e.employee_no, `bad-${i}-password`, `10.1.0.${i}`)).status).toBe(401);
    const res = await signInWith(e.employee_no, PASSWORD, "10.1.0.99");
    expect(res.status).toBe(429);
    expect(JSON.stringify(await res.json())).toContain("一時的に受付を停止しています");
    // another account is unaffected
    const other = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD });
    expect((await signInWith(other.employee_no, PASSWORD, "10.1.0.99")).status).toBe(302);
  });

  it("throttles a client address that sprays many accounts", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < 30; i++) await signInWith(`nobody-${i}`, "whatever-password", ip);
    const e = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD });
    expect((await signInWith(e.employee_no, PASSWORD, ip)).status).toBe(429);
    expect((await signInWith(e.employee_no, PASSWORD, "10.2.0.2")).status).toBe(302);
  });

  it("refuses someone who has left", async () => {
    const e = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD, hiredOn: "2000-04-01", leftOn: "2020-03-31" });
    expect((await signInWith(e.employee_no, PASSWORD)).status).toBe(401);
  });

  it("ignores an off-site redirectTo", async () => {
    const e = await createEmployee(t.db, { departmentId: unitId, password: PASSWORD });
    const res = await respond(() => loginAction({ request: formRequest("/login", { identifier: e.employee_no, password: PASSWORD, redirectTo: "//evil.example/" }), params: {}, context: {} }));
    expect(res.headers.get("Location")).toBe("/");
  });
});

describe("sessions", () => {
  it("an expired session sends the user to sign in again, marked expired", async () => {
    const unit = await createDepartment(t.db);
    const e = await createEmployee(t.db, { departmentId: unit.id });
    const cookie = await sessionCookie(e.id);
    await expect(requireUser(request("/", { cookie }))).resolves.toMatchObject({ id: e.id });
    await t.db.updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000) }).where("employee_id", "=", e.id).execute();
    const res = await respond(() => requireUser(request("/hr/directory?q=x", { cookie })));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("Location")!, "http://x");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("reason")).toBe("expired");
    expect(location.searchParams.get("redirectTo")).toBe("/hr/directory?q=x");
  });

  it("renews a session used in its second half (sliding expiry)", async () => {
    const unit = await createDepartment(t.db);
    const e = await createEmployee(t.db, { departmentId: unit.id });
    const cookie = await sessionCookie(e.id);
    const soon = new Date(Date.now() + 60_000);
    await t.db.updateTable("sessions").set({ expires_at: soon }).where("employee_id", "=", e.id).execute();
    await requireUser(request("/", { cookie }));
    const row = await t.db.selectFrom("sessions").select("expires_at").where("employee_id", "=", e.id).executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(soon.getTime() + 60 * 60_000);
  });

  it("sign-out ends the session", async () => {
    const unit = await createDepartment(t.db);
    const e = await createEmployee(t.db, { departmentId: unit.id });
    const cookie = await sessionCookie(e.id);
    const res = await respond(() => logoutAction({ request: formRequest("/logout", {}, cookie), params: {}, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/portal_session=;/);
    const left = await t.db.selectFrom("sessions").select("id").where("employee_id", "=", e.id).execute();
    expect(left).toHaveLength(0);
  });
});

describe("password reset", () => {
  async function issueToken(employee: { employee_no: string }) {
    await requestPasswordReset(t.db, { identifier: employee.employee_no, appUrl: "http://localhost:3000", ip: "10.0.0.1" });
    const mail = await t.db.selectFrom("outbox_emails").select(["text_body", "to_address", "subject"]).where("template", "=", "password-reset").orderBy("id", "desc").executeTakeFirstOrThrow();
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
    return { token, mail };
  }

  it("emails a single-use link and ends every session when used", async () => {
    const unit = await createDepartment(t.db);
    const e = await createEmployee(t.db, { departmentId: unit.id, password: PASSWORD });
    await sessionCookie(e.id);
    const { token, mail } = await issueToken(e);
    expect(mail.to_address).toBe(e.email);
    expect(mail.subject).toContain("パスワード再設定");
    expect(await isResetTokenUsable(t.db, token)).toBe(true);
    // Two submissions at the same moment: exactly one wins.
    const results = await Promise.all([
      resetPassword(t.db, { token, password: "new-password-one", ip: "x" }),
      resetPassword(t.db, { token, password: "new-password-two", ip: "x" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await resetPassword(t.db, { token, password: "new-password-three", ip: "x" })).toBe(false);
    expect(await isResetTokenUsable(t.db, token)).toBe(false);
    const sessions = await t.db.selectFrom("sessions").select("id").where("employee_id", "=", e.id).execute();
    expect(sessions).toHaveLength(0);
    const hash = (await t.db.selectFrom("credentials").select("password_hash").where("employee_id", "=", e.id).executeTakeFirstOrThrow()).password_hash;
    expect(await verifyPassword(hash, PASSWORD)).toBe(false);
  });

  it("refuses an expired token", async () => {
    const unit = await createDepartment(t.db);
    const e = await createEmployee(t.db, { departmentId: unit.id, password: PASSWORD });
    const { token } = await issueToken(e);
    await t.db.updateTable("password_reset_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("employee_id", "=", e.id).execute();
    expect(await resetPassword(t.db, { token, password: "new-password-one", ip: "x" })).toBe(false);
  });

  it("does not reveal whether an account exists", async () => {
    const before = await t.db.selectFrom("outbox_emails").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await requestPasswordReset(t.db, { identifier: "no-such-person", appUrl: "http://localhost:3000", ip: "x" });
    const after = await t.db.selectFrom("outbox_emails").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
