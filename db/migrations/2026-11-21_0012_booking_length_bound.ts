import { type Kysely, sql } from "kysely";

// A booking takes its counsellor for at most a day (issue 7). Frozen in time: never import application code here.
//
// The profile allows 180-minute sessions and a 60-minute buffer, so a booking blocks at most four hours; the database
// now says so, with room to spare, because a query relies on it: the booking page reads the counsellors' bookings
// of a week by `blocked_until > window start − 1 day`, and a plan for that alone must be made for each week's values
// (a plan for any values would scan every booking that starts before the window's end, 10 ms at bench scale), which
// cost 0.3–0.4 ms of planning on every page view. With the length bounded, those bookings also start after the
// window's start − 2 days, a range one index answers for any values, so PostgreSQL keeps one plan per connection.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE consultation_bookings
      ADD CONSTRAINT consultation_bookings_at_most_a_day CHECK (blocked_until <= starts_at + interval '24 hours');
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE consultation_bookings DROP CONSTRAINT IF EXISTS consultation_bookings_at_most_a_day`.execute(db);
}
