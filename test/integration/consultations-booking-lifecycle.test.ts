import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import "~/consultations/booking-jobs.server";
import { addBusinessDays, addDays } from "~/calendar/business-days";
import { BOOKING_REMINDER_JOB, bookConsultation, cancelBooking, moveBooking, sendBookingReminder } from "~/consultations/booking.server";
import { BookingError } from "~/consultations/booking-errors";
import { changeCutoff } from "~/consultations/cutoff";
import { runDueJobs } from "~/jobs/runner.server";
import { formatSessionTime } from "../../emails/consultations/booking-shared";
import { useTestDatabase } from "../helpers/db";
import { at, bookingInput, buildBookingWorld, businessDay, icsLines, icsOf, MEETING_URL, outbox, ROOM, type BookingWorld } from "./consultations-booking-fixtures";

const t = useTestDatabase();
let w: BookingWorld;

beforeAll(async () => {
  w = await buildBookingWorld(t.db);
});

const MINUTE = 60_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as BookingError);
const tokyoLocal = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/[-:]/g, "").slice(0, 15);

async function book(employeeId: number, startsAt: Date, extra: Partial<Parameters<typeof bookingInput>[0]> = {}) {
  return bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt, mode: "in_person", ...extra }), { actorId: employeeId });
}

async function emailsOf(bookingId: number) {
  return t.db.selectFrom("outbox_emails").selectAll().where("dedupe_key", "like", `consultation-%:${bookingId}:%`).orderBy("id").execute();
}

describe("the server re-validates the posted time", () => {
  it("refuses a time off the slot grid, before the minimum notice, beyond the horizon, on a holiday or a weekend", async () => {
    const employee = await w.newEmployee();
    const day = businessDay(5);
    const cases: [string, Date][] = [
      ["off the grid (09:30)", at(day, "09:30")],
      ["before the minimum notice (today)", at(businessDay(0), "16:00")],
      ["beyond the 60-day horizon", at(addBusinessDays(addDays(businessDay(0), 61), 1), "10:00")],
      ["on a Sunday", at(addDays(day, 7 - new Date(`${day}T00:00:00Z`).getUTCDay()), "10:00")],
      ["in the past", new Date(Date.now() - 86400_000)],
    ];
    for (const [label, startsAt] of cases) {
      const error = await refusal(book(employee.id, startsAt));
      expect(error?.code, label).toBe("slot_unavailable");
    }
    expect(await t.db.selectFrom("consultation_bookings").select("id").where("employee_id", "=", employee.id).execute()).toHaveLength(0);
  });

  it("refuses a mode the counsellor does not offer, a counsellor who is not accepting, and booking oneself", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(6), "10:00");
    expect((await refusal(bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: slot, mode: "in_person" }), { actorId: employee.id })))?.code).toBe("mode_unavailable");
    expect((await refusal(bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: slot }), { actorId: w.counselorA.id })))?.code).toBe("own_counselor");
    await t.db.updateTable("counselor_profiles").set({ accepting: false }).where("employee_id", "=", w.counselorB.id).execute();
    try {
      expect((await refusal(bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: slot }), { actorId: employee.id })))?.code).toBe("counselor_unavailable");
    } finally {
      await t.db.updateTable("counselor_profiles").set({ accepting: true }).where("employee_id", "=", w.counselorB.id).execute();
    }
  });

  it("stores ends_at and blocked_until from the counsellor's session and buffer", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(6), "13:00");
    const { bookingId } = await book(employee.id, slot, { topic: "skills", note: "研修の選び方" });
    const row = await t.db.selectFrom("consultation_bookings").selectAll().where("id", "=", bookingId).executeTakeFirstOrThrow();
    expect(row.ends_at).toEqual(new Date(slot.getTime() + 50 * MINUTE));
    expect(row.blocked_until).toEqual(new Date(slot.getTime() + 60 * MINUTE));
    expect(row).toMatchObject({ status: "booked", ics_sequence: 0, topic: "skills", employee_note: "研修の選び方", mode: "in_person" });
    expect(row.ics_uid).toMatch(/^consultation-[0-9a-f-]{36}@/);
  });
});

describe("cutoff: the previous business day 17:00", () => {
  it("the employee may cancel until the cutoff, not after (409)", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(7), "10:00");
    const { bookingId } = await book(employee.id, slot);
    const cutoff = changeCutoff(slot);
    const late = await refusal(cancelBooking(t.db, { bookingId, by: "employee" }, { actorId: employee.id, now: new Date(cutoff.getTime() + MINUTE) }));
    expect(late?.code).toBe("past_cutoff");
    expect(late?.status).toBe(409);
    expect((await t.db.selectFrom("consultation_bookings").select("status").where("id", "=", bookingId).executeTakeFirstOrThrow()).status).toBe("booked");
    await cancelBooking(t.db, { bookingId, by: "employee", reason: "業務の都合" }, { actorId: employee.id, now: new Date(cutoff.getTime() - MINUTE) });
    const row = await t.db.selectFrom("consultation_bookings").select(["status", "cancelled_by", "cancel_reason", "ics_sequence"]).where("id", "=", bookingId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "cancelled", cancelled_by: employee.id, cancel_reason: "業務の都合", ics_sequence: 1 });
    // A second cancel finds nothing to do.
    expect((await refusal(cancelBooking(t.db, { bookingId, by: "employee" }, { actorId: employee.id })))?.code).toBe("state_changed");
  });

  it("the employee may move until the cutoff, not after (409)", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(8), "10:00");
    const { bookingId } = await book(employee.id, slot);
    const cutoff = changeCutoff(slot);
    const target = at(businessDay(8), "14:00");
    const late = await refusal(moveBooking(t.db, { bookingId, startsAt: target }, { actorId: employee.id, now: new Date(cutoff.getTime() + MINUTE) }));
    expect(late?.code).toBe("past_cutoff");
    const moved = await moveBooking(t.db, { bookingId, startsAt: target }, { actorId: employee.id, now: new Date(cutoff.getTime() - MINUTE) });
    expect(moved.startsAt).toEqual(target);
  });

  it("the counsellor may cancel until the start; nobody else may cancel", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(9), "15:00");
    const { bookingId } = await book(employee.id, slot);
    expect((await refusal(cancelBooking(t.db, { bookingId, by: "counselor" }, { actorId: w.counselorB.id })))?.code).toBe("not_found");
    expect((await refusal(cancelBooking(t.db, { bookingId, by: "employee" }, { actorId: w.counselorA.id })))?.code).toBe("not_found");
    const other = await w.newEmployee();
    expect((await refusal(cancelBooking(t.db, { bookingId, by: "employee" }, { actorId: other.id })))?.code).toBe("not_found");
    expect((await refusal(moveBooking(t.db, { bookingId, startsAt: at(businessDay(9), "16:00") }, { actorId: other.id })))?.code).toBe("not_found");
    expect((await refusal(cancelBooking(t.db, { bookingId, by: "counselor" }, { actorId: w.counselorA.id, now: new Date(slot.getTime() + MINUTE) })))?.code).toBe("already_started");
    // After the employee's cutoff, the counsellor still can.
    await cancelBooking(t.db, { bookingId, by: "counselor", reason: "体調不良のため" }, { actorId: w.counselorA.id, now: new Date(slot.getTime() - 60 * MINUTE) });
    const mails = (await emailsOf(bookingId)).filter((m) => m.template === "consultation-booking-cancelled");
    const toEmployee = mails.find((m) => m.to_employee_id === employee.id)!;
    expect(toEmployee.text_body).toContain("相談員の 酒井 恵 が、次のキャリア相談の予約を取り消しました。");
    expect(toEmployee.text_body).toContain("体調不良のため");
  });
});

describe("moving keeps the calendar event", () => {
  it("updates the same row: new times, same UID, SEQUENCE + 1; both get the update with an ICS saying so", async () => {
    const employee = await w.newEmployee("移動 花子");
    const from = at(businessDay(16), "10:00");
    const to = at(businessDay(17), "13:00");
    const { bookingId } = await book(employee.id, from);
    const before = await t.db.selectFrom("consultation_bookings").select(["ics_uid", "ics_sequence"]).where("id", "=", bookingId).executeTakeFirstOrThrow();
    const moved = await moveBooking(t.db, { bookingId, startsAt: to }, { actorId: employee.id });
    expect(moved).toMatchObject({ bookingId, startsAt: to, endsAt: new Date(to.getTime() + 50 * MINUTE) });
    const after = await t.db.selectFrom("consultation_bookings").select(["ics_uid", "ics_sequence", "starts_at", "blocked_until"]).where("id", "=", bookingId).executeTakeFirstOrThrow();
    expect(after).toEqual({ ics_uid: before.ics_uid, ics_sequence: before.ics_sequence + 1, starts_at: to, blocked_until: new Date(to.getTime() + 60 * MINUTE) });
    expect(await t.db.selectFrom("consultation_bookings").select("id").where("employee_id", "=", employee.id).execute()).toHaveLength(1);

    const movedMails = (await emailsOf(bookingId)).filter((m) => m.template === "consultation-booking-moved");
    expect(movedMails.map((m) => m.to_employee_id).sort()).toEqual([employee.id, w.counselorA.id].sort());
    for (const mail of movedMails) {
      expect(mail.subject).toBe("【職員チャレンジポータル】キャリア相談の日時が変更されました");
      expect(mail.text_body).toContain(formatSessionTime(to, moved.endsAt, "ja"));
      expect(mail.text_body).toContain(formatSessionTime(from, new Date(from.getTime() + 50 * MINUTE), "ja"));
      const [ics] = icsOf(mail);
      const lines = icsLines(ics);
      expect(lines).toContain(`UID:${before.ics_uid}`);
      expect(lines).toContain("SEQUENCE:1");
      expect(lines).toContain("METHOD:REQUEST");
      expect(lines).toContain(`DTSTART;TZID=Asia/Tokyo:${tokyoLocal(to)}`);
      expect(lines).toContain(`LOCATION:${ROOM}`);
    }
    // The original confirmation carried SEQUENCE:0 with the same UID.
    const confirmation = (await emailsOf(bookingId)).find((m) => m.template === "consultation-booking-confirmed")!;
    expect(icsLines(icsOf(confirmation)[0])).toEqual(expect.arrayContaining([`UID:${before.ics_uid}`, "SEQUENCE:0", `DTSTART;TZID=Asia/Tokyo:${tokyoLocal(from)}`]));
  });

  it("a move onto a taken time is refused by the constraint path with alternatives, and the booking stays put", async () => {
    const [a, b] = [await w.newEmployee(), await w.newEmployee()];
    const day = businessDay(18);
    const mine = await book(a.id, at(day, "09:00"));
    await book(b.id, at(day, "11:00"));
    const error = await refusal(moveBooking(t.db, { bookingId: mine.bookingId, startsAt: at(day, "11:00") }, { actorId: a.id }));
    expect(error?.code).toBe("slot_taken");
    expect(error?.details.alternatives?.length).toBe(3);
    expect(error?.details.alternatives?.map((x) => x.startsAt)).not.toContain(at(day, "11:00").toISOString());
    expect((await refusal(moveBooking(t.db, { bookingId: mine.bookingId, startsAt: at(day, "09:00") }, { actorId: a.id })))?.code).toBe("same_time");
    const row = await t.db.selectFrom("consultation_bookings").select(["starts_at", "ics_sequence"]).where("id", "=", mine.bookingId).executeTakeFirstOrThrow();
    expect(row).toEqual({ starts_at: at(day, "09:00"), ics_sequence: 0 });
  });

  it("a move may use the booking's own neighbourhood (it does not block itself)", async () => {
    const employee = await w.newEmployee();
    const day = businessDay(19);
    const { bookingId } = await book(employee.id, at(day, "13:00"));
    await moveBooking(t.db, { bookingId, startsAt: at(day, "14:00") }, { actorId: employee.id });
    await moveBooking(t.db, { bookingId, startsAt: at(day, "13:00") }, { actorId: employee.id });
    const row = await t.db.selectFrom("consultation_bookings").select(["starts_at", "ics_sequence"]).where("id", "=", bookingId).executeTakeFirstOrThrow();
    expect(row).toEqual({ starts_at: at(day, "13:00"), ics_sequence: 2 });
  });
});

describe("the day-before reminder", () => {
  beforeEach(async () => {
    await t.db.deleteFrom("jobs").execute();
  });

  const dayBefore0900 = (session: Date) => at(addDays(new Date(session.getTime() + 9 * 3600_000).toISOString().slice(0, 10), -1), "09:00");
  const reminders = async (bookingId: number) => (await outbox(t.db, "consultation-booking-reminder")).filter((m) => m.dedupe_key?.startsWith(`consultation-reminder:${bookingId}:`));

  it("is scheduled for 09:00 Tokyo the day before, and sent then for a booking still booked", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(20), "10:00");
    const { bookingId } = await book(employee.id, slot);
    const job = await t.db.selectFrom("jobs").select(["name", "run_at", "payload"]).where("unique_key", "=", `consultation-reminder:${bookingId}:0`).executeTakeFirstOrThrow();
    expect(job.name).toBe(BOOKING_REMINDER_JOB);
    expect(job.run_at).toEqual(dayBefore0900(slot));
    expect(job.payload).toEqual({ bookingId, sequence: 0 });

    await runDueJobs(t.db, { now: new Date(dayBefore0900(slot).getTime() - MINUTE) });
    expect(await reminders(bookingId)).toHaveLength(0);
    await runDueJobs(t.db, { now: new Date(dayBefore0900(slot).getTime() + MINUTE) });
    const sent = await reminders(bookingId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to_employee_id: employee.id, subject: "【職員チャレンジポータル】キャリア相談のご予定のお知らせ" });
    expect(sent[0].text_body).toContain(formatSessionTime(slot, new Date(slot.getTime() + 50 * MINUTE), "ja"));
    expect(sent[0].text_body).toContain("（日本時間）");
  });

  it("is not sent after a cancellation (cal.com #6973)", async () => {
    const employee = await w.newEmployee();
    const slot = at(businessDay(21), "10:00");
    const { bookingId } = await book(employee.id, slot);
    await cancelBooking(t.db, { bookingId, by: "employee" }, { actorId: employee.id });
    const result = await runDueJobs(t.db, { now: new Date(dayBefore0900(slot).getTime() + 5 * MINUTE) });
    expect(result.done).toBeGreaterThanOrEqual(1); // the job ran …
    expect(await reminders(bookingId)).toHaveLength(0); // … and sent nothing
    expect(await sendBookingReminder(t.db, { bookingId, sequence: 0, now: dayBefore0900(slot) })).toBe(false);
  });

  it("is not sent for the old time after a move; the new time gets its own", async () => {
    const employee = await w.newEmployee();
    const oldSlot = at(businessDay(22), "10:00");
    const newSlot = at(businessDay(24), "15:00");
    const { bookingId } = await book(employee.id, oldSlot);
    await moveBooking(t.db, { bookingId, startsAt: newSlot }, { actorId: employee.id });
    const jobs = await t.db.selectFrom("jobs").select(["unique_key", "run_at"]).where("unique_key", "like", `consultation-reminder:${bookingId}:%`).orderBy("unique_key").execute();
    expect(jobs).toEqual([
      { unique_key: `consultation-reminder:${bookingId}:0`, run_at: dayBefore0900(oldSlot) },
      { unique_key: `consultation-reminder:${bookingId}:1`, run_at: dayBefore0900(newSlot) },
    ]);

    // The day before the old time: the old job runs and finds a newer sequence.
    await runDueJobs(t.db, { now: new Date(dayBefore0900(oldSlot).getTime() + 5 * MINUTE) });
    expect(await reminders(bookingId)).toHaveLength(0);
    // The day before the new time: one reminder, for the new time.
    await runDueJobs(t.db, { now: new Date(dayBefore0900(newSlot).getTime() + 5 * MINUTE) });
    const sent = await reminders(bookingId);
    expect(sent).toHaveLength(1);
    expect(sent[0].dedupe_key).toBe(`consultation-reminder:${bookingId}:1`);
    expect(sent[0].text_body).toContain(formatSessionTime(newSlot, new Date(newSlot.getTime() + 50 * MINUTE), "ja"));
    expect(sent[0].text_body).not.toContain(formatSessionTime(oldSlot, new Date(oldSlot.getTime() + 50 * MINUTE), "ja"));
  });
});

describe("emails", () => {
  const NOTE = "上司との関係に悩んでおり、異動も考えています。";
  const TOPIC_LABELS = ["キャリアプラン", "異動・配置", "能力開発", "仕事と生活の両立", "職場の人間関係", "Transfer and placement", "Relationships at work"];

  it("confirmation to the employee and notice to the counsellor carry the ICS; no subject, body or calendar entry has the topic or note", async () => {
    const employee = await w.newEmployee("秘密 守");
    const slot = at(businessDay(25), "11:00");
    const { bookingId } = await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: slot, mode: "online", topic: "relationships", note: NOTE }), { actorId: employee.id });
    await moveBooking(t.db, { bookingId, startsAt: at(businessDay(25), "14:00") }, { actorId: employee.id });
    await cancelBooking(t.db, { bookingId, by: "employee", reason: "都合がつかなくなりました" }, { actorId: employee.id });
    await t.db.updateTable("consultation_bookings").set({ status: "booked", cancelled_at: null, cancelled_by: null, ics_sequence: 2 }).where("id", "=", bookingId).execute();
    expect(await sendBookingReminder(t.db, { bookingId, sequence: 2 })).toBe(true);
    await t.db.updateTable("consultation_bookings").set({ status: "cancelled", cancelled_at: new Date(), cancelled_by: employee.id }).where("id", "=", bookingId).execute();

    const mails = await emailsOf(bookingId);
    expect(mails.map((m) => m.template).sort()).toEqual(
      [
        "consultation-booking-cancelled",
        "consultation-booking-cancelled",
        "consultation-booking-confirmed",
        "consultation-booking-counselor-notice",
        "consultation-booking-moved",
        "consultation-booking-moved",
        "consultation-booking-reminder",
      ].sort(),
    );
    for (const mail of mails) {
      for (const secret of [NOTE, "上司", ...TOPIC_LABELS]) {
        expect(mail.subject, `${mail.template} subject`).not.toContain(secret);
        expect(mail.html, `${mail.template} html`).not.toContain(secret);
        expect(mail.text_body, `${mail.template} text`).not.toContain(secret);
        for (const ics of icsOf(mail)) expect(ics, `${mail.template} ics`).not.toContain(secret);
      }
      expect(mail.subject.startsWith("【職員チャレンジポータル】")).toBe(true);
    }

    const byTemplate = (name: string, to: number) => mails.find((m) => m.template === name && m.to_employee_id === to)!;
    const confirmation = byTemplate("consultation-booking-confirmed", employee.id);
    expect(confirmation.subject).toBe("【職員チャレンジポータル】キャリア相談のご予約");
    expect(confirmation.text_body).toContain(formatSessionTime(slot, new Date(slot.getTime() + 50 * MINUTE), "ja"));
    expect(confirmation.text_body).toMatch(/11:00〜11:50（日本時間）/);
    expect(confirmation.text_body).toContain(MEETING_URL);
    const notice = byTemplate("consultation-booking-counselor-notice", w.counselorA.id);
    expect(notice.subject).toBe("【職員チャレンジポータル】キャリア相談の予約が入りました");
    expect(notice.text_body).toContain("秘密 守");

    // Every email that announces a calendar change carries its ICS; confirmation & notice are REQUEST, cancellation CANCEL.
    for (const name of ["consultation-booking-confirmed", "consultation-booking-counselor-notice", "consultation-booking-moved", "consultation-booking-cancelled"]) {
      for (const mail of mails.filter((m) => m.template === name)) {
        const attachments = mail.attachments as { filename: string; contentType: string }[];
        expect(attachments, name).toHaveLength(1);
        expect(attachments[0].filename).toMatch(/\.ics$/);
        const lines = icsLines(icsOf(mail)[0]);
        expect(lines).toContain("SUMMARY:キャリア相談");
        expect(lines).toContain("LOCATION:オンライン");
        if (name === "consultation-booking-cancelled") {
          expect(attachments[0].contentType).toBe("text/calendar; charset=UTF-8; method=CANCEL");
          expect(lines).toEqual(expect.arrayContaining(["METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:2"]));
        } else {
          expect(lines).toEqual(expect.arrayContaining(["METHOD:REQUEST", "STATUS:CONFIRMED"]));
        }
        // The meeting link never goes into the calendar entry.
        expect(icsOf(mail)[0]).not.toContain(MEETING_URL);
      }
    }
  });

  it("an English-speaking employee gets English with Japan time stated", async () => {
    const employee = await w.newEmployee();
    await t.db.updateTable("employees").set({ locale: "en" }).where("id", "=", employee.id).execute();
    const slot = at(businessDay(26), "13:00");
    const { bookingId } = await book(employee.id, slot);
    const mail = (await emailsOf(bookingId)).find((m) => m.template === "consultation-booking-confirmed")!;
    expect(mail.subject).toBe("[Staff Challenge Portal] Your career consultation booking");
    expect(mail.text_body).toMatch(/13:00–13:50 \(Japan time\)/);
  });
});
