import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication, consentToApplication, submitApplication } from "~/applications/commands.server";
import { action as applyAction, loader as applyLoader } from "~/routes/postings_.$id.apply";
import { action as myAppAction, loader as myAppLoader } from "~/routes/me.applications.$id";
import { loader as myListLoader } from "~/routes/me.applications._index";
import { action as consentAction } from "~/routes/supervisor.consents.$applicationId";
import { loader as inboxLoader } from "~/routes/supervisor.consents._index";
import { action as hostAction, loader as hostLoader } from "~/routes/manage.applications.$id";
import { loader as applicantsLoader } from "~/routes/manage.applicants.$postingId";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { buildWorld, createPosting, day, MOTIVATION, outboxFor, type World } from "./applications-fixtures";

const t = useTestDatabase();
let w: World;

beforeAll(async () => {
  w = await buildWorld(t.db);
});

const posting = (extra: Partial<Parameters<typeof createPosting>[1]> = {}) => createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, ...extra });
const applyGet = (postingId: number, cookie: string) => respond(() => applyLoader({ request: request(`/postings/${postingId}/apply`, { cookie }), params: { id: String(postingId) }, context: {} }));
const applyPost = (postingId: number, fields: Record<string, string>, cookie: string) =>
  respond(() => applyAction({ request: formRequest(`/postings/${postingId}/apply`, fields, cookie), params: { id: String(postingId) }, context: {} }));

describe("/postings/:id/apply", () => {
  it("shows whose consent the application goes through before submitting", async () => {
    const p = await posting();
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const data = await (await applyGet(p.id, await sessionCookie(employee.id))).json();
    expect(data.problems).toEqual([]);
    expect(data.supervisor).toMatchObject({ id: w.people.tourismHead.id, name: "高畑 誠", title: "観光振興課長" });
    expect(data.cap).toMatchObject({ capHours: 33.6, requestedHours: 16, allowed: true });
  });

  it("bad input: 400 with messages beside the fields, what was typed kept, nothing written", async () => {
    const p = await posting();
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const typed = { motivation: "観光が好きなので応募します。", experience: "観光案内所で2年勤務", hoursAvailable: "1.25" };
    const res = await applyPost(p.id, typed, await sessionCookie(employee.id));
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.error.motivation[0]).toBe("志望動機は20字以上で入力してください（現在14字）。");
    expect(result.error.hoursAvailable[0]).toBe("時間は小数第1位まで入力できます。");
    expect(result.error.experience).toBeUndefined();
    expect(result.initialValue).toMatchObject(typed);
    expect(await t.db.selectFrom("applications").select("id").where("employee_id", "=", employee.id).execute()).toHaveLength(0);
    expect(await t.db.selectFrom("outbox_emails").select("id").where("template", "=", "application-submitted").where("to_employee_id", "=", w.people.tourismHead.id).where("text_body", "like", `%${employee.name}%`).execute()).toHaveLength(0);
  });

  it("submits: redirect to the new application, which the applicant then sees as 同意待ち", async () => {
    const p = await posting({ title: "移住・定住プロモーション" });
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const cookie = await sessionCookie(employee.id);
    const res = await applyPost(p.id, { motivation: MOTIVATION, hoursAvailable: "12" }, cookie);
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.match(/\/me\/applications\/(\d+)/)![1]);
    const list = await (await respond(() => myListLoader({ request: request("/me/applications", { cookie }), params: {}, context: {} }))).json();
    expect(list.applications).toEqual([expect.objectContaining({ id, status: "awaiting_consent", posting_title: "移住・定住プロモーション" })]);
    // The page now says the employee has applied.
    expect((await (await applyGet(p.id, cookie)).json()).problems).toEqual(["already_applied"]);
  });

  it("explains why one cannot apply (closed window, own unit), and 404s postings that were never public", async () => {
    const closed = await posting({ applyFrom: day(-20), applyUntil: day(-1) });
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const cookie = await sessionCookie(employee.id);
    expect((await (await applyGet(closed.id, cookie)).json()).problems).toEqual(["not_open"]);
    const refused = await applyPost(closed.id, { motivation: MOTIVATION }, cookie);
    expect(refused.status).toBe(409);
    expect((await refused.json()).result.error[""]).toEqual(["この募集は現在、応募を受け付けていません。"]);

    const hostStaff = await createEmployee(t.db, { departmentId: w.units.digital.id });
    expect((await (await applyGet((await posting()).id, await sessionCookie(hostStaff.id))).json()).problems).toEqual(["own_unit"]);

    const draft = await posting({ status: "draft" });
    expect((await applyGet(draft.id, cookie)).status).toBe(404);
    expect((await applyPost(draft.id, { motivation: MOTIVATION }, cookie)).status).toBe(404);
    expect((await applyGet(987654, cookie)).status).toBe(404);
  });
});

describe("supervisor pages", () => {
  it("lists pending consents oldest first with the waiting time, and a decline needs a reason", async () => {
    const p = await posting();
    const older = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const newer = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const a1 = await submitApplication(t.db, { actorId: older.id, postingId: p.id, motivation: MOTIVATION, now: new Date(Date.now() - 3 * 86400_000) });
    const a2 = await submitApplication(t.db, { actorId: newer.id, postingId: p.id, motivation: MOTIVATION });
    const cookie = await sessionCookie(w.people.tourismHead.id);
    const inbox = await (await respond(() => inboxLoader({ request: request("/supervisor/consents", { cookie }), params: {}, context: {} }))).json();
    const pending = inbox.pending.filter((r: { id: number }) => r.id === a1.applicationId || r.id === a2.applicationId);
    expect(pending.map((r: { id: number }) => r.id)).toEqual([a1.applicationId, a2.applicationId]);
    expect(pending[0].waiting.calendarDays).toBe(3);
    expect(pending[1].waiting).toEqual({ calendarDays: 0, businessDays: 0 });

    const decline = (fields: Record<string, string>) =>
      respond(() => consentAction({ request: formRequest(`/supervisor/consents/${a1.applicationId}`, fields, cookie), params: { applicationId: String(a1.applicationId) }, context: {} }));
    const noReason = await decline({ intent: "decline", reason: " " });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).result.error.reason[0]).toBe("同意しない理由を入力してください。理由は応募者本人に伝えられます。");
    expect((await t.db.selectFrom("applications").select("status").where("id", "=", a1.applicationId).executeTakeFirstOrThrow()).status).toBe("awaiting_consent");

    const ok = await decline({ intent: "decline", reason: "繁忙期のため" });
    expect(ok.status).toBe(302);
    const again = await decline({ intent: "consent" });
    expect(again.status).toBe(409);
    expect((await again.json()).result.error[""]).toEqual(["状態が変わりました。画面を更新してください。"]);
  });
});

describe("host pages", () => {
  it("schedules an interview in Japan time, then accepts; the applicant's page follows", async () => {
    const p = await posting({ periodStart: day(-3), periodEnd: day(120), applyFrom: day(-20), applyUntil: day(5) });
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const { applicationId } = await submitApplication(t.db, { actorId: employee.id, postingId: p.id, motivation: MOTIVATION });
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId });
    const cookie = await sessionCookie(w.people.manager.id);
    const post = (fields: Record<string, string>) =>
      respond(() => hostAction({ request: formRequest(`/manage/applications/${applicationId}`, fields, cookie), params: { id: String(applicationId) }, context: {} }));

    const missing = await post({ intent: "interview", interviewAt: "", place: "" });
    expect(missing.status).toBe(400);
    const errors = (await missing.json()).result.error;
    expect(errors.interviewAt[0]).toBe("面談の日時を入力してください。");
    expect(errors.place[0]).toContain("面談の場所");

    const when = `${day(7)}T14:30`;
    expect((await post({ intent: "interview", interviewAt: when, place: "本館3階 第2会議室" })).status).toBe(302);
    const row = await t.db.selectFrom("applications").select(["status", "interview_at"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
    expect(row.status).toBe("interview");
    expect(row.interview_at?.toISOString()).toBe(new Date(`${when}:00+09:00`).toISOString());
    const page = await (await respond(() => hostLoader({ request: request(`/manage/applications/${applicationId}`, { cookie }), params: { id: String(applicationId) }, context: {} }))).json();
    expect(page.interviewDefault).toBe(when);

    const noReason = await post({ intent: "not_selected", reason: "" });
    expect(noReason.status).toBe(400);
    expect((await post({ intent: "accept" })).status).toBe(302);

    // The period began three days ago: straight to 参加中, with the record starting today.
    const employeeCookie = await sessionCookie(employee.id);
    const mine = await (await respond(() => myAppLoader({ request: request(`/me/applications/${applicationId}`, { cookie: employeeCookie }), params: { id: String(applicationId) }, context: {} }))).json();
    expect(mine.app.status).toBe("participating");
    expect(mine.participation).toEqual({ start_on: day(0), end_on: day(120) });
  });

  it("the applicants list can be filtered by status and shows places filled", async () => {
    const p = await posting({ capacity: 3 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
      const { applicationId } = await submitApplication(t.db, { actorId: employee.id, postingId: p.id, motivation: MOTIVATION });
      await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId });
      ids.push(applicationId);
    }
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: ids[1] });
    const cookie = await sessionCookie(w.people.manager.id);
    const load = (query: string) => respond(() => applicantsLoader({ request: request(`/manage/applicants/${p.id}${query}`, { cookie }), params: { postingId: String(p.id) }, context: {} }));
    const all = await (await load("")).json();
    expect(all.applications.map((a: { id: number }) => a.id)).toEqual(ids);
    expect(all.posting).toMatchObject({ filled: 1, capacity: 3 });
    const acceptedOnly = await (await load("?status=accepted")).json();
    expect(acceptedOnly.applications.map((a: { id: number }) => a.id)).toEqual([ids[1]]);
    // a status the host may not see is ignored, not honoured
    const sneaky = await (await load("?status=awaiting_consent")).json();
    expect(sneaky.status).toBeNull();
  });
});

describe("applicant actions", () => {
  it("withdraws with an optional reason; completes with a required report", async () => {
    const p = await posting({ periodStart: day(-10), periodEnd: day(100), applyFrom: day(-20), applyUntil: day(5), scheme: "job_challenge" });
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const cookie = await sessionCookie(employee.id);
    const { applicationId } = await submitApplication(t.db, { actorId: employee.id, postingId: p.id, motivation: MOTIVATION });
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId });
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId });
    const post = (fields: Record<string, string>) => respond(() => myAppAction({ request: formRequest(`/me/applications/${applicationId}`, fields, cookie), params: { id: String(applicationId) }, context: {} }));

    const empty = await post({ intent: "complete", report: "" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).result.error.report[0]).toBe("取り組んだ内容を入力してください。");
    expect((await post({ intent: "complete", report: "業務フローの見直し案を作成しました。", hours: "36.5" })).status).toBe(302);
    const row = await t.db.selectFrom("applications").select(["status", "completion_hours"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "completed", completion_hours: "36.5" });
    expect((await t.db.selectFrom("participations").select("end_on").where("application_id", "=", applicationId).executeTakeFirstOrThrow()).end_on).toBe(day(0));

    const late = await post({ intent: "withdraw" });
    expect(late.status).toBe(409);

    const q = await posting();
    const second = await submitApplication(t.db, { actorId: employee.id, postingId: q.id, motivation: MOTIVATION });
    const withdraw = await respond(() =>
      myAppAction({ request: formRequest(`/me/applications/${second.applicationId}`, { intent: "withdraw", reason: "家庭の事情のため" }, cookie), params: { id: String(second.applicationId) }, context: {} }),
    );
    expect(withdraw.status).toBe(302);
    expect(withdraw.headers.get("Location")).toBe(`/me/applications/${second.applicationId}?done=withdrawn`);
    expect(await t.db.selectFrom("applications").select(["status", "withdraw_reason"]).where("id", "=", second.applicationId).executeTakeFirstOrThrow()).toEqual({ status: "withdrawn", withdraw_reason: "家庭の事情のため" });
    // withdrawn before consent: the host is not told
    expect((await outboxFor(t.db, "application-withdrawn")).filter((m) => m.dedupe_key?.startsWith(`application-withdrawn:${second.applicationId}:`))).toHaveLength(0);
  });
});
