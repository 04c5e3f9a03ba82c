import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { todayInTokyo } from "../i18n/format";

// Retention of the confidential texts of the career consultation room. After N years (settings
// consultation_note_retention_years, 5 unless changed; `--years N` on the CLI overrides it for one run) the
// counsellor's notes are deleted and the employee's note to the counsellor is blanked. The bookings themselves
// stay, so every count (HR's statistics, the participation report) is unchanged.
//
// "Older than N years" is measured on the session: a booking whose starts_at is before the same moment N years
// ago (calendar years; 29 February → 28 February in a non-leap year).

export const RETENTION_SETTING_KEY = "consultation_note_retention_years";
export const DEFAULT_RETENTION_YEARS = 5;
export const MAX_RETENTION_YEARS = 100;

function validYears(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_RETENTION_YEARS;
}

/** settings.consultation_note_retention_years, or 5 when unset or not a whole number of years (1–100). */
export async function getNoteRetentionYears(db: Executor): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", RETENTION_SETTING_KEY).executeTakeFirst();
  const value = typeof row?.value === "string" ? Number(row.value) : row?.value;
  return validYears(value) ? value : DEFAULT_RETENTION_YEARS;
}

/** The same instant `years` calendar years before `now`. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  const month = cutoff.getUTCMonth();
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  if (cutoff.getUTCMonth() !== month) cutoff.setUTCDate(0); // 29 Feb → the last day of February
  return cutoff;
}

export interface PurgeResult {
  years: number;
  /** Sessions that started before this instant had their texts removed. */
  cutoff: Date;
  /** consultation_notes rows deleted. */
  notesDeleted: number;
  /** Bookings whose employee_note was blanked. */
  employeeNotesCleared: number;
}

/**
 * Deletes the counsellor notes of sessions that started more than N years ago and blanks those sessions'
 * employee notes, in one transaction with one audit entry (consultation.notes_purge: the years, the cutoff and
 * the two counts — never any text). N: `years` when given (a whole number 1–100), else the setting. Bookings are
 * not deleted. Running it again deletes nothing more.
 */
export async function purgeConsultationNotes(db: Executor, options: { years?: number; now?: Date; actorId?: number | null } = {}): Promise<PurgeResult> {
  if (options.years !== undefined && !validYears(options.years)) throw new RangeError(`years must be a whole number from 1 to ${MAX_RETENTION_YEARS}, got ${options.years}`);
  const now = options.now ?? new Date();
  const run = async (trx: Executor): Promise<PurgeResult> => {
    const years = options.years ?? (await getNoteRetentionYears(trx));
    const cutoff = retentionCutoff(now, years);
    const oldBookings = trx.selectFrom("consultation_bookings").select("id").where("starts_at", "<", cutoff);
    const deleted = await trx.deleteFrom("consultation_notes").where("booking_id", "in", oldBookings).executeTakeFirst();
    const cleared = await trx
      .updateTable("consultation_bookings")
      .set({ employee_note: "", updated_at: now })
      .where("starts_at", "<", cutoff)
      .where("employee_note", "<>", "")
      .executeTakeFirst();
    const result: PurgeResult = { years, cutoff, notesDeleted: Number(deleted.numDeletedRows), employeeNotesCleared: Number(cleared.numUpdatedRows) };
    await audit(trx, {
      actorId: options.actorId ?? null,
      action: "consultation.notes_purge",
      entityType: "consultation_notes",
      entityId: null,
      detail: { years, cutoff: cutoff.toISOString(), cutoffDate: todayInTokyo(cutoff), notesDeleted: result.notesDeleted, employeeNotesCleared: result.employeeNotesCleared },
    });
    return result;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
