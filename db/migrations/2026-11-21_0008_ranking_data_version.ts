import { type Kysely, sql } from "kysely";

// The report data version (migration 0007, ADR 005) also covers everything the contest ranking reads, so a round's
// ranking can be cached under it too. Frozen in time: never import application code here.
//
// New statement-level triggers on the review tables (same report_data_note_change, so the same deferred bump at
// commit), and wider UPDATE OF lists on the tables 0007 already watches: the ranking shows titles, names, the
// decision (outcome, feedback, who and when), the desired host and the round's dates and quotas. UPDATE triggers
// still name columns so a review draft's comment, a score's comment or a proposal's text keep the caches.
const ADDED: { table: string; updateOf?: string[] }[] = [
  { table: "contest_criteria", updateOf: ["id", "round_id", "position", "name_ja", "name_en", "weight", "scale_min", "scale_max"] },
  { table: "contest_reviews", updateOf: ["id", "proposal_id", "reviewer_id", "status"] },
  { table: "contest_scores", updateOf: ["review_id", "criterion_id", "score"] },
  { table: "contest_assignments", updateOf: ["proposal_id", "reviewer_id"] },
  { table: "contest_members", updateOf: ["proposal_id", "employee_id", "role", "invitation"] },
];

const WIDENED: { table: string; before: string[]; after: string[] }[] = [
  {
    table: "employees",
    before: ["id", "department_id", "grade", "birth_year", "hired_on", "left_on"],
    after: ["id", "department_id", "grade", "birth_year", "hired_on", "left_on", "name"],
  },
  {
    table: "contest_rounds",
    before: ["id", "fiscal_year", "results_published_at"],
    after: [
      "id", "fiscal_year", "results_published_at", "title", "call_opens_on", "call_closes_on", "review_opens_on",
      "review_closes_on", "results_on", "project_start_on", "quota_adopted", "quota_step_up",
    ],
  },
  {
    table: "contest_proposals",
    before: ["id", "round_id", "lead_employee_id", "status", "outcome", "submitted_at"],
    after: [
      "id", "round_id", "lead_employee_id", "status", "outcome", "submitted_at", "title", "feedback", "decided_at",
      "decided_by", "desired_host_department_id",
    ],
  },
];

const create = (table: string, updateOf?: string[]) =>
  sql
    .raw(
      `CREATE TRIGGER ${table}_report_data AFTER INSERT OR ${updateOf ? `UPDATE OF ${updateOf.join(", ")}` : "UPDATE"} OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION report_data_note_change();`,
    );
const drop = (table: string) => sql.raw(`DROP TRIGGER IF EXISTS ${table}_report_data ON ${table};`);

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, updateOf } of ADDED) await create(table, updateOf).execute(db);
  for (const { table, after } of WIDENED) {
    await drop(table).execute(db);
    await create(table, after).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of ADDED) await drop(table).execute(db);
  for (const { table, before } of WIDENED) {
    await drop(table).execute(db);
    await create(table, before).execute(db);
  }
}
