import { beforeAll, describe, expect, it } from "vitest";
import { addSessionNote, NOTE_READ_ACTION } from "~/consultations/notes.server";
import { loader as scheduleLoader } from "~/routes/counselor._index";
import { action as sessionAction, loader as sessionLoader } from "~/routes/counselor.sessions.$id";
import { loader as statsLoader } from "~/routes/hr.consultations";
import { useTestDatabase } from "../helpers/db";
import { formRequest, request, respond } from "../helpers/factories";
import { buildCounselorWorld, cookiesFor, countAudit, days, fromNow, hours, insertBooking, type CounselorWorld, type Who } from "./consultations-counselor-fixtures";

// Confidentiality of one booking: only its counsellor reads it, its employee note and the counsellor's notes; every
// read is audit-logged; audit entries never carry the texts; nobody else reaches the page, the note actions or the
// booking in a list — hr_admin, another counsellor (even one who is also HR), the employee and other employees.

const t = useTestDatabase();
let w: CounselorWorld;
let cookies: Record<Who, string>;
let futureId: number;
let pastId: number;

const EMPLOYEE_NOTE = "上司との関係で異動を希望しています（機密A）";
const COUNSELOR_NOTE = "本人は企画部門への異動を希望。次回は自己申告書の書き方（機密B）";

const page = (who: Who, id: number) => respond(() => sessionLoader({ request: request(`/counselor/sessions/${id}`, { cookie: cookies[who] }), params: { id: String(id) }, context: {} }));
const post = (who: Who, id: number, fields: Record<string, string>) =>
  respond(() => sessionAction({ request: formRequest(`/counselor/sessions/${id}`, fields, cookies[who]), params: { id: String(id) }, context: {} }));
const schedule = (who: Who) => respond(() => scheduleLoader({ request: request("/counselor", { cookie: cookies[who] }), params: {}, context: {} }));
const stats = (who: Who, fy?: number) => respond(() => statsLoader({ request: request(`/hr/consultations${fy ? `?fy=${fy}` : ""}`, { cookie: cookies[who] }), params: {}, context: {} }));

const bookingRow = (id: number) => t.db.selectFrom("consultation_bookings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const noteRows = (id: number) => t.db.selectFrom("consultation_notes").select(["id", "body"]).where("booking_id", "=", id).orderBy("id").execute();
const allIds = (data: { upcoming: { id: number }[]; awaitingRecord: { id: number }[]; history: { rows: { id: number }[] } }) => [
  ...data.upcoming.map((r) => r.id),
  ...data.awaitingRecord.map((r) => r.id),
  ...data.history.rows.map((r) => r.id),
];

beforeAll(async () => {
  w = await buildCounselorWorld(t.db);
  cookies = await cookiesFor(w.people);
  futureId = (await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.employee.id, startsAt: fromNow(days(3)), note: EMPLOYEE_NOTE, topic: "transfer" })).id;
  pastId = (await insertBooking(t.db, { counselorId: w.people.counselor.id, employeeId: w.people.employee.id, startsAt: fromNow(-hours(2)), note: EMPLOYEE_NOTE })).id;
  await addSessionNote(t.db, { bookingId: futureId, body: COUNSELOR_NOTE }, { actorId: w.people.counselor.id });
});

describe("the booking's counsellor", () => {
  it("reads the employee's note and their own notes; each page load writes one consultation.note_read entry", async () => {
    const before = await countAudit(t.db, NOTE_READ_ACTION, futureId);
    const res = await page("counselor", futureId);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const data = await res.json();
    expect(data.employeeNote).toBe(EMPLOYEE_NOTE);
    expect(data.notes.map((n: { body: string }) => n.body)).toEqual([COUNSELOR_NOTE]);
    expect(data.session.employee_name).toBe("中川 さくら");
    expect(await countAudit(t.db, NOTE_READ_ACTION, futureId)).toBe(before + 1);

    await page("counselor", futureId);
    await page("counselor", futureId);
    expect(await countAudit(t.db, NOTE_READ_ACTION, futureId)).toBe(before + 3);

    const entry = await t.db.selectFrom("audit_log").selectAll().where("action", "=", NOTE_READ_ACTION).where("entity_id", "=", String(futureId)).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(w.people.counselor.id);
    expect(entry.entity_type).toBe("consultation_booking");
    expect(entry.detail).toEqual({ employeeNote: true, notes: 1 });
  });

  it("sees the booking in their schedule, without the confidential texts", async () => {
    const res = await schedule("counselor");
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.upcoming.map((r: { id: number }) => r.id)).toContain(futureId);
    expect(data.awaitingRecord.map((r: { id: number }) => r.id)).toContain(pastId);
    expect(text).not.toContain(EMPLOYEE_NOTE);
    expect(text).not.toContain(COUNSELOR_NOTE);
    expect(text).not.toContain("employee_note");
  });

  it("adds and edits notes; the audit log records that, never what", async () => {
    expect((await post("counselor", futureId, { intent: "add-note", body: "二つ目のメモ（機密C）" })).status).toBe(302);
    const [first, second] = await noteRows(futureId);
    expect(second.body).toBe("二つ目のメモ（機密C）");
    expect((await post("counselor", futureId, { intent: "edit-note", noteId: String(second.id), body: "書き直したメモ（機密D）" })).status).toBe(302);
    expect((await noteRows(futureId)).map((n) => n.body)).toEqual([first.body, "書き直したメモ（機密D）"]);
    expect(await countAudit(t.db, "consultation.note_add", futureId)).toBe(2);
    expect(await countAudit(t.db, "consultation.note_update", futureId)).toBe(1);
  });

  it("cannot edit a note through another of their bookings", async () => {
    const [note] = await noteRows(futureId);
    const res = await post("counselor", pastId, { intent: "edit-note", noteId: String(note.id), body: "すり替え" });
    expect(res.status).toBe(404);
    expect((await noteRows(futureId))[0].body).toBe(note.body);
  });
});

describe("everyone else", () => {
  const outsiders: Who[] = ["hr", "otherCounselor", "hrCounselor", "employee", "otherEmployee", "supervisor"];

  it("gets 403 or 404 on the session page, and no read is logged", async () => {
    const reads = await countAudit(t.db, NOTE_READ_ACTION);
    for (const who of outsiders) {
      for (const id of [futureId, pastId]) {
        const res = await page(who, id);
        expect([403, 404], `${who} → ${id}`).toContain(res.status);
        expect(await res.text()).not.toContain("機密");
      }
    }
    // the counsellors without the booking get 404, as if it did not exist
    expect((await page("otherCounselor", futureId)).status).toBe(404);
    expect((await page("hrCounselor", futureId)).status).toBe(404);
    expect((await page("hr", futureId)).status).toBe(403);
    expect(await countAudit(t.db, NOTE_READ_ACTION)).toBe(reads);
  });

  it("gets 403 or 404 on every note and session action, and nothing changes", async () => {
    const [note] = await noteRows(futureId);
    const beforeNotes = await noteRows(futureId);
    const beforeFuture = await bookingRow(futureId);
    const beforePast = await bookingRow(pastId);
    for (const who of outsiders) {
      const attempts = [
        post(who, futureId, { intent: "add-note", body: "侵入" }),
        post(who, futureId, { intent: "edit-note", noteId: String(note.id), body: "改ざん" }),
        post(who, futureId, { intent: "cancel", reason: "取消したい" }),
        post(who, pastId, { intent: "completed" }),
        post(who, pastId, { intent: "no_show" }),
      ];
      for (const res of await Promise.all(attempts)) expect([403, 404], who).toContain(res.status);
    }
    expect(await noteRows(futureId)).toEqual(beforeNotes);
    expect(await bookingRow(futureId)).toEqual(beforeFuture);
    expect(await bookingRow(pastId)).toEqual(beforePast);
  });

  it("does not find the booking in any list: other counsellors' schedules omit it, non-counsellors have no schedule", async () => {
    for (const who of ["otherCounselor", "hrCounselor"] as const) {
      const res = await schedule(who);
      expect(res.status).toBe(200);
      const data = await res.json();
      expect(allIds(data)).not.toContain(futureId);
      expect(allIds(data)).not.toContain(pastId);
    }
    for (const who of ["hr", "employee", "otherEmployee", "supervisor"] as const) expect((await schedule(who)).status, who).toBe(403);
  });

  it("HR's statistics page is for hr_admin only and carries no individual booking", async () => {
    for (const who of ["counselor", "otherCounselor", "employee"] as const) expect((await stats(who)).status, who).toBe(403);
    const res = await stats("hr");
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of [EMPLOYEE_NOTE, COUNSELOR_NOTE, "機密", "中川 さくら", "酒井 恵", w.people.employee.employee_no, "employee_note", "starts_at", "ics_uid"]) {
      expect(text, secret).not.toContain(secret);
    }
  });
});

describe("the audit log", () => {
  it("never holds a note's text, whatever happened above", async () => {
    const rows = await t.db.selectFrom("audit_log").select(["action", "detail"]).execute();
    expect(rows.length).toBeGreaterThan(5);
    const dump = JSON.stringify(rows);
    for (const secret of [EMPLOYEE_NOTE, COUNSELOR_NOTE, "機密", "書き直したメモ", "二つ目のメモ"]) expect(dump).not.toContain(secret);
  });
});
