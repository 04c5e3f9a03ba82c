import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { addSessionNote } from "~/consultations/notes.server";
import { getNoteRetentionYears, purgeConsultationNotes, retentionCutoff } from "~/consultations/retention.server";
import { useTestDatabase } from "../helpers/db";
import { buildCounselorWorld, days, fromNow, insertBooking, type CounselorWorld } from "./consultations-counselor-fixtures";

// Retention: counsellor notes of sessions older than N years are deleted and the employee's note blanked; the
// bookings stay, so every count is unchanged; recent notes stay. N from settings (5) or --years.

const t = useTestDatabase();
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let w: CounselorWorld;
const ids = { sixYears: 0, fourYears: 0, lastMonth: 0 };
const YEAR = 365.25;

const bookingCount = async () => Number((await t.db.selectFrom("consultation_bookings").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const notesOf = async (bookingId: number) => (await t.db.selectFrom("consultation_notes").select("body").where("booking_id", "=", bookingId).orderBy("id").execute()).map((n) => n.body);
const employeeNote = async (bookingId: number) => (await t.db.selectFrom("consultation_bookings").select("employee_note").where("id", "=", bookingId).executeTakeFirstOrThrow()).employee_note;

beforeAll(async () => {
  w = await buildCounselorWorld(t.db);
  const c = w.people.counselor.id;
  const make = async (ago: number, note: string, bodies: string[]) => {
    const booking = await insertBooking(t.db, { counselorId: c, employeeId: w.people.employee.id, startsAt: fromNow(-days(ago)), status: "completed", note });
    for (const body of bodies) await addSessionNote(t.db, { bookingId: booking.id, body }, { actorId: c });
    return booking.id;
  };
  ids.sixYears = await make(Math.round(6 * YEAR), "6年前の相談者メモ", ["6年前のメモ1", "6年前のメモ2"]);
  ids.fourYears = await make(Math.round(4 * YEAR), "4年前の相談者メモ", ["4年前のメモ"]);
  ids.lastMonth = await make(30, "先月の相談者メモ", ["先月のメモ"]);
  // an old session without any note: nothing to blank
  await insertBooking(t.db, { counselorId: c, employeeId: w.people.otherEmployee.id, startsAt: fromNow(-days(Math.round(7 * YEAR))), status: "completed" });
});

describe("purgeConsultationNotes", () => {
  it("the setting says 5 years by default", async () => {
    expect(await getNoteRetentionYears(t.db)).toBe(5);
  });

  it("deletes notes and blanks employee notes of sessions older than 5 years; bookings and recent notes stay", async () => {
    const before = await bookingCount();
    const result = await purgeConsultationNotes(t.db);
    expect(result).toMatchObject({ years: 5, notesDeleted: 2, employeeNotesCleared: 1 });
    expect(await bookingCount()).toBe(before);
    expect(await notesOf(ids.sixYears)).toEqual([]);
    expect(await employeeNote(ids.sixYears)).toBe("");
    expect(await notesOf(ids.fourYears)).toEqual(["4年前のメモ"]);
    expect(await employeeNote(ids.fourYears)).toBe("4年前の相談者メモ");
    expect(await notesOf(ids.lastMonth)).toEqual(["先月のメモ"]);
    // the session is still counted as held
    expect((await t.db.selectFrom("consultation_bookings").select("status").where("id", "=", ids.sixYears).executeTakeFirstOrThrow()).status).toBe("completed");
  });

  it("audit-logs the purge with the counts, never the texts; a second run deletes nothing", async () => {
    const entries = await t.db.selectFrom("audit_log").select(["action", "actor_id", "detail"]).where("action", "=", "consultation.notes_purge").execute();
    expect(entries).toHaveLength(1);
    expect(entries[0].actor_id).toBeNull();
    expect(entries[0].detail).toMatchObject({ years: 5, notesDeleted: 2, employeeNotesCleared: 1 });
    expect(JSON.stringify(entries)).not.toContain("メモ");
    expect(await purgeConsultationNotes(t.db)).toMatchObject({ notesDeleted: 0, employeeNotesCleared: 0 });
  });

  it("follows the setting when HR changes it, and refuses a nonsensical --years", async () => {
    await t.db.updateTable("settings").set({ value: JSON.stringify(10) }).where("key", "=", "consultation_note_retention_years").execute();
    expect(await getNoteRetentionYears(t.db)).toBe(10);
    expect(await purgeConsultationNotes(t.db)).toMatchObject({ years: 10, notesDeleted: 0 });
    await t.db.updateTable("settings").set({ value: JSON.stringify(5) }).where("key", "=", "consultation_note_retention_years").execute();
    await expect(purgeConsultationNotes(t.db, { years: 0 })).rejects.toThrow(RangeError);
    await expect(purgeConsultationNotes(t.db, { years: 2.5 })).rejects.toThrow(RangeError);
  });

  it("the cutoff is the same moment N calendar years back (29 February → 28 February)", () => {
    expect(retentionCutoff(new Date("2031-06-15T03:00:00Z"), 5).toISOString()).toBe("2026-06-15T03:00:00.000Z");
    expect(retentionCutoff(new Date("2028-02-29T03:00:00Z"), 1).toISOString()).toBe("2027-02-28T03:00:00.000Z");
  });
});

describe("npm run cli -- purge consultation-notes", () => {
  it("--years 3 purges the 4-year-old session and prints the counts", async () => {
    const before = await bookingCount();
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "purge", "consultation-notes", "--years", "3"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url },
      timeout: 60_000,
    });
    expect(stdout).toBe("削除: メモ 1件、相談者メモ 1件\n");
    expect(await bookingCount()).toBe(before);
    expect(await notesOf(ids.fourYears)).toEqual([]);
    expect(await notesOf(ids.lastMonth)).toEqual(["先月のメモ"]);
    expect(await employeeNote(ids.lastMonth)).toBe("先月の相談者メモ");
  });

  it("a bad flag prints the usage and exits 2, changing nothing", async () => {
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "purge", "consultation-notes", "--years", "abc"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url },
      timeout: 60_000,
    }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(2);
    expect((failure as { stderr: string }).stderr).toContain("purge consultation-notes [--years N]");
  });
});
