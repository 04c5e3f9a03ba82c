import { type Kysely, sql } from "kysely";

// The version of the data the participation reports read (ADR 005). Frozen in time: never import application
// code here.
//
// report_data_version is one row whose `version` grows by one with every committed transaction that wrote a table
// the dashboard's figures depend on. A reader that reads it in the same snapshot as the figures can cache them under
// it: a later snapshot with the same version has exactly the same report data.
//
// Writers do not take the version row's lock while they work: a statement-level trigger on each table only notes
// the transaction in report_data_changes (no shared row, no contention), and a deferred constraint trigger on that
// table bumps the version at commit — so the row lock is held only between the bump and the commit, nothing waits
// on it mid-transaction and it cannot join a deadlock cycle. A transaction that rolls back (or rolls back to a
// savepoint) drops its note and its deferred event with it. Writers must run in READ COMMITTED: a REPEATABLE READ
// or SERIALIZABLE writer's bump would fail with a serialisation error whenever another writer committed since its
// snapshot.
//
// UPDATE triggers list the columns the reports read, so frequent unrelated writes (an employee switching language,
// a proposal draft being edited, a booking's ICS sequence) do not throw the caches away. A report that starts
// reading another column must add it here, in a new migration.
const WATCHED: { table: string; updateOf?: string[] }[] = [
  { table: "participations" },
  { table: "employees", updateOf: ["id", "department_id", "grade", "birth_year", "hired_on", "left_on"] },
  { table: "departments" },
  { table: "grades" },
  { table: "participation_targets" },
  { table: "contest_rounds", updateOf: ["id", "fiscal_year", "results_published_at"] },
  { table: "contest_proposals", updateOf: ["id", "round_id", "lead_employee_id", "status", "outcome", "submitted_at"] },
  { table: "consultation_bookings", updateOf: ["id", "employee_id", "status", "starts_at"] },
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE report_data_version (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      -- A new epoch whenever the row is recreated, so a cache never mistakes a restarted count for an old one.
      epoch uuid NOT NULL DEFAULT gen_random_uuid(),
      version bigint NOT NULL DEFAULT 0
    );
    INSERT INTO report_data_version DEFAULT VALUES;

    CREATE TABLE report_data_changes (
      txid xid8 PRIMARY KEY DEFAULT pg_current_xact_id()
    );

    CREATE FUNCTION report_data_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO report_data_changes DEFAULT VALUES ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;

    CREATE FUNCTION report_data_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE report_data_version SET version = version + 1;
      DELETE FROM report_data_changes WHERE txid = NEW.txid;
      RETURN NULL;
    END $$;

    CREATE CONSTRAINT TRIGGER report_data_bump_version AFTER INSERT ON report_data_changes
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION report_data_bump_version();
  `.execute(db);

  for (const { table, updateOf } of WATCHED) {
    const update = updateOf ? `UPDATE OF ${updateOf.join(", ")}` : "UPDATE";
    await sql
      .raw(
        `CREATE TRIGGER ${table}_report_data AFTER INSERT OR ${update} OR DELETE OR TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION report_data_note_change();`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of WATCHED) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_report_data ON ${table};`).execute(db);
  }
  await sql`
    DROP TABLE IF EXISTS report_data_changes, report_data_version;
    DROP FUNCTION IF EXISTS report_data_note_change(), report_data_bump_version();
  `.execute(db);
}
