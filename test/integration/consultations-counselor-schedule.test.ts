import { beforeAll, describe, expect, it } from "vitest";
import { unfoldIcs } from "~/consultations/ics";
import { cancelBookingByCounselor } from "~/consultations/counselor.server";
import { isCounselorError } from "~/consultations/counselor-schemas";
import { listCounselorSchedule, markSessionOutcome } from "~/consultations/schedule.server";
import { action as scheduleAction, loader as scheduleLoader } from "~/routes/counselor._index";
import { action as sessionAction } from "~/routes/counselor.sessions.$id";
import { useTestDatabase } from "../helpers/db";
import { formRequest, request, respond } from "../helpers/factories";
import { buildCounselorWorld, cookiesFor, days, fromNow, hours, insertBooking, type CounselorWorld, type Who } from "./consultations-counselor-fixtures";

// The counsellor's schedule: recording held / no-show only after the start and only from booked; cancelling with a
// reason only before the start, which emails the employee a METHOD:CANCEL calendar entry.

const t = useTestDatabase();
let w: CounselorWorld;
let cookies: Record<Who, string>;

const post = (who: Who, id: number, fields: Record<string, string>) =>
  respond(() => sessionAction({ request: formRequest(`/counselor/sessions/${id}`, fields, cookies[who]), params: { id: String(id) }, context: {} }));
const status = async (id: number) => (await t.db.selectFrom("consultation_bookings").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const codeOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (isCounselorError(error)) return error.code;
    throw error;
  }
};

beforeAll(async () => {
  w = await buildCounselorWorld(t.db);
  cookies = await cookiesFor(w.people);
});

describe("recording the outcome", () => {
  it("refuses before the start (409 not_started) and leaves the booking booked", async () => {
    const { id } = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.employee.id, startsAt: fromNow(hours(1)) });
    for (const intent of ["completed", "no_show"]) {
      const res = await post("counselor", id, { intent });
      expect(res.status).toBe(409);
      expect((await res.json()).result.error[""][0]).toContain("開始時刻前");
    }
    expect(await status(id)).toBe("booked");
  });

  it("records completed after the start, once: a second click gets 409 state_changed", async () => {
    const { id } = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.employee.id, startsAt: fromNow(-hours(3)) });
    const res = await post("counselor", id, { intent: "completed" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/counselor/sessions/${id}?done=completed`);
    expect(await status(id)).toBe("completed");
    expect((await post("counselor", id, { intent: "no_show" })).status).toBe(409);
    expect(await status(id)).toBe("completed");
    const audit = await t.db.selectFrom("audit_log").select(["actor_id"]).where("action", "=", "consultation.complete").where("entity_id", "=", String(id)).execute();
    expect(audit).toEqual([{ actor_id: w.people.counselor.id }]);
  });

  it("records no-show from the schedule list too; two simultaneous clicks record it once", async () => {
    const { id } = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.otherEmployee.id, startsAt: fromNow(-days(1)) });
    const click = () => respond(() => scheduleAction({ request: formRequest("/counselor", { intent: "no_show", bookingId: String(id) }, cookies.counselor), params: {}, context: {} }));
    const results = await Promise.all([click(), click()]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await status(id)).toBe("no_show");
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "=", "consultation.no_show").where("entity_id", "=", String(id)).execute()).toHaveLength(1);
  });

  it("never records a cancelled session, and not another counsellor's", async () => {
    const cancelled = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.employee.id, startsAt: fromNow(-days(2)), status: "cancelled" });
    expect(await codeOf(() => markSessionOutcome(t.db, { bookingId: cancelled.id, outcome: "completed" }, { actorId: w.people.counselor.id }))).toBe("state_changed");
    const others = await insertBooking(t.db, { counselorId: w.people.otherCounselor.id, employeeId: w.people.employee.id, startsAt: fromNow(-days(3)) });
    expect(await codeOf(() => markSessionOutcome(t.db, { bookingId: others.id, outcome: "completed" }, { actorId: w.people.counselor.id }))).toBe("not_found");
    expect(await status(others.id)).toBe("booked");
  });
});

describe("cancelling a session", () => {
  it("needs a reason (400, error beside the field)", async () => {
    const { id } = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.hr.id, startsAt: fromNow(days(4)) });
    const res = await post("counselor", id, { intent: "cancel", reason: " " });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.reason).toEqual(["取消の理由を入力してください。"]);
    expect(await status(id)).toBe("booked");
  });

  it("before the start: cancelled by the counsellor with the reason, SEQUENCE bumped, the employee emailed a METHOD:CANCEL entry", async () => {
    const note = "家族の介護について相談したい（非公開）";
    const booking = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.employee.id, startsAt: fromNow(days(5)), topic: "work_life", mode: "online", note });
    const res = await post("counselor", booking.id, { intent: "cancel", reason: "急な出張のため" });
    expect(res.status).toBe(302);
    const row = await t.db.selectFrom("consultation_bookings").selectAll().where("id", "=", booking.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "cancelled", cancelled_by: w.people.counselor.id, cancel_reason: "急な出張のため", ics_sequence: 1 });
    expect(row.cancelled_at).toBeInstanceOf(Date);

    const emails = await t.db.selectFrom("outbox_emails").selectAll().where("to_employee_id", "=", w.people.employee.id).where("template", "=", "consultation-booking-cancelled").execute();
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email.to_address).toBe(w.people.employee.email);
    expect(email.subject).toBe("【職員チャレンジポータル】キャリア相談の予約が取り消されました");
    expect(email.text_body).toContain("相談員の 酒井 恵 が");
    expect(email.text_body).toContain("急な出張のため");
    expect(email.text_body).toContain("（日本時間）");
    // no topic, no note anywhere in the email
    for (const secret of ["仕事と生活の両立", "介護", note]) {
      expect(email.subject).not.toContain(secret);
      expect(email.text_body).not.toContain(secret);
    }
    expect(email.attachments).toHaveLength(1);
    const [attachment] = email.attachments;
    expect(attachment.contentType).toBe("text/calendar; charset=UTF-8; method=CANCEL");
    const ics = unfoldIcs(Buffer.from(attachment.content, "base64").toString("utf8"));
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain(`UID:${booking.ics_uid}`);
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain("SUMMARY:キャリア相談\r\n");
    expect(ics).toMatch(/DTSTART;TZID=Asia\/Tokyo:\d{8}T\d{6}\r\n/);
    expect(ics).not.toContain("介護");
    expect(ics).not.toContain("work_life");

    const audit = await t.db.selectFrom("audit_log").select(["actor_id", "detail"]).where("action", "=", "consultation.cancel").where("entity_id", "=", String(booking.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: w.people.counselor.id, detail: { by: "counselor", sequence: 1 } });
    expect(JSON.stringify(audit)).not.toContain("出張");
  });

  it("the DTSTART is the session's Asia/Tokyo wall-clock time", async () => {
    // 2 days ahead at 01:00 UTC = 10:00 JST
    const start = fromNow(days(2));
    start.setUTCHours(1, 0, 0, 0);
    const booking = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.otherEmployee.id, startsAt: start });
    await cancelBookingByCounselor(t.db, { bookingId: booking.id, reason: "体調不良のため" }, { actorId: w.people.counselor.id });
    const email = await t.db.selectFrom("outbox_emails").select(["attachments", "text_body"]).where("dedupe_key", "=", `consultation-cancelled:${booking.id}:employee`).executeTakeFirstOrThrow();
    const ics = unfoldIcs(Buffer.from(email.attachments[0].content, "base64").toString("utf8"));
    const tokyoDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(start).replaceAll("-", "");
    expect(ics).toContain(`DTSTART;TZID=Asia/Tokyo:${tokyoDay}T100000`);
    expect(ics).toContain(`DTEND;TZID=Asia/Tokyo:${tokyoDay}T105000`);
    expect(email.text_body).toContain("10:00〜10:50（日本時間）");
  });

  it("after the start: refused (409 already_started), nothing sent", async () => {
    const { id } = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.otherEmployee.id, startsAt: fromNow(-hours(1)) });
    const res = await post("counselor", id, { intent: "cancel", reason: "理由" });
    expect(res.status).toBe(409);
    expect(await status(id)).toBe("booked");
    expect(await t.db.selectFrom("outbox_emails").select("id").where("dedupe_key", "like", `consultation-cancelled:${id}:%`).execute()).toEqual([]);
  });

  it("twice: the second is refused (state_changed) and sends nothing more", async () => {
    const { id } = await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.supervisor.id, startsAt: fromNow(days(6)) });
    const results = await Promise.all([
      codeOf(() => cancelBookingByCounselor(t.db, { bookingId: id, reason: "出張" }, { actorId: w.people.counselor.id })),
      codeOf(() => cancelBookingByCounselor(t.db, { bookingId: id, reason: "出張" }, { actorId: w.people.counselor.id })),
    ]);
    expect(results.sort()).toEqual(["ok", "state_changed"]);
    expect(await t.db.selectFrom("outbox_emails").select("id").where("dedupe_key", "=", `consultation-cancelled:${id}:employee`).execute()).toHaveLength(1);
  });
});

describe("the schedule lists", () => {
  it("upcoming (soonest first), awaiting record, history (latest first) — the counsellor's own only", async () => {
    const mine = await listCounselorSchedule(t.db, w.people.counselor.id);
    const upcomingTimes = mine.upcoming.map((r) => new Date(r.starts_at).getTime());
    expect(upcomingTimes).toEqual([...upcomingTimes].sort((a, b) => a - b));
    expect(mine.upcoming.every((r) => r.status === "booked" && new Date(r.starts_at).getTime() > Date.now())).toBe(true);
    expect(mine.awaitingRecord.every((r) => r.status === "booked" && new Date(r.starts_at).getTime() <= Date.now())).toBe(true);
    expect(mine.history.rows.every((r) => r.status !== "booked")).toBe(true);
    expect(mine.history.rows.some((r) => r.status === "cancelled" && r.cancelled_by_counselor)).toBe(true);
    const historyTimes = mine.history.rows.map((r) => new Date(r.starts_at).getTime());
    expect(historyTimes).toEqual([...historyTimes].sort((a, b) => b - a));
    const others = await t.db.selectFrom("consultation_bookings").select("id").where("counselor_id", "<>", w.people.counselor.id).execute();
    const listed = [...mine.upcoming, ...mine.awaitingRecord, ...mine.history.rows].map((r) => r.id);
    for (const { id } of others) expect(listed).not.toContain(id);
  });

  it("the page shows the employee's name and unit", async () => {
    const res = await respond(() => scheduleLoader({ request: request("/counselor", { cookie: cookies.counselor }), params: {}, context: {} }));
    const data = await res.json();
    expect(data.profile).toEqual({ displayName: "酒井 恵", accepting: true });
    expect(data.awaitingRecord[0]).toMatchObject({ employee_name: expect.any(String), unit_name: "観光振興課" });
  });
});
