import { type Kysely, sql } from "kysely";

// The report data version (migrations 0007–0008, ADR 005) also covers what every employee's booking page shares:
// the accepting counsellors (profiles, the counselor role, still employed) and their weekly hours, exceptions and
// bookings, so the page can take them from the cache (ADR 012). Frozen in time: never import application code here.
//
// Counsellors' settings and role grants change rarely: their triggers watch every column. The bookings trigger of
// 0007 watched the columns the dashboard reads; the free-slot rules also read the counsellor, the end and the
// blocked time (a moved or reassigned booking).
const ADDED = ["counselor_profiles", "counselor_weekly_hours", "counselor_date_overrides", "role_grants"];

const BOOKINGS_BEFORE = ["id", "employee_id", "status", "starts_at"];
const BOOKINGS_AFTER = [...BOOKINGS_BEFORE, "counselor_id", "ends_at", "blocked_until"];

const create = (table: string, updateOf?: string[]) =>
  sql.raw(
    `CREATE TRIGGER ${table}_report_data AFTER INSERT OR ${updateOf ? `UPDATE OF ${updateOf.join(", ")}` : "UPDATE"} OR DELETE OR TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION report_data_note_change();`,
  );
const drop = (table: string) => sql.raw(`DROP TRIGGER IF EXISTS ${table}_report_data ON ${table};`);

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ADDED) await create(table).execute(db);
  await drop("consultation_bookings").execute(db);
  await create("consultation_bookings", BOOKINGS_AFTER).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ADDED) await drop(table).execute(db);
  await drop("consultation_bookings").execute(db);
  await create("consultation_bookings", BOOKINGS_BEFORE).execute(db);
}
