import { type Kysely, sql } from "kysely";

// The report data version (migrations 0007, 0008, 0013; ADR 005) also covers the published postings, so the pages
// of a postings search can be cached under it (ADR 012). Frozen in time: never import application code here.
//
// Only published postings are ever searched, and drafts are edited far more often: row-level triggers note a
// transaction only when a row that is or was published changes a column a search result shows or matches on
// (search_text follows the texts, skills and unit names, migrations 0009 and 0011). TRUNCATE, which has no rows,
// is noted at statement level under the usual trigger name.
const COLUMNS = [
  "id", "scheme", "title", "summary", "skills", "hours_per_month", "period_start", "period_end", "capacity", "filled",
  "work_style", "place", "apply_from", "apply_until", "approved_at", "status", "host_department_id", "search_text",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TRIGGER postings_report_data_insert AFTER INSERT ON postings
         FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION report_data_note_change();
       CREATE TRIGGER postings_report_data_update AFTER UPDATE OF ${COLUMNS.join(", ")} ON postings
         FOR EACH ROW WHEN (OLD.status = 'published' OR NEW.status = 'published') EXECUTE FUNCTION report_data_note_change();
       CREATE TRIGGER postings_report_data_delete AFTER DELETE ON postings
         FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION report_data_note_change();
       CREATE TRIGGER postings_report_data AFTER TRUNCATE ON postings
         FOR EACH STATEMENT EXECUTE FUNCTION report_data_note_change();`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["postings_report_data_insert", "postings_report_data_update", "postings_report_data_delete", "postings_report_data"]) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON postings;`).execute(db);
  }
}
