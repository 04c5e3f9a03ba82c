import { type Kysely, sql } from "kysely";

// Indexes found by `npm run bench` (issue 7). Frozen in time: never import application code here.
//
// consultation_bookings (counselor_id, blocked_until) WHERE status <> 'cancelled': the free-slot computation of the
// booking pages (app/consultations/booking-queries.server.ts loadFreeSlots) reads a counsellor's live bookings with
// `starts_at < window end AND blocked_until > window start − 1 day`. The (counselor_id, starts_at) index bounds only
// the upper end, so every request scanned the counsellors' whole history (10 years: 30,000 rows, a sequential scan);
// bounded by blocked_until it reads the few bookings around the window.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX consultation_bookings_counselor_blocked_idx ON consultation_bookings (counselor_id, blocked_until) WHERE status <> 'cancelled';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS consultation_bookings_counselor_blocked_idx;`.execute(db);
}
