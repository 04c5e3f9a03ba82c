import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication, consentToApplication, submitApplication } from "~/applications/commands.server";
import { ApplicationError } from "~/applications/errors";
import { action as applyAction } from "~/routes/postings_.$id.apply";
import { action as hostAction } from "~/routes/manage.applications.$id";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, respond, sessionCookie } from "../helpers/factories";
import { buildWorld, createPosting, day, MOTIVATION, outboxFor, type World } from "./applications-fixtures";

const t = useTestDatabase();
let w: World;

beforeAll(async () => {
  w = await buildWorld(t.db);
});

function codes(results: PromiseSettledResult<unknown>[]) {
  return results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason instanceof ApplicationError ? r.reason.code : `unexpected:${String(r.reason)}`));
}

/** An application already consented to (status screening), inserted directly. */
async function consentedApplication(postingId: number, employeeId: number) {
  return t.db
    .insertInto("applications")
    .values({ posting_id: postingId, employee_id: employeeId, supervisor_id: w.people.tourismHead.id, motivation: MOTIVATION, status: "screening", consent_decided_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe("capacity under concurrent accepts", () => {
  it("20 simultaneous accepts on a posting with capacity 3: exactly 3 accepted, 17 told 「定員に達しています」, filled = 3, nothing half-written", async () => {
    const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, capacity: 3, hoursPerMonth: 10 });
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
      ids.push((await consentedApplication(posting.id, employee.id)).id);
    }
    const results = await Promise.allSettled(ids.map((applicationId) => acceptApplication(t.db, { actorId: w.people.manager.id, applicationId })));
    const outcome = codes(results);
    expect(outcome.filter((c) => c === "ok")).toHaveLength(3);
    expect(outcome.filter((c) => c === "capacity_full")).toHaveLength(17);
    const refusal = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason.message).toBe("定員に達しています。");
    expect(refusal.reason.status).toBe(409);

    const row = await t.db.selectFrom("postings").select(["filled", "capacity"]).where("id", "=", posting.id).executeTakeFirstOrThrow();
    expect(row.filled).toBe(3);
    const statuses = await t.db.selectFrom("applications").select("status").where("posting_id", "=", posting.id).execute();
    expect(statuses.filter((s) => s.status === "accepted")).toHaveLength(3);
    expect(statuses.filter((s) => s.status === "screening")).toHaveLength(17);
    // The losers wrote nothing: no participation record, no email, no audit entry.
    expect(await t.db.selectFrom("participations").select("id").where("application_id", "in", ids).execute()).toHaveLength(3);
    expect((await outboxFor(t.db, "application-decision")).filter((m) => ids.some((id) => m.dedupe_key === `application-decision:${id}`))).toHaveLength(3);
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "application.accept").where("entity_id", "in", ids.map(String)).execute()).toHaveLength(3);
  });

  it("the host's page answers 409 with the message beside the form when the posting is full", async () => {
    const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, capacity: 1 });
    const a = await consentedApplication(posting.id, (await createEmployee(t.db, { departmentId: w.units.tourism.id })).id);
    const b = await consentedApplication(posting.id, (await createEmployee(t.db, { departmentId: w.units.tourism.id })).id);
    const cookie = await sessionCookie(w.people.manager.id);
    const accept = (id: number) => respond(() => hostAction({ request: formRequest(`/manage/applications/${id}`, { intent: "accept" }, cookie), params: { id: String(id) }, context: {} }));
    expect((await accept(a.id)).status).toBe(302);
    const full = await accept(b.id);
    expect(full.status).toBe(409);
    expect((await full.json()).result.error[""]).toEqual(["定員に達しています。"]);
    expect((await t.db.selectFrom("applications").select("status").where("id", "=", b.id).executeTakeFirstOrThrow()).status).toBe("screening");
  });
});

describe("one application however often the button is pressed", () => {
  it("10 simultaneous submits by the same employee create exactly one application; the others are told it exists", async () => {
    const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id });
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => submitApplication(t.db, { actorId: employee.id, postingId: posting.id, motivation: MOTIVATION })));
    const outcome = codes(results);
    expect(outcome.filter((c) => c === "ok")).toHaveLength(1);
    expect(outcome.filter((c) => c === "already_applied")).toHaveLength(9);
    const rows = await t.db.selectFrom("applications").select("id").where("posting_id", "=", posting.id).where("employee_id", "=", employee.id).execute();
    expect(rows).toHaveLength(1);
    expect(await t.db.selectFrom("jobs").select("id").where("unique_key", "=", `consent-reminder:${rows[0].id}`).execute()).toHaveLength(1);
    expect((await outboxFor(t.db, "application-submitted")).filter((m) => m.dedupe_key === `application-submitted:${rows[0].id}`)).toHaveLength(1);
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "application.submit").where("entity_id", "=", String(rows[0].id)).execute()).toHaveLength(1);
  });

  it("10 simultaneous form posts (a double-clicking browser): one redirect to the application, nine 409 「この募集には既に応募しています」", async () => {
    const posting = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id });
    const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
    const cookie = await sessionCookie(employee.id);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        respond(() => applyAction({ request: formRequest(`/postings/${posting.id}/apply`, { motivation: MOTIVATION, hoursAvailable: "10" }, cookie), params: { id: String(posting.id) }, context: {} })),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const conflict = responses.find((r) => r.status === 409)!;
    expect((await conflict.json()).result.error[""]).toEqual(["この募集には既に応募しています。"]);
    const rows = await t.db.selectFrom("applications").select("id").where("posting_id", "=", posting.id).execute();
    expect(rows).toHaveLength(1);
    expect(responses.find((r) => r.status === 302)!.headers.get("Location")).toBe(`/me/applications/${rows[0].id}?done=submitted`);
  });
});

describe("the side-job time cap under concurrent accepts", () => {
  it("two hosts accepting the same person at once cannot both pass the cap: one is refused (5 rounds)", async () => {
    for (let round = 0; round < 5; round++) {
      const employee = await createEmployee(t.db, { departmentId: w.units.tourism.id });
      // 20 h + 20 h = 40 h > 33.6 h (20%); each alone fits. The periods overlap.
      const p1 = await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, hoursPerMonth: 20, periodStart: day(30), periodEnd: day(200) });
      const p2 = await createPosting(t.db, { hostDepartmentId: w.units.disaster.id, createdBy: w.people.otherManager.id, hoursPerMonth: 20, periodStart: day(60), periodEnd: day(120) });
      const a1 = await submitApplication(t.db, { actorId: employee.id, postingId: p1.id, motivation: MOTIVATION });
      const a2 = await submitApplication(t.db, { actorId: employee.id, postingId: p2.id, motivation: MOTIVATION });
      await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId: a1.applicationId });
      await consentToApplication(t.db, { actorId: w.people.tourismHead.id, applicationId: a2.applicationId });

      const results = await Promise.allSettled([
        acceptApplication(t.db, { actorId: w.people.manager.id, applicationId: a1.applicationId }),
        acceptApplication(t.db, { actorId: w.people.otherManager.id, applicationId: a2.applicationId }),
      ]);
      expect(codes(results).sort()).toEqual(["ok", "over_cap"]);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason.details.commitments).toHaveLength(1);
      expect(refused.reason.details.commitments[0].hoursPerMonth).toBe(20);
      const accepted = await t.db.selectFrom("applications").select("id").where("employee_id", "=", employee.id).where("status", "in", ["accepted", "participating"]).execute();
      expect(accepted).toHaveLength(1);
      expect(await t.db.selectFrom("participations").select("id").where("employee_id", "=", employee.id).execute()).toHaveLength(1);
    }
  });
});
