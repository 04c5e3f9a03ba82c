import { beforeAll, describe, expect, it } from "vitest";
import { loader as browseLoader } from "~/routes/postings._index";
import { loader as detailLoader } from "~/routes/postings.$id";
import { loader as manageListLoader } from "~/routes/manage.postings._index";
import { action as newAction, loader as newLoader } from "~/routes/manage.postings.new";
import { action as manageAction, loader as manageLoader } from "~/routes/manage.postings.$id";
import { loader as hrListLoader } from "~/routes/hr.postings._index";
import { action as hrAction, loader as hrLoader } from "~/routes/hr.postings.$id";
import { todayInTokyo } from "~/i18n/format";
import { addDays } from "~/postings/model";
import { approvePosting, createPosting, submitPosting } from "~/postings/postings.server";
import type { PostingInput } from "~/postings/schema";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";

const t = useTestDatabase();

let unit: { id: number };
let otherUnit: { id: number };
let manager: { id: number };
let cookies: Record<"manager" | "otherManager" | "employee" | "supervisor" | "hr" | "senior" | "partTime", string>;
let employee: { id: number };
let hr: { id: number };

const today = todayInTokyo();

beforeAll(async () => {
  const bureau = await createDepartment(t.db, { name: "知事政策局" });
  unit = await createDepartment(t.db, { name: "デジタル化推進室", parentId: bureau.id });
  otherUnit = await createDepartment(t.db, { name: "防災・危機管理課", parentId: bureau.id });
  const staffUnit = await createDepartment(t.db, { name: "観光振興課" });
  manager = await createEmployee(t.db, { departmentId: unit.id, roles: [{ role: "posting_manager", departmentId: unit.id }] });
  const otherManager = await createEmployee(t.db, { departmentId: otherUnit.id, roles: [{ role: "posting_manager", departmentId: otherUnit.id }] });
  employee = await createEmployee(t.db, { departmentId: staffUnit.id, name: "中川 さくら", grade: "主任" });
  const supervisor = await createEmployee(t.db, { departmentId: staffUnit.id, grade: "課長", roles: [{ role: "supervisor", departmentId: staffUnit.id }] });
  hr = await createEmployee(t.db, { departmentId: staffUnit.id, roles: [{ role: "hr_admin" }] });
  const senior = await createEmployee(t.db, { departmentId: staffUnit.id, grade: "課長" });
  const partTime = await createEmployee(t.db, { departmentId: staffUnit.id });
  await t.db.updateTable("employees").set({ employment_type: "part_time" }).where("id", "=", partTime.id).execute();
  cookies = {
    manager: await sessionCookie(manager.id),
    otherManager: await sessionCookie(otherManager.id),
    employee: await sessionCookie(employee.id),
    supervisor: await sessionCookie(supervisor.id),
    hr: await sessionCookie(hr.id),
    senior: await sessionCookie(senior.id),
    partTime: await sessionCookie(partTime.id),
  };
});

function input(overrides: Partial<PostingInput> = {}): PostingInput {
  return {
    scheme: "side_job",
    title: "行政手続オンライン化の推進",
    hostDepartmentId: unit.id,
    summary: "県の行政手続をオンライン化する取組に参加する職員を募集します。",
    workContent: "手続の棚卸し、業務フローの見直し、電子申請フォームの作成を担当します。",
    skills: ["DX", "業務改善"],
    hoursPerMonth: 12,
    periodStart: addDays(today, 30),
    periodEnd: addDays(today, 120),
    capacity: 2,
    workStyle: "remote",
    place: "",
    maxGrade: "課長補佐",
    employmentTypes: ["regular"],
    selectionMethod: "documents",
    contact: "デジタル化推進室 松井（内線2345）",
    applyFrom: today,
    applyUntil: addDays(today, 14),
    ...overrides,
  };
}

/** The posting form as the browser sends it. */
function form(overrides: Record<string, string | string[]> = {}): [string, string][] {
  const values: Record<string, string | string[]> = {
    intent: "save",
    scheme: "side_job",
    title: "行政手続オンライン化の推進",
    hostDepartmentId: String(unit.id),
    summary: "県の行政手続をオンライン化する取組に参加する職員を募集します。",
    workContent: "手続の棚卸し、業務フローの見直し、電子申請フォームの作成を担当します。",
    skills: "DX、業務改善",
    hoursPerMonth: "12",
    periodStart: addDays(today, 30),
    periodEnd: addDays(today, 120),
    capacity: "2",
    workStyle: "remote",
    place: "",
    maxGrade: "課長補佐",
    employmentTypes: ["regular", "reappointed"],
    selectionMethod: "documents",
    contact: "デジタル化推進室 松井（内線2345）",
    applyFrom: addDays(today, 1),
    applyUntil: addDays(today, 14),
    ...overrides,
  };
  return Object.entries(values).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
}

function post(url: string, fields: [string, string][] | Record<string, string>, cookie?: string) {
  const body = new URLSearchParams(fields as [string, string][]);
  return request(url, { method: "POST", body, cookie, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

async function published(overrides: Partial<PostingInput> = {}) {
  const { id } = await createPosting(t.db, input({ applyFrom: addDays(today, 1), ...overrides }), { actorId: manager.id });
  await submitPosting(t.db, id, { actorId: manager.id });
  await approvePosting(t.db, id, { actorId: hr.id });
  // open the window now (the window had to start in the future to be submitted)
  if (!overrides.applyFrom) await t.db.updateTable("postings").set({ apply_from: today }).where("id", "=", id).execute();
  return id;
}

const count = async () => Number((await t.db.selectFrom("postings").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const statusOf = async (id: number) => (await t.db.selectFrom("postings").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("who may open which page", () => {
  it("sign-in is required everywhere", async () => {
    const res = await respond(() => browseLoader({ request: request("/postings"), params: {}, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?/);
  });

  it("management pages and actions: 403 for employees, supervisors, HR and other units' managers; 200 for the host", async () => {
    const { id } = await createPosting(t.db, input(), { actorId: manager.id });
    const pages = {
      list: (c: string) => manageListLoader({ request: request("/manage/postings", { cookie: c }), params: {}, context: {} }),
      newPage: (c: string) => newLoader({ request: request("/manage/postings/new", { cookie: c }), params: {}, context: {} }),
      edit: (c: string) => manageLoader({ request: request(`/manage/postings/${id}`, { cookie: c }), params: { id: String(id) }, context: {} }),
      close: (c: string) => manageAction({ request: post(`/manage/postings/${id}`, { intent: "cancel", reason: "不正な操作" }, c), params: { id: String(id) }, context: {} }),
    };
    for (const who of ["employee", "supervisor", "hr"] as const) {
      for (const [name, run] of Object.entries(pages)) expect([who, name, (await respond(() => run(cookies[who]))).status]).toEqual([who, name, 403]);
    }
    expect((await respond(() => pages.edit(cookies.otherManager))).status).toBe(403);
    expect((await respond(() => pages.close(cookies.otherManager))).status).toBe(403);
    expect((await respond(() => pages.list(cookies.otherManager))).status).toBe(200);
    expect(await statusOf(id)).toBe("draft");
    expect((await respond(() => pages.edit(cookies.manager))).status).toBe(200);
    expect((await respond(() => manageLoader({ request: request("/manage/postings/999999", { cookie: cookies.manager }), params: { id: "999999" }, context: {} }))).status).toBe(404);
    expect((await respond(() => manageLoader({ request: request("/manage/postings/abc", { cookie: cookies.manager }), params: { id: "abc" }, context: {} }))).status).toBe(404);
  });

  it("another unit's manager sees only their own unit's postings in the list", async () => {
    const { id } = await createPosting(t.db, input({ title: "他所属からは見えない募集" }), { actorId: manager.id });
    const theirs = await (await respond(() => manageListLoader({ request: request("/manage/postings", { cookie: cookies.otherManager }), params: {}, context: {} }))).json();
    expect(theirs.rows.map((r: { id: number }) => r.id)).not.toContain(id);
    const mine = await (await respond(() => manageListLoader({ request: request("/manage/postings", { cookie: cookies.manager }), params: {}, context: {} }))).json();
    expect(mine.rows.map((r: { id: number }) => r.id)).toContain(id);
  });

  it("HR pages and actions: 403 for everyone but hr_admin", async () => {
    const { id } = await createPosting(t.db, input(), { actorId: manager.id });
    await submitPosting(t.db, id, { actorId: manager.id });
    for (const who of ["employee", "supervisor", "manager", "otherManager"] as const) {
      expect((await respond(() => hrListLoader({ request: request("/hr/postings", { cookie: cookies[who] }), params: {}, context: {} }))).status).toBe(403);
      expect((await respond(() => hrLoader({ request: request(`/hr/postings/${id}`, { cookie: cookies[who] }), params: { id: String(id) }, context: {} }))).status).toBe(403);
      expect((await respond(() => hrAction({ request: post(`/hr/postings/${id}`, { intent: "approve" }, cookies[who]), params: { id: String(id) }, context: {} }))).status).toBe(403);
    }
    expect(await statusOf(id)).toBe("pending_approval");
    expect((await respond(() => hrListLoader({ request: request("/hr/postings", { cookie: cookies.hr }), params: {}, context: {} }))).status).toBe(200);
    expect((await respond(() => hrLoader({ request: request(`/hr/postings/${id}`, { cookie: cookies.hr }), params: { id: String(id) }, context: {} }))).status).toBe(200);
  });

  it("unpublished postings are 404 for employees and other units' managers, visible to the host and HR", async () => {
    const { id: draft } = await createPosting(t.db, input({ title: "非公開の下書き" }), { actorId: manager.id });
    const { id: pending } = await createPosting(t.db, input(), { actorId: manager.id });
    await submitPosting(t.db, pending, { actorId: manager.id });
    const view = (id: number, cookie: string) => respond(() => detailLoader({ request: request(`/postings/${id}`, { cookie }), params: { id: String(id) }, context: {} }));
    for (const id of [draft, pending]) {
      expect((await view(id, cookies.employee)).status).toBe(404);
      expect((await view(id, cookies.otherManager)).status).toBe(404);
      expect((await view(id, cookies.supervisor)).status).toBe(404);
      expect((await view(id, cookies.manager)).status).toBe(200);
      expect((await view(id, cookies.hr)).status).toBe(200);
    }
    expect((await view(999999, cookies.employee)).status).toBe(404);
    const open = await published();
    expect((await view(open, cookies.employee)).status).toBe(200);
  });
});

describe("validation: 400, messages beside the fields, nothing written", () => {
  it("creating with bad input", async () => {
    const before = await count();
    const res = await respond(() =>
      newAction({ request: post("/manage/postings/new", form({ title: "", hoursPerMonth: "200", capacity: "0", periodEnd: addDays(today, 10), skills: Array.from({ length: 11 }, (_, i) => `技能${i}`).join("、") }), cookies.manager), params: {}, context: {} }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.title).toEqual(["募集名を入力してください。"]);
    expect(body.error.hoursPerMonth).toEqual(["月あたりの従事時間は0.5時間以上160時間以下で入力してください。"]);
    expect(body.error.capacity).toEqual(["募集人数は1人以上100人以下の整数で入力してください。"]);
    expect(body.error.periodEnd).toEqual(["実施期間の終了日は開始日以降の日付にしてください。"]);
    expect(body.error.skills).toEqual(["求めるスキル・経験は10個までにしてください。"]);
    // what was typed comes back so the form keeps it
    expect(body.initialValue.summary).toBe("県の行政手続をオンライン化する取組に参加する職員を募集します。");
    expect(await count()).toBe(before);
  });

  it("submitting a window that already started, or a deadline after the period", async () => {
    const before = await count();
    const past = await respond(() => newAction({ request: post("/manage/postings/new", form({ intent: "submit", applyFrom: addDays(today, -1) }), cookies.manager), params: {}, context: {} }));
    expect(past.status).toBe(400);
    expect((await past.json()).error.applyFrom).toEqual(["承認を申請するときは、受付開始日を今日以降の日付にしてください。"]);
    const late = await respond(() => newAction({ request: post("/manage/postings/new", form({ applyUntil: addDays(today, 121) }), cookies.manager), params: {}, context: {} }));
    expect(late.status).toBe(400);
    expect((await late.json()).error.applyUntil).toEqual(["締切日は実施期間の終了日以前の日付にしてください。"]);
    expect(await count()).toBe(before);
  });

  it("a posting for a unit the user does not manage is refused (403) and not written", async () => {
    const before = await count();
    const res = await respond(() => newAction({ request: post("/manage/postings/new", form({ hostDepartmentId: String(otherUnit.id) }), cookies.manager), params: {}, context: {} }));
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it("editing with bad input leaves the posting as it was", async () => {
    const { id } = await createPosting(t.db, input({ title: "元のタイトル" }), { actorId: manager.id });
    const res = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, form({ title: "新しいタイトル", contact: "" }), cookies.manager), params: { id: String(id) }, context: {} }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.form).toBe("posting");
    expect(body.result.error.contact).toEqual(["問い合わせ先を入力してください。"]);
    expect((await t.db.selectFrom("postings").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title).toBe("元のタイトル");
  });

  it("returning without a comment and cancelling without a reason", async () => {
    const { id } = await createPosting(t.db, input(), { actorId: manager.id });
    await submitPosting(t.db, id, { actorId: manager.id });
    const ret = await respond(() => hrAction({ request: post(`/hr/postings/${id}`, { intent: "return", comment: " " }, cookies.hr), params: { id: String(id) }, context: {} }));
    expect(ret.status).toBe(400);
    expect((await ret.json()).result.error.comment).toEqual(["差戻しの理由を入力してください。"]);
    const cancel = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, { intent: "cancel", reason: "" }, cookies.manager), params: { id: String(id) }, context: {} }));
    expect(cancel.status).toBe(400);
    expect((await cancel.json()).result.error.reason).toEqual(["中止の理由を入力してください。"]);
    expect(await statusOf(id)).toBe("pending_approval");
  });
});

describe("the workflow through the pages", () => {
  it("create and submit → HR approves → a second approval gets 409 状態が変わりました → the host closes it", async () => {
    const created = await respond(() => newAction({ request: post("/manage/postings/new", form({ intent: "submit", title: "ページから作成した募集" }), cookies.manager), params: {}, context: { clientIp: "10.1.2.3" } }));
    expect(created.status).toBe(302);
    const id = Number(created.headers.get("Location")!.match(/\/manage\/postings\/(\d+)\?done=submitted/)![1]);
    const row = await t.db.selectFrom("postings").select(["status", "skills", "employment_types", "hours_per_month", "created_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending_approval", skills: ["DX", "業務改善"], employment_types: ["regular", "reappointed"], hours_per_month: "12.0", created_by: manager.id });
    expect(await t.db.selectFrom("outbox_emails").select("id").where("template", "=", "posting-submitted").where("dedupe_key", "like", `posting-submitted:${id}:%`).execute()).toHaveLength(1);

    // the queue shows it with its waiting time
    const queue = await (await respond(() => hrListLoader({ request: request("/hr/postings", { cookie: cookies.hr }), params: {}, context: {} }))).json();
    expect(queue.result.rows.map((r: { id: number }) => r.id)).toContain(id);

    const approve = () => respond(() => hrAction({ request: post(`/hr/postings/${id}`, { intent: "approve" }, cookies.hr), params: { id: String(id) }, context: {} }));
    const first = await approve();
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/hr/postings/${id}?done=approved`);
    const second = await approve();
    expect(second.status).toBe(409);
    expect((await second.json()).message).toMatch(/^状態が変わりました。/);

    const edit = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, form({ title: "公開後の書き換え" }), cookies.manager), params: { id: String(id) }, context: {} }));
    expect(edit.status).toBe(409);
    const close = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, { intent: "close" }, cookies.manager), params: { id: String(id) }, context: {} }));
    expect(close.status).toBe(302);
    expect(await statusOf(id)).toBe("closed");
    const completeEarly = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, { intent: "complete" }, cookies.manager), params: { id: String(id) }, context: {} }));
    expect(completeEarly.status).toBe(409);
    expect((await completeEarly.json()).message).toContain("実施期間が始まる前は完了にできません");
  });

  it("HR returns with a comment; the host sees it, edits and resubmits", async () => {
    const { id } = await createPosting(t.db, input({ applyFrom: addDays(today, 2) }), { actorId: manager.id });
    await submitPosting(t.db, id, { actorId: manager.id });
    const ret = await respond(() => hrAction({ request: post(`/hr/postings/${id}`, { intent: "return", comment: "業務内容をもう少し具体的に書いてください。" }, cookies.hr), params: { id: String(id) }, context: {} }));
    expect(ret.status).toBe(302);
    const page = await (await respond(() => manageLoader({ request: request(`/manage/postings/${id}`, { cookie: cookies.manager }), params: { id: String(id) }, context: {} }))).json();
    expect(page.posting.review_comment).toBe("業務内容をもう少し具体的に書いてください。");
    expect(page.editable).toBe(true);
    const resubmit = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, form({ intent: "submit", workContent: "手続の棚卸しを週2回行い、業務フローを見直します。" }), cookies.manager), params: { id: String(id) }, context: {} }));
    expect(resubmit.status).toBe(302);
    expect(resubmit.headers.get("Location")).toBe(`/manage/postings/${id}?done=submitted`);
    expect(await statusOf(id)).toBe("pending_approval");
  });

  it("cancelling through the page reports how many applicants were notified", async () => {
    const id = await published();
    await t.db.insertInto("applications").values({ posting_id: id, employee_id: employee.id, motivation: "デジタル化の取組に参加して経験を積みたいと考えています。", status: "screening" }).execute();
    const res = await respond(() => manageAction({ request: post(`/manage/postings/${id}`, { intent: "cancel", reason: "システム更改が延期されたため" }, cookies.manager), params: { id: String(id) }, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/manage/postings/${id}?done=cancelled&n=1`);
    expect(await statusOf(id)).toBe("cancelled");
  });
});

describe("the detail page", () => {
  const detail = async (id: number, cookie: string) => (await respond(() => detailLoader({ request: request(`/postings/${id}`, { cookie }), params: { id: String(id) }, context: {} }))).json();

  it("offers 応募する to an eligible employee, and otherwise says why not", async () => {
    const id = await published({ capacity: 1 });
    const mine = await detail(id, cookies.employee);
    expect(mine.check).toEqual({ canApply: true });
    expect(mine.posting.bureau_name).toBe("知事政策局");
    expect(mine.posting.hours_per_month).toBe(12);
    expect((await detail(id, cookies.senior)).check).toEqual({ canApply: false, reason: "grade" });
    expect((await detail(id, cookies.partTime)).check).toEqual({ canApply: false, reason: "employment_type" });

    const application = await t.db
      .insertInto("applications")
      .values({ posting_id: id, employee_id: employee.id, motivation: "デジタル化の取組に参加して経験を積みたいと考えています。", status: "accepted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const after = await detail(id, cookies.employee);
    expect(after.check).toEqual({ canApply: false, reason: "applied" });
    expect(after.myApplicationId).toBe(application.id);
    expect(after.placesLeft).toBe(0);
    // everyone else now finds it full (places are checked before eligibility)
    expect((await detail(id, cookies.supervisor)).check).toEqual({ canApply: false, reason: "full" });
    const other = await createEmployee(t.db, { departmentId: otherUnit.id });
    expect((await detail(id, await sessionCookie(other.id))).check).toEqual({ canApply: false, reason: "full" });
  });

  it("shows only the number of consented applications, never who applied, nor HR's internal comment", async () => {
    const id = await published();
    await t.db.insertInto("applications").values({ posting_id: id, employee_id: employee.id, motivation: "デジタル化の取組に参加して経験を積みたいと考えています。", status: "screening" }).execute();
    // an application still waiting for the supervisor's consent is not even counted
    const waiting = await createEmployee(t.db, { departmentId: otherUnit.id });
    await t.db.insertInto("applications").values({ posting_id: id, employee_id: waiting.id, motivation: "デジタル化の取組に参加して経験を積みたいと考えています。", status: "awaiting_consent" }).execute();
    await t.db.updateTable("postings").set({ review_comment: "内部コメント" }).where("id", "=", id).execute();
    const res = await respond(() => detailLoader({ request: request(`/postings/${id}`, { cookie: cookies.supervisor }), params: { id: String(id) }, context: {} }));
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.posting.application_count).toBe(1);
    expect(text).not.toContain("中川 さくら");
    expect(text).not.toContain("employee_id");
    expect(text).not.toContain("motivation");
    expect(text).not.toContain("内部コメント");
  });

  it("a scheduled posting says when applications open; a closed one that they are closed", async () => {
    const later = await published({ applyFrom: addDays(today, 5) });
    const scheduled = await detail(later, cookies.employee);
    expect(scheduled.phase).toBe("scheduled");
    expect(scheduled.check).toEqual({ canApply: false, reason: "not_yet_open" });
    const id = await published();
    await t.db.updateTable("postings").set({ status: "closed" }).where("id", "=", id).execute();
    expect((await detail(id, cookies.employee)).check).toEqual({ canApply: false, reason: "closed" });
  });
});

describe("the host's list", () => {
  it("counts consented applications by status and never those awaiting consent", async () => {
    const id = await published({ capacity: 5 });
    const states = ["awaiting_consent", "awaiting_consent", "screening", "interview", "accepted", "not_selected", "withdrawn", "consent_declined"];
    for (const [i, state] of states.entries()) {
      const applicant = await createEmployee(t.db, { departmentId: otherUnit.id, name: `応募者 ${i}` });
      await t.db
        .insertInto("applications")
        .values({
          posting_id: id,
          employee_id: applicant.id,
          motivation: "デジタル化の取組に参加して経験を積みたいと考えています。",
          status: state as never,
          decision_reason: state === "not_selected" ? "定員を超えたため" : null,
          consent_comment: state === "consent_declined" ? "繁忙期のため" : null,
        })
        .execute();
    }
    const list = await (await respond(() => manageListLoader({ request: request("/manage/postings", { cookie: cookies.manager }), params: {}, context: {} }))).json();
    const row = list.rows.find((r: { id: number }) => r.id === id);
    expect(row.counts).toEqual({ screening: 1, interview: 1, accepted: 1, participating: 0, completed: 0, notSelected: 1 });
    expect(row.filled).toBe(1);
    expect(row.phase).toBe("open");
  });
});
