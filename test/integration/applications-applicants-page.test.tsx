import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication, consentToApplication, submitApplication } from "~/applications/commands.server";
import { HOST_APPLICATIONS_PAGE_SIZE, listHostApplications } from "~/applications/queries.server";
import Applicants, { loader as applicantsLoader } from "~/routes/manage.applicants.$postingId";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, request, respond, sessionCookie } from "../helpers/factories";
import { renderRoute } from "../helpers/render-route";
import { buildWorld, createPosting, MOTIVATION, type World } from "./applications-fixtures";

// The applicants list of a posting, 50 a page (one query: the page and, by a window count, the total), in the
// order consent arrived, with the status filter applying before the pages.

const t = useTestDatabase();
let w: World;
let managerCookie: string;
let postingId: number;
/** Application ids in the order their consent arrived. */
const consented: number[] = [];
let awaitingId: number;
const accepted: number[] = [];
const TOTAL = HOST_APPLICATIONS_PAGE_SIZE + 3;

beforeAll(async () => {
  w = await buildWorld(t.db);
  managerCookie = await sessionCookie(w.people.manager.id);
  const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, capacity: 3 });
  postingId = posting.id;
  for (let i = 0; i < TOTAL; i++) {
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: `応募 ${String(i + 1).padStart(2, "0")}` });
    const { applicationId } = await submitApplication(t.db, { actorId: employee.id, postingId, motivation: MOTIVATION });
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId });
    consented.push(applicationId);
  }
  // Consent order differs from id order for two of them: the first two consents arrive last.
  await t.db.updateTable("applications").set({ consent_decided_at: new Date(Date.now() + 60_000) }).where("id", "in", consented.slice(0, 2)).execute();
  consented.push(...consented.splice(0, 2));
  for (const id of [consented[5], consented[51]]) {
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: id });
    accepted.push(id);
  }
  // One still waiting for its supervisor: never listed for the host.
  const waiting = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "同意 待ち" });
  awaitingId = (await submitApplication(t.db, { actorId: waiting.id, postingId, motivation: MOTIVATION })).applicationId;
});

const load = (query = "", cookie = managerCookie) =>
  respond(() => applicantsLoader({ request: request(`/manage/applicants/${postingId}${query}`, { cookie }), params: { postingId: String(postingId) }, context: {} }));
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe("the applicants list in pages", () => {
  it("50 a page in consent order, with the total and the range; the next page carries on where the first stopped", async () => {
    const first = await (await load()).json();
    expect(ids(first.applications)).toEqual(consented.slice(0, 50));
    expect(first.list).toEqual({ total: TOTAL, page: 1, pages: 2, from: 1, to: 50 });
    expect(ids(first.applications)).not.toContain(awaitingId);

    const second = await (await load("?page=2")).json();
    expect(ids(second.applications)).toEqual(consented.slice(50));
    expect(second.list).toEqual({ total: TOTAL, page: 2, pages: 2, from: 51, to: TOTAL });
  });

  it("a page past the end shows the last page; nonsense shows the first", async () => {
    const past = await (await load("?page=7")).json();
    expect(past.list).toMatchObject({ page: 2, from: 51 });
    expect(ids(past.applications)).toEqual(consented.slice(50));
    expect((await (await load("?page=abc")).json()).list.page).toBe(1);
    expect((await (await load("?page=-3")).json()).list.page).toBe(1);
  });

  it("the status filter applies before the pages", async () => {
    const onlyAccepted = await (await load("?status=accepted")).json();
    expect(ids(onlyAccepted.applications)).toEqual(accepted);
    expect(onlyAccepted.list).toEqual({ total: 2, page: 1, pages: 1, from: 1, to: 2 });
    const screening = await (await load("?status=screening&page=2")).json();
    expect(screening.list).toMatchObject({ total: TOTAL - 2, page: 2, from: 51, to: TOTAL - 2 });
    // a status the host may not see is ignored, not honoured
    const sneaky = await (await load("?status=awaiting_consent")).json();
    expect(sneaky.status).toBeNull();
    expect(sneaky.list.total).toBe(TOTAL);
  });

  it("any page comes with the total of the whole list; an unknown posting has none", async () => {
    const small = await listHostApplications(t.db, { postingId, pageSize: 5, page: 3 });
    expect(ids(small.rows)).toEqual(consented.slice(10, 15));
    expect(small).toMatchObject({ total: TOTAL, page: 3, pages: Math.ceil(TOTAL / 5), pageSize: 5 });
    const empty = await listHostApplications(t.db, { postingId: postingId + 10_000 });
    expect(empty).toMatchObject({ rows: [], total: 0, page: 1, pages: 1 });
    expect((await listHostApplications(t.db, { postingId: postingId + 10_000, page: 4 })).page).toBe(1);
  });

  it("renders 50 rows with the columns, the range and the page links", async () => {
    const rendered = await renderRoute({ path: "/manage/applicants/:postingId", url: `/manage/applicants/${postingId}`, Component: Applicants, loader: applicantsLoader, cookie: managerCookie });
    expect(rendered.status).toBe(200);
    expect(rendered.count(/data-application-id="\d+"/)).toBe(50);
    expect(rendered.html).toContain("全53件のうち1〜50件目を表示しています。");
    expect(rendered.html).toContain('aria-label="ページ送り"');
    expect(rendered.html).toContain(`/manage/applicants/${postingId}?page=2`);
    expect(rendered.html).toContain(`href="/manage/applications/${consented[0]}"`);
    for (const header of ["応募者", "所属", "同意日"]) expect(rendered.html).toContain(header);
  });
});

describe("who may see it is unchanged", () => {
  it("another unit's posting manager and an ordinary employee get 403, whatever the page", async () => {
    for (const person of [w.people.otherManager, w.people.stranger, w.people.applicant]) {
      expect((await load("?page=2&status=screening", await sessionCookie(person.id))).status).toBe(403);
    }
    const hr = await (await load("?page=2", await sessionCookie(w.people.hr.id))).json();
    expect(hr.list.page).toBe(2);
    expect(ids(hr.awaiting)).toEqual([awaitingId]);
  });
});

describe("the list cache (ADR 012)", () => {
  /** The same page computed afresh: inside a transaction the cache is bypassed. */
  const fresh = (input: Parameters<typeof listHostApplications>[1]) => t.db.transaction().execute((trx) => listHostApplications(trx, input));

  it("serves a repeated page from the cache and follows every change the list shows", async () => {
    const first = await listHostApplications(t.db, { postingId });
    expect(await listHostApplications(t.db, { postingId })).toBe(first);
    expect(first).toEqual(await fresh({ postingId }));
    // A text the list does not show keeps it.
    await t.db.updateTable("applications").set({ experience: "経験の書き直し" }).where("id", "=", consented[0]).execute();
    expect(await listHostApplications(t.db, { postingId })).toBe(first);

    // A new consented applicant, an interview time, a decision, a renamed applicant: each shows on the next view.
    const late = await createEmployee(t.db, { departmentId: w.units.tourism.id, name: "遅れて 応募" });
    const { applicationId } = await submitApplication(t.db, { actorId: late.id, postingId, motivation: MOTIVATION });
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId });
    const withLate = await listHostApplications(t.db, { postingId, page: 2 });
    expect(ids(withLate.rows)).toContain(applicationId);
    expect(withLate.total).toBe(TOTAL + 1);
    const when = new Date("2026-12-01T01:00:00Z");
    await t.db.updateTable("applications").set({ interview_at: when }).where("id", "=", applicationId).execute();
    expect((await listHostApplications(t.db, { postingId, page: 2 })).rows.find((r) => r.id === applicationId)!.interview_at).toEqual(when);
    await acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: consented[0] });
    expect((await listHostApplications(t.db, { postingId })).rows.find((r) => r.id === consented[0])!.status).toBe("accepted");
    await t.db.updateTable("employees").set({ name: "改名 した人" }).where("id", "=", late.id).execute();
    expect((await listHostApplications(t.db, { postingId, page: 2 })).rows.find((r) => r.id === applicationId)!.applicant_name).toBe("改名 した人");
    expect(await listHostApplications(t.db, { postingId, page: 2 })).toEqual(await fresh({ postingId, page: 2 }));
  });
});
