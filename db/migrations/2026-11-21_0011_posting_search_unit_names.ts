import { type Kysely, sql } from "kysely";
import { up as restoreGeneratedSearchText } from "./2026-11-21_0009_posting_search_text";

// The browse keyword search covers the host unit's and its 部局's names through the stored search copy (issue 7).
// Frozen in time: never import application code here.
//
// Migration 0009 stored the lower-cased texts of a posting in a generated column and left the unit and 部局 names to
// ILIKE in the query, so every keyword had to join both departments to every open posting of the scheme before it
// could drop any: at bench scale 225 wide rows joined and sorted to keep 76 (EXPLAIN ANALYZE 1.7 ms, the whole of the
// browse page's database time). With the names in the copy the keyword is checked while the postings are read and
// only the matches are joined. A generated column cannot read another table, so the copy is now kept by triggers:
//   - postings: filled on insert and whenever a text, the skills or the host unit changes (and recomputed if anyone
//     writes the copy itself, so it cannot be set to something else);
//   - departments: a unit renamed or moved refreshes its postings, a 部局 renamed refreshes its units' postings.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE postings DROP COLUMN search_text;
    DROP FUNCTION posting_search_text(text, text, text, text[]);
    ALTER TABLE postings ADD COLUMN search_text text NOT NULL DEFAULT '';

    CREATE FUNCTION posting_search_text(title text, summary text, work_content text, skills text[], host_department_id integer) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT lower(title || ' ' || summary || ' ' || work_content || ' ' || array_to_string(skills, ' ')
                     || ' ' || coalesce(d.name, '') || ' ' || coalesce(b.name, ''))
          FROM (SELECT 1) AS one
          LEFT JOIN departments d ON d.id = host_department_id
          LEFT JOIN departments b ON b.id = d.parent_id
      $$;

    CREATE FUNCTION postings_fill_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := posting_search_text(NEW.title, NEW.summary, NEW.work_content, NEW.skills, NEW.host_department_id);
      RETURN NEW;
    END $$;
    CREATE TRIGGER postings_search_text BEFORE INSERT OR UPDATE OF title, summary, work_content, skills, host_department_id, search_text
      ON postings FOR EACH ROW EXECUTE FUNCTION postings_fill_search_text();

    CREATE FUNCTION departments_refresh_posting_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Writing the copy makes postings_search_text recompute it from the names as they are now.
      UPDATE postings p SET search_text = ''
       WHERE p.host_department_id = NEW.id
          OR p.host_department_id IN (SELECT c.id FROM departments c WHERE c.parent_id = NEW.id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER departments_posting_search_text AFTER UPDATE OF name, parent_id ON departments
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
      EXECUTE FUNCTION departments_refresh_posting_search_text();

    UPDATE postings SET search_text = '';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS departments_posting_search_text ON departments;
    DROP FUNCTION IF EXISTS departments_refresh_posting_search_text();
    DROP TRIGGER IF EXISTS postings_search_text ON postings;
    DROP FUNCTION IF EXISTS postings_fill_search_text();
    ALTER TABLE postings DROP COLUMN IF EXISTS search_text;
    DROP FUNCTION IF EXISTS posting_search_text(text, text, text, text[], integer);
  `.execute(db);
  // back to 0009's generated column, exactly as that migration made it
  await restoreGeneratedSearchText(db);
}
