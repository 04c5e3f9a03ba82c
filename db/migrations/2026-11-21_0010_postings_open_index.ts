import { type Kysely, sql } from "kysely";

// The open postings, found by the index alone (issue 7). Frozen in time: never import application code here.
//
// postings_browse_idx (status, apply_until) WHERE status = 'published' bounded only the deadline: every published
// posting not yet past it was fetched from the table before the window's start and the scheme were checked, a third
// of them for nothing — on rows that carry the whole text of a posting. With the window's start and the scheme in
// the index, those conditions are checked on the index entries and only matching postings are read: the browse
// query at bench scale went from 2.5 to 1.7 ms (EXPLAIN ANALYZE). The deadline stays the leading column, so the
// nightly auto-close (status = 'published' AND apply_until < today) and the filter's choices use it too.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX postings_open_idx ON postings (apply_until, scheme, apply_from) WHERE status = 'published';
    DROP INDEX IF EXISTS postings_browse_idx;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS postings_browse_idx ON postings (status, apply_until) WHERE status = 'published';
    DROP INDEX IF EXISTS postings_open_idx;
  `.execute(db);
}
