import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { resetEnvCache } from "~/env.server";
import { enqueueEmail } from "~/notifications/outbox.server";
import { action as outboxAction, loader as outboxLoader } from "~/routes/hr.outbox";
import { loader as mailboxLoader } from "~/routes/dev.mailbox";
import { loader as mailboxEmailLoader } from "~/routes/dev.mailbox.$id";
import type { RoleCode } from "../../db/schema";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const saved = { DEMO_MODE: process.env.DEMO_MODE, SMTP_URL: process.env.SMTP_URL };

let departmentId: number;
let serial = 0;

async function signedInAs(roles: RoleCode[] = []): Promise<{ cookie: string; id: number }> {
  serial += 1;
  const employee = await t.db
    .insertInto("employees")
    .values({ employee_no: `OP${serial}`, name: `試験 花子${serial}`, name_kana: "シケン ハナコ", email: `op${serial}@example.jp`, department_id: departmentId, grade: "主事", birth_year: 1990, hired_on: "2015-04-01" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles) await t.db.insertInto("role_grants").values({ employee_id: employee.id, role, department_id: null }).execute();
  const setCookie = await startSession(employee.id, {});
  return { cookie: setCookie.split(";")[0], id: employee.id };
}

function get(path: string, cookie?: string): Request {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, cookie: string, form: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
}

/** What a loader or action threw (the permission helpers throw Responses). */
async function thrown(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

function setMailEnv(demoMode: boolean, smtpUrl?: string) {
  process.env.DEMO_MODE = demoMode ? "1" : "0";
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

async function failedEmail(to: string): Promise<number> {
  await enqueueEmail(t.db, { template: "password-reset", to, props: { name: "山田", resetUrl: "https://portal.example.jp/r/1", expiresInMinutes: 60 } });
  const row = await t.db
    .updateTable("outbox_emails")
    .set({ status: "failed", attempts: 8, last_error: "550 5.1.1 User unknown" })
    .where("to_address", "=", to)
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

beforeAll(async () => {
  departmentId = (await t.db.insertInto("departments").values({ code: "OPX", name: "人事課" }).returning("id").executeTakeFirstOrThrow()).id;
});
beforeEach(async () => {
  await t.db.deleteFrom("outbox_emails").execute();
  setMailEnv(true);
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
});

describe("/hr/outbox", () => {
  it("refuses anyone who is not hr_admin, in the loader and the action (403)", async () => {
    const id = await failedEmail("someone@example.jp");
    for (const roles of [[], ["contest_admin"], ["reviewer", "counselor"]] as RoleCode[][]) {
      const { cookie } = await signedInAs(roles);
      expect((await thrown(() => outboxLoader({ request: get("/hr/outbox", cookie), params: {}, context: {} }))).status).toBe(403);
      expect((await thrown(() => outboxAction({ request: post("/hr/outbox", cookie, { intent: "retry", id: String(id) }), params: {}, context: {} }))).status).toBe(403);
    }
    expect((await t.db.selectFrom("outbox_emails").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("failed");
  });

  it("sends a signed-out visitor to the sign-in page", async () => {
    const response = await thrown(() => outboxLoader({ request: get("/hr/outbox"), params: {}, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?/);
  });

  it("shows hr_admin the counts and the failed email, and 再送 queues it again with an audit entry", async () => {
    const id = await failedEmail("bounced@example.jp");
    const hr = await signedInAs(["hr_admin"]);
    const response = (await outboxLoader({ request: get("/hr/outbox", hr.cookie), params: {}, context: {} })) as Response;
    const data = await response.json();
    expect(data.counts).toMatchObject({ failed: 1, pending: 0 });
    expect(data.failed).toEqual([expect.objectContaining({ id, toAddress: "bounced@example.jp", attempts: 8, lastError: "550 5.1.1 User unknown" })]);

    const retried = (await outboxAction({ request: post("/hr/outbox", hr.cookie, { intent: "retry", id: String(id) }), params: {}, context: { clientIp: "10.9.9.9" } })) as Response;
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, id });
    expect(await t.db.selectFrom("outbox_emails").select(["status", "attempts", "last_error"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({
      status: "pending",
      attempts: 0,
      last_error: null,
    });
    const audit = await t.db.selectFrom("audit_log").select(["actor_id", "action", "entity_id", "detail", "ip"]).where("action", "=", "outbox.retry").execute();
    expect(audit).toEqual([{ actor_id: hr.id, action: "outbox.retry", entity_id: String(id), detail: { previousAttempts: 8, lastError: "550 5.1.1 User unknown" }, ip: "10.9.9.9" }]);

    // A second click: nothing to retry, no second audit entry.
    const again = (await outboxAction({ request: post("/hr/outbox", hr.cookie, { intent: "retry", id: String(id) }), params: {}, context: {} })) as Response;
    expect(again.status).toBe(409);
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "outbox.retry").execute()).toHaveLength(1);
  });

  it("rejects a malformed retry", async () => {
    const hr = await signedInAs(["hr_admin"]);
    const response = (await outboxAction({ request: post("/hr/outbox", hr.cookie, { intent: "retry", id: "abc" }), params: {}, context: {} })) as Response;
    expect(response.status).toBe(400);
  });
});

describe("/dev/mailbox", () => {
  it("is 404 when demo mode is off, even for a signed-in hr_admin", async () => {
    setMailEnv(false);
    const { cookie } = await signedInAs(["hr_admin"]);
    expect((await thrown(() => mailboxLoader({ request: get("/dev/mailbox", cookie), params: {}, context: {} }))).status).toBe(404);
    expect((await thrown(() => mailboxEmailLoader({ request: get("/dev/mailbox/1", cookie), params: { id: "1" }, context: {} }))).status).toBe(404);
    // Signed out too: the page's existence is not revealed by a redirect to sign-in.
    expect((await thrown(() => mailboxLoader({ request: get("/dev/mailbox"), params: {}, context: {} }))).status).toBe(404);
  });

  it("is 404 when SMTP is configured, even in demo mode", async () => {
    setMailEnv(true, "smtp://mail.example.jp:25");
    const { cookie } = await signedInAs();
    expect((await thrown(() => mailboxLoader({ request: get("/dev/mailbox", cookie), params: {}, context: {} }))).status).toBe(404);
  });

  it("requires a signed-in user", async () => {
    const response = await thrown(() => mailboxLoader({ request: get("/dev/mailbox"), params: {}, context: {} }));
    expect(response.status).toBe(302);
  });

  it("lists every email newest first and shows one with its HTML, text and attachments", async () => {
    const { cookie } = await signedInAs();
    await enqueueEmail(t.db, { template: "password-reset", to: "first@example.jp", props: { name: "一郎", resetUrl: "https://portal.example.jp/r/1", expiresInMinutes: 60 } });
    await enqueueEmail(t.db, {
      template: "password-reset",
      to: "second@example.jp",
      props: { name: "二郎", resetUrl: "https://portal.example.jp/r/2", expiresInMinutes: 60 },
      attachments: [{ filename: "募集要項.pdf", contentType: "application/pdf", content: Buffer.from("hello pdf").toString("base64") }],
    });
    const list = await ((await mailboxLoader({ request: get("/dev/mailbox", cookie), params: {}, context: {} })) as Response).json();
    expect(list.total).toBe(2);
    expect(list.entries.map((e: { toAddress: string }) => e.toAddress)).toEqual(["second@example.jp", "first@example.jp"]);

    const filtered = await ((await mailboxLoader({ request: get("/dev/mailbox?to=FIRST", cookie), params: {}, context: {} })) as Response).json();
    expect(filtered.entries.map((e: { toAddress: string }) => e.toAddress)).toEqual(["first@example.jp"]);

    const id = String(list.entries[0].id);
    const detail = await ((await mailboxEmailLoader({ request: get(`/dev/mailbox/${id}`, cookie), params: { id }, context: {} })) as Response).json();
    expect(detail.email.subject).toBe("【職員チャレンジポータル】パスワード再設定のご案内");
    expect(detail.email.html).toContain("二郎 様");
    expect(detail.email.text).toContain("https://portal.example.jp/r/2");
    expect(detail.email.attachments).toEqual([{ filename: "募集要項.pdf", contentType: "application/pdf", bytes: 9 }]);

    expect((await thrown(() => mailboxEmailLoader({ request: get("/dev/mailbox/999999", cookie), params: { id: "999999" }, context: {} }))).status).toBe(404);
    expect((await thrown(() => mailboxEmailLoader({ request: get("/dev/mailbox/x", cookie), params: { id: "x" }, context: {} }))).status).toBe(404);
  });
});
