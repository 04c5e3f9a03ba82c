import { type Kysely, sql } from "kysely";

// The browse page's keyword search (issue 7). Frozen in time: never import application code here.
//
// The search matched every term with ILIKE against title, summary, work content and skills. On UTF-8 text ILIKE
// lower-cases the whole value for every row and every term, and work content is the longest text a posting has:
// that case folding was most of the search's database time (EXPLAIN ANALYZE at bench scale: 1.3 ms for ILIKE over
// the four columns against 0.6 ms for LIKE over one stored lower-cased copy). The copy is a generated column, so
// it can never disagree with the texts. array_to_string is only STABLE (it calls element output functions), which
// a generated column refuses; on text[] it depends on nothing but its input, hence the IMMUTABLE wrapper.
// Unit and 部局 names stay ILIKE in the query: they are short, and a rename must not leave stale copies here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION posting_search_text(title text, summary text, work_content text, skills text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(title || ' ' || summary || ' ' || work_content || ' ' || array_to_string(skills, ' ')) $$;
    ALTER TABLE postings
      ADD COLUMN search_text text NOT NULL GENERATED ALWAYS AS (posting_search_text(title, summary, work_content, skills)) STORED;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE postings DROP COLUMN IF EXISTS search_text;
    DROP FUNCTION IF EXISTS posting_search_text(text, text, text, text[]);
  `.execute(db);
}
