import { beforeAll, describe, expect, it } from "vitest";
import { consentToApplication, submitApplication } from "~/applications/commands.server";
import { action as myAppAction, loader as myAppLoader } from "~/routes/me.applications.$id";
import { loader as myListLoader } from "~/routes/me.applications._index";
import { action as consentAction, loader as consentLoader } from "~/routes/supervisor.consents.$applicationId";
import { loader as inboxLoader } from "~/routes/supervisor.consents._index";
import { action as hostAction, loader as hostLoader } from "~/routes/manage.applications.$id";
import { loader as applicantsLoader } from "~/routes/manage.applicants.$postingId";
import { useTestDatabase } from "../helpers/db";
import { formRequest, request, respond } from "../helpers/factories";
import { buildWorld, cookiesFor, createPosting, MOTIVATION, type World } from "./applications-fixtures";

const t = useTestDatabase();
let w: World;
let cookies: Record<keyof World["people"], string>;
let postingId: number;
let applicationId: number;

type Who = keyof World["people"];

const call = {
  myPage: (who: Who) => respond(() => myAppLoader({ request: request(`/me/applications/${applicationId}`, { cookie: cookies[who] }), params: { id: String(applicationId) }, context: {} })),
  myWithdraw: (who: Who) =>
    respond(() => myAppAction({ request: formRequest(`/me/applications/${applicationId}`, { intent: "withdraw" }, cookies[who]), params: { id: String(applicationId) }, context: {} })),
  consentPage: (who: Who) =>
    respond(() => consentLoader({ request: request(`/supervisor/consents/${applicationId}`, { cookie: cookies[who] }), params: { applicationId: String(applicationId) }, context: {} })),
  consentPost: (who: Who) =>
    respond(() => consentAction({ request: formRequest(`/supervisor/consents/${applicationId}`, { intent: "consent" }, cookies[who]), params: { applicationId: String(applicationId) }, context: {} })),
  hostPage: (who: Who) => respond(() => hostLoader({ request: request(`/manage/applications/${applicationId}`, { cookie: cookies[who] }), params: { id: String(applicationId) }, context: {} })),
  hostAccept: (who: Who) =>
    respond(() => hostAction({ request: formRequest(`/manage/applications/${applicationId}`, { intent: "accept" }, cookies[who]), params: { id: String(applicationId) }, context: {} })),
  applicants: (who: Who) =>
    respond(() => applicantsLoader({ request: request(`/manage/applicants/${postingId}`, { cookie: cookies[who] }), params: { postingId: String(postingId) }, context: {} })),
  myList: (who: Who) => respond(() => myListLoader({ request: request("/me/applications", { cookie: cookies[who] }), params: {}, context: {} })),
  inbox: (who: Who) => respond(() => inboxLoader({ request: request("/supervisor/consents", { cookie: cookies[who] }), params: {}, context: {} })),
};

const status = async () => (await t.db.selectFrom("applications").select("status").where("id", "=", applicationId).executeTakeFirstOrThrow()).status;
const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

beforeAll(async () => {
  w = await buildWorld(t.db);
  cookies = await cookiesFor(w.people);
  const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, title: "スマート県庁推進プロジェクト" });
  postingId = posting.id;
  ({ applicationId } = await submitApplication(t.db, { actorId: w.people.applicant.id, postingId, motivation: MOTIVATION }));
});

describe("before the supervisor has consented", () => {
  it("the applicant sees their page and list; nobody else sees the applicant's page (404), including their supervisor", async () => {
    expect((await call.myPage("applicant")).status).toBe(200);
    expect(ids((await (await call.myList("applicant")).json()).applications)).toEqual([applicationId]);
    for (const who of ["colleague", "stranger", "manager", "otherManager", "digitalHead", "tourismHead", "hr"] as const) {
      expect((await call.myPage(who)).status, who).toBe(404);
      expect((await call.myWithdraw(who)).status, who).toBe(404);
      expect(ids((await (await call.myList(who)).json()).applications), who).not.toContain(applicationId);
    }
    expect(await status()).toBe("awaiting_consent");
  });

  it("only the supervisor it is addressed to sees the consent page and inbox entry; a different supervisor gets 404 and an inbox without it", async () => {
    expect((await call.consentPage("tourismHead")).status).toBe(200);
    expect(ids((await (await call.inbox("tourismHead")).json()).pending)).toEqual([applicationId]);
    for (const who of ["digitalHead", "disasterHead", "manager", "otherManager", "stranger", "colleague", "applicant", "hr"] as const) {
      expect((await call.consentPage(who)).status, who).toBe(404);
      expect((await call.consentPost(who)).status, who).toBe(404);
    }
    expect(ids((await (await call.inbox("digitalHead")).json()).pending)).not.toContain(applicationId);
    // someone who is no supervisor and was never asked has no inbox at all
    expect((await call.inbox("stranger")).status).toBe(403);
    expect(await status()).toBe("awaiting_consent");
  });

  it("the host unit's manager does not see it yet: 404 on its page and action, absent from the applicants list", async () => {
    expect((await call.hostPage("manager")).status).toBe(404);
    expect((await call.hostAccept("manager")).status).toBe(404);
    const list = await (await call.applicants("manager")).json();
    expect(ids(list.applications)).not.toContain(applicationId);
    expect(list.awaiting).toBeNull();
    expect(await status()).toBe("awaiting_consent");
  });

  it("another unit's manager and other employees get 403 on the posting's applicants and 404 on the application", async () => {
    for (const who of ["otherManager", "stranger", "colleague", "tourismHead", "digitalHead", "applicant"] as const) {
      expect((await call.applicants(who)).status, who).toBe(403);
      expect((await call.hostPage(who)).status, who).toBe(404);
      expect((await call.hostAccept(who)).status, who).toBe(404);
    }
  });

  it("hr_admin may view (with the waiting time) but not act", async () => {
    expect((await call.hostPage("hr")).status).toBe(200);
    const list = await (await call.applicants("hr")).json();
    expect(ids(list.applications)).not.toContain(applicationId);
    expect(ids(list.awaiting)).toEqual([applicationId]);
    expect(list.awaiting[0].waiting).toEqual({ calendarDays: 0, businessDays: 0 });
    expect((await call.hostAccept("hr")).status).toBe(403);
  });

  it("anonymous visitors are sent to sign in", async () => {
    const res = await respond(() => myAppLoader({ request: request(`/me/applications/${applicationId}`), params: { id: String(applicationId) }, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("after the supervisor has consented", () => {
  beforeAll(async () => {
    await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId });
  });

  it("the host unit's manager sees the application in the list and on its page", async () => {
    expect((await call.hostPage("manager")).status).toBe(200);
    expect(ids((await (await call.applicants("manager")).json()).applications)).toEqual([applicationId]);
  });

  it("still nobody else: other managers, other supervisors and employees get 403/404 and it is absent from their lists", async () => {
    for (const who of ["otherManager", "stranger", "colleague", "digitalHead", "disasterHead"] as const) {
      expect((await call.hostPage(who)).status, who).toBe(404);
      expect((await call.hostAccept(who)).status, who).toBe(404);
      expect((await call.applicants(who)).status, who).toBe(403);
      expect((await call.myPage(who)).status, who).toBe(404);
      expect((await call.consentPage(who)).status, who).toBe(404);
      expect(ids((await (await call.myList(who)).json()).applications), who).not.toContain(applicationId);
    }
    expect(ids((await (await call.inbox("digitalHead")).json()).decided)).not.toContain(applicationId);
    // the supervisor keeps seeing what they decided
    expect((await call.consentPage("tourismHead")).status).toBe(200);
    expect(ids((await (await call.inbox("tourismHead")).json()).decided)).toEqual([applicationId]);
    expect(await status()).toBe("screening");
  });

  it("the applicant's page does not reveal who at the host decided", async () => {
    const data = await (await call.myPage("applicant")).json();
    expect(data.app).not.toHaveProperty("decided_by");
    expect(data.app).not.toHaveProperty("decided_by_name");
  });

  it("a page for an application that does not exist is a 404, not an error", async () => {
    const res = await respond(() => hostLoader({ request: request("/manage/applications/abc", { cookie: cookies.hr }), params: { id: "abc" }, context: {} }));
    expect(res.status).toBe(404);
  });
});
