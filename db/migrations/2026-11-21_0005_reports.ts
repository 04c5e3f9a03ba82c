import { type Kysely, sql } from "kysely";

// Participation targets per fiscal year (HR edits them; the demo sets 50 for 令和8年度) and the index the report's
// headcount uses. Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE participation_targets (
      fiscal_year integer PRIMARY KEY CHECK (fiscal_year BETWEEN 2000 AND 2100),
      target integer NOT NULL CHECK (target BETWEEN 1 AND 100000),
      updated_by integer REFERENCES employees(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX employees_tenure_idx ON employees (hired_on, left_on) INCLUDE (department_id, grade, birth_year);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS participation_targets;
    DROP INDEX IF EXISTS employees_tenure_idx;
  `.execute(db);
}
