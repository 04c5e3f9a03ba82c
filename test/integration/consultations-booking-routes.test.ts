import { beforeAll, describe, expect, it } from "vitest";
import { bookConsultation } from "~/consultations/booking.server";
import { changeCutoff } from "~/consultations/cutoff";
import { weekStart } from "~/consultations/slots";
import { action as bookAction, loader as bookLoader } from "~/routes/consultations.book";
import { action as detailAction, loader as detailLoader } from "~/routes/consultations.$id";
import { loader as indexLoader } from "~/routes/consultations._index";
import { useTestDatabase } from "../helpers/db";
import { formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { at, bookingInput, buildBookingWorld, businessDay, key, type BookingWorld } from "./consultations-booking-fixtures";

const t = useTestDatabase();
let w: BookingWorld;

beforeAll(async () => {
  w = await buildBookingWorld(t.db);
});

const getBook = (query: string, cookie: string) => respond(() => bookLoader({ request: request(`/consultations/book${query}`, { cookie }), params: {}, context: {} }));
const postBook = (fields: Record<string, string>, cookie: string) => respond(() => bookAction({ request: formRequest("/consultations/book", fields, cookie), params: {}, context: {} }));
const getDetail = (id: number, cookie: string, query = "") => respond(() => detailLoader({ request: request(`/consultations/${id}${query}`, { cookie }), params: { id: String(id) }, context: {} }));
const postDetail = (id: number, fields: Record<string, string>, cookie: string) =>
  respond(() => detailAction({ request: formRequest(`/consultations/${id}`, fields, cookie), params: { id: String(id) }, context: {} }));
const getIndex = (cookie: string) => respond(() => indexLoader({ request: request("/consultations", { cookie }), params: {}, context: {} }));

const bookingIdFrom = (res: Response) => Number(res.headers.get("Location")!.match(/^\/consultations\/(\d+)\?done=booked$/)![1]);

describe("/consultations/book", () => {
  it("step 1 lists the counsellors with their profile; step 2 shows a week of free times; step 3 the chosen slot", async () => {
    const employee = await w.newEmployee();
    const cookie = await sessionCookie(employee.id);
    const step1 = await (await getBook("", cookie)).json();
    expect(step1.choice).toBeNull();
    expect(step1.limitReached).toBe(false);
    expect(step1.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(step1.counselors.map((c: { name: string }) => c.name)).toEqual(
      [w.counselorA, w.counselorB].sort((a, b) => a.id - b.id).map((c) => (c.id === w.counselorA.id ? "酒井 恵" : "北野 明子")),
    );
    expect(step1.counselors.find((c: { id: number }) => c.id === w.counselorA.id)).toMatchObject({ qualifications: "国家資格キャリアコンサルタント", offersInPerson: true, offersOnline: true, sessionMinutes: 50 });

    const day = businessDay(10);
    const week = await (await getBook(`?c=${w.counselorA.id}&week=${day}`, cookie)).json();
    expect(week.week.days).toHaveLength(7);
    // Week navigation starts at the week of the earliest bookable date (1 business day of notice).
    expect(week.week.firstWeek).toBe(weekStart(businessDay(1)));
    const today = week.week.days.find((d: { date: string }) => d.date === day);
    expect(today.slots.map((s: { startsAt: string }) => s.startsAt)).toContain(at(day, "10:00").toISOString());
    expect(week.selected).toBeNull();

    const slot = at(day, "10:00").toISOString();
    const step3 = await (await getBook(`?c=${w.counselorA.id}&slot=${encodeURIComponent(slot)}`, cookie)).json();
    expect(step3.selected).toEqual({ startsAt: slot, endsAt: at(day, "10:50").toISOString(), counselorId: w.counselorA.id, changeUntil: changeCutoff(new Date(slot)).toISOString(), changeable: true });
    expect(step3.week.weekStart <= day).toBe(true);

    // An unknown counsellor is not a choice.
    expect((await (await getBook("?c=987654", cookie)).json()).choice).toBeNull();
    // A time that is not a free slot is reported as gone.
    const bogus = await (await getBook(`?c=${w.counselorA.id}&slot=${encodeURIComponent(at(day, "09:30").toISOString())}`, cookie)).json();
    expect(bogus).toMatchObject({ selected: null, slotGone: true });
  });

  it("books through the form, and a double-clicked submit (same hidden key) lands on the same booking", async () => {
    const employee = await w.newEmployee();
    const cookie = await sessionCookie(employee.id);
    const { idempotencyKey } = await (await getBook("", cookie)).json();
    const fields = { counselor: String(w.counselorA.id), startsAt: at(businessDay(11), "13:00").toISOString(), mode: "in_person", topic: "transfer", note: "異動の希望について", idempotencyKey };
    const [first, second] = await Promise.all([postBook(fields, cookie), postBook(fields, cookie)]);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(bookingIdFrom(first)).toBe(bookingIdFrom(second));
    const third = await postBook(fields, cookie);
    expect(bookingIdFrom(third)).toBe(bookingIdFrom(first));
    const rows = await t.db.selectFrom("consultation_bookings").select(["id", "topic", "employee_note"]).where("employee_id", "=", employee.id).execute();
    expect(rows).toEqual([{ id: bookingIdFrom(first), topic: "transfer", employee_note: "異動の希望について" }]);
  });

  it("指定なし through the form assigns a counsellor", async () => {
    const employee = await w.newEmployee();
    const cookie = await sessionCookie(employee.id);
    const res = await postBook({ counselor: "any", startsAt: at(businessDay(11), "15:00").toISOString(), mode: "online", topic: "other", idempotencyKey: key() }, cookie);
    expect(res.status).toBe(302);
    const row = await t.db.selectFrom("consultation_bookings").select("counselor_id").where("id", "=", bookingIdFrom(res)).executeTakeFirstOrThrow();
    expect([w.counselorA.id, w.counselorB.id]).toContain(row.counselor_id);
  });

  it("a lost race answers 409 「この時間は先に予約が入りました」 with the nearest free times, keeping what was typed", async () => {
    const [winner, loser] = [await w.newEmployee(), await w.newEmployee()];
    const day = businessDay(12);
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: at(day, "10:00") }), { actorId: winner.id });
    const typed = { counselor: String(w.counselorB.id), startsAt: at(day, "10:00").toISOString(), mode: "online", topic: "work_life", note: "子育てとの両立", idempotencyKey: key() };
    const res = await postBook(typed, await sessionCookie(loser.id));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.result.error[""]).toEqual(["この時間は先に予約が入りました。"]);
    expect(body.refusal.code).toBe("slot_taken");
    expect(body.refusal.alternatives.map((a: { startsAt: string }) => a.startsAt)).toEqual([at(day, "11:00"), at(day, "13:00"), at(day, "14:00")].map((d) => d.toISOString()));
    expect(body.result.initialValue).toMatchObject({ note: "子育てとの両立", topic: "work_life", mode: "online" });
  });

  it("bad input: 400 with the messages beside the fields, nothing written", async () => {
    const employee = await w.newEmployee();
    const res = await postBook({ counselor: String(w.counselorA.id), startsAt: at(businessDay(12), "13:00").toISOString(), note: "あ".repeat(1001), idempotencyKey: key() }, await sessionCookie(employee.id));
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.error.mode).toEqual(["相談方法を選んでください。"]);
    expect(result.error.topic).toEqual(["相談したい分野を選んでください。"]);
    expect(result.error.note).toEqual(["メモは1000字以内で入力してください。"]);
    expect(await t.db.selectFrom("consultation_bookings").select("id").where("employee_id", "=", employee.id).execute()).toHaveLength(0);
  });

  it("with 2 upcoming bookings the page says so before the form, and the list page hides the button", async () => {
    const employee = await w.newEmployee();
    const cookie = await sessionCookie(employee.id);
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(businessDay(13), "09:00") }), { actorId: employee.id });
    expect((await (await getIndex(cookie)).json()).limitReached).toBe(false);
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt: at(businessDay(13), "11:00") }), { actorId: employee.id });
    const page = await (await getBook(`?c=${w.counselorA.id}`, cookie)).json();
    expect(page.limitReached).toBe(true);
    expect(page.week).toBeNull();
    expect((await (await getIndex(cookie)).json()).limitReached).toBe(true);
    const res = await postBook({ counselor: String(w.counselorB.id), startsAt: at(businessDay(13), "15:00").toISOString(), mode: "online", topic: "skills", idempotencyKey: key() }, cookie);
    expect(res.status).toBe(409);
    expect((await res.json()).refusal.code).toBe("limit_reached");
  });
});

describe("/consultations (my bookings)", () => {
  it("lists only my own bookings, upcoming and past", async () => {
    const [me, other] = [await w.newEmployee(), await w.newEmployee()];
    const mine = await bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: at(businessDay(14), "09:00") }), { actorId: me.id });
    await bookConsultation(t.db, bookingInput({ counselorId: w.counselorB.id, startsAt: at(businessDay(14), "10:00") }), { actorId: other.id });
    const past = await t.db
      .insertInto("consultation_bookings")
      .values({ counselor_id: w.counselorA.id, employee_id: me.id, starts_at: new Date("2024-06-03T01:00:00Z"), ends_at: new Date("2024-06-03T01:50:00Z"), blocked_until: new Date("2024-06-03T02:00:00Z"), mode: "in_person", topic: "career_plan", status: "completed", ics_uid: `past-${key()}`, updated_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const data = await (await getIndex(await sessionCookie(me.id))).json();
    expect(data.upcoming.map((b: { id: number }) => b.id)).toEqual([mine.bookingId]);
    expect(data.upcoming[0]).toMatchObject({ counselorName: "北野 明子", mode: "online", status: "booked" });
    expect(data.history.map((b: { id: number }) => b.id)).toEqual([past.id]);
    // Nothing confidential is sent to the list.
    expect(JSON.stringify(data)).not.toMatch(/topic|note/);
  });
});

describe("/consultations/:id", () => {
  const times = ["09:00", "10:00", "11:00", "13:00"];
  let used = 0;
  /** A fresh booking of counsellor A on business day 15, each at its own time. */
  async function booked(note = "評価面談の前に整理したいことがあります") {
    const owner = await w.newEmployee();
    const startsAt = at(businessDay(15), times[used++]);
    const result = await bookConsultation(t.db, bookingInput({ counselorId: w.counselorA.id, startsAt, mode: "in_person", topic: "relationships", note }), { actorId: owner.id });
    return { owner, bookingId: result.bookingId, startsAt };
  }

  it("shows the employee their booking with their own note (the read is audit-logged, without the text)", async () => {
    const { owner, bookingId } = await booked();
    const res = await getDetail(bookingId, await sessionCookie(owner.id));
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.booking).toMatchObject({ id: bookingId, counselorName: "酒井 恵", note: "評価面談の前に整理したいことがあります", topic: "relationships", status: "booked", mode: "in_person" });
    expect(data.canChange).toBe(true);
    const entry = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_type", "=", "consultation_booking").where("entity_id", "=", String(bookingId)).where("action", "=", "consultation.note.read").executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.detail)).not.toContain("評価面談");
  });

  it("is 404 — page and actions — for another employee, the counsellor and HR; nothing changes", async () => {
    const { bookingId, startsAt } = await booked();
    const stranger = await w.newEmployee();
    for (const person of [stranger, w.counselorA, w.counselorB, w.hrAdmin]) {
      const cookie = await sessionCookie(person.id);
      expect((await getDetail(bookingId, cookie)).status).toBe(404);
      expect((await postDetail(bookingId, { intent: "cancel" }, cookie)).status).toBe(404);
      expect((await postDetail(bookingId, { intent: "move", startsAt: at(businessDay(15), "15:00").toISOString() }, cookie)).status).toBe(404);
    }
    const row = await t.db.selectFrom("consultation_bookings").select(["status", "starts_at"]).where("id", "=", bookingId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "booked", starts_at: startsAt });
    expect((await getDetail(987654, await sessionCookie(stranger.id))).status).toBe(404);
  });

  it("moves through the week view and a confirmation step, then cancels", async () => {
    const { owner, bookingId } = await booked();
    const cookie = await sessionCookie(owner.id);
    const target = at(businessDay(16), "14:00").toISOString();
    const moving = await (await getDetail(bookingId, cookie, `?move=1&to=${encodeURIComponent(target)}`)).json();
    expect(moving.moving).toBe(true);
    expect(moving.target).toEqual({ startsAt: target, endsAt: at(businessDay(16), "14:50").toISOString(), changeUntil: changeCutoff(new Date(target)).toISOString(), changeable: true });
    const moved = await postDetail(bookingId, { intent: "move", startsAt: target }, cookie);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("Location")).toBe(`/consultations/${bookingId}?done=moved`);
    const cancelled = await postDetail(bookingId, { intent: "cancel", reason: "別の予定が入りました" }, cookie);
    expect(cancelled.headers.get("Location")).toBe(`/consultations/${bookingId}?done=cancelled`);
    const after = await (await getDetail(bookingId, cookie)).json();
    expect(after.booking).toMatchObject({ status: "cancelled", cancelReason: "別の予定が入りました", cancelledByCounselor: false });
    expect(after.upcoming).toBe(false);
    expect(after.canChange).toBe(false);
  });

  it("after the cutoff the page names whom to contact, and cancel/move answer 409", async () => {
    const owner = await w.newEmployee();
    // A session 3 hours from now: its cutoff (the previous business day 17:00) has passed. Inserted directly.
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 60_000) * 60_000);
    const row = await t.db
      .insertInto("consultation_bookings")
      .values({ counselor_id: w.counselorA.id, employee_id: owner.id, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 50 * 60_000), blocked_until: new Date(startsAt.getTime() + 60 * 60_000), mode: "in_person", topic: "other", ics_uid: `soon-${key()}`, updated_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cookie = await sessionCookie(owner.id);
    const data = await (await getDetail(row.id, cookie)).json();
    expect(data).toMatchObject({ upcoming: true, canChange: false });
    expect(data.booking.counselorEmail).toMatch(/@/);
    const cancel = await postDetail(row.id, { intent: "cancel" }, cookie);
    expect(cancel.status).toBe(409);
    expect((await cancel.json()).result.error[""]).toEqual(["変更・取消の受付期限（相談日の前営業日17時）を過ぎています。相談員に直接ご連絡ください。"]);
    const move = await postDetail(row.id, { intent: "move", startsAt: at(businessDay(17), "10:00").toISOString() }, cookie);
    expect(move.status).toBe(409);
    expect((await t.db.selectFrom("consultation_bookings").select(["status", "starts_at"]).where("id", "=", row.id).executeTakeFirstOrThrow()).status).toBe("booked");
  });
});
