import { type Kysely, sql } from "kysely";

// The report data version (migrations 0007, 0008, 0013, 0014; ADR 005) also covers the applications a host unit's
// applicants list shows, so a page of that list can be cached under it (ADR 012). Frozen in time: never import
// application code here.
//
// The list reads an application's posting, applicant, status, consent and interview times and hours; the
// applicants' names, grades and units are watched already (employees, departments). Texts (motivation, comments,
// reports) are not listed and do not change the version.
const COLUMNS = ["id", "posting_id", "employee_id", "status", "consent_decided_at", "interview_at", "hours_available"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TRIGGER applications_report_data AFTER INSERT OR UPDATE OF ${COLUMNS.join(", ")} OR DELETE OR TRUNCATE ON applications
         FOR EACH STATEMENT EXECUTE FUNCTION report_data_note_change();`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("DROP TRIGGER IF EXISTS applications_report_data ON applications;").execute(db);
}
