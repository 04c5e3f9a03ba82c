import { type Kysely, sql } from "kysely";

// 職員キャリア相談室: counsellor profiles and availability, bookings that cannot overlap (exclusion constraints),
// confidential notes. Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS btree_gist;

    CREATE TABLE counselor_profiles (
      employee_id integer PRIMARY KEY REFERENCES employees(id),
      display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 60),
      qualifications text NOT NULL DEFAULT '' CHECK (length(qualifications) <= 300),
      introduction text NOT NULL DEFAULT '' CHECK (length(introduction) <= 1000),
      session_minutes integer NOT NULL DEFAULT 50 CHECK (session_minutes BETWEEN 15 AND 180),
      buffer_minutes integer NOT NULL DEFAULT 10 CHECK (buffer_minutes BETWEEN 0 AND 60),
      min_notice_business_days integer NOT NULL DEFAULT 1 CHECK (min_notice_business_days BETWEEN 0 AND 10),
      horizon_days integer NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 365),
      max_per_day integer NOT NULL DEFAULT 4 CHECK (max_per_day BETWEEN 1 AND 20),
      offers_in_person boolean NOT NULL DEFAULT true,
      room text NOT NULL DEFAULT '' CHECK (length(room) <= 200),
      offers_online boolean NOT NULL DEFAULT true,
      meeting_url text NOT NULL DEFAULT '' CHECK (length(meeting_url) <= 500),
      accepting boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (offers_in_person OR offers_online),
      CHECK (NOT offers_in_person OR length(btrim(room)) > 0),
      CHECK (NOT offers_online OR length(btrim(meeting_url)) > 0)
    );

    -- Weekly schedule in Asia/Tokyo wall-clock time; weekday is ISO (1 = Monday … 7 = Sunday).
    CREATE TABLE counselor_weekly_hours (
      id serial PRIMARY KEY,
      counselor_id integer NOT NULL REFERENCES counselor_profiles(employee_id) ON DELETE CASCADE,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      starts time NOT NULL,
      ends time NOT NULL,
      CHECK (ends > starts),
      EXCLUDE USING gist (counselor_id WITH =, weekday WITH =, tsrange('2000-01-01'::date + starts, '2000-01-01'::date + ends) WITH &&)
    );

    -- Date exceptions: a day off (whole day when times are null) or extra hours on a date.
    CREATE TABLE counselor_date_overrides (
      id serial PRIMARY KEY,
      counselor_id integer NOT NULL REFERENCES counselor_profiles(employee_id) ON DELETE CASCADE,
      on_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('off', 'extra')),
      starts time,
      ends time,
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
      CHECK ((starts IS NULL) = (ends IS NULL)),
      CHECK (starts IS NULL OR ends > starts),
      CHECK (kind = 'off' OR starts IS NOT NULL)
    );
    CREATE INDEX counselor_date_overrides_idx ON counselor_date_overrides (counselor_id, on_date);

    CREATE TABLE consultation_bookings (
      id serial PRIMARY KEY,
      counselor_id integer NOT NULL REFERENCES counselor_profiles(employee_id),
      employee_id integer NOT NULL REFERENCES employees(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      -- ends_at + the counsellor's buffer: the time the counsellor is taken, used by the exclusion constraint.
      blocked_until timestamptz NOT NULL,
      mode text NOT NULL CHECK (mode IN ('in_person', 'online')),
      topic text NOT NULL CHECK (topic IN ('career_plan', 'transfer', 'skills', 'work_life', 'relationships', 'other')),
      -- Confidential: only the counsellor and the employee themself may read it.
      employee_note text NOT NULL DEFAULT '' CHECK (length(employee_note) <= 1000),
      status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'completed', 'no_show', 'cancelled')),
      cancelled_at timestamptz,
      cancelled_by integer REFERENCES employees(id),
      cancel_reason text,
      ics_uid text NOT NULL UNIQUE,
      ics_sequence integer NOT NULL DEFAULT 0,
      idempotency_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK (blocked_until >= ends_at),
      CHECK (counselor_id <> employee_id),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      -- No double booking, whatever code inserts: a counsellor's (buffered) sessions never overlap, nor do one
      -- employee's sessions with any counsellors.
      CONSTRAINT consultation_bookings_counselor_overlap EXCLUDE USING gist (
        counselor_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&
      ) WHERE (status <> 'cancelled'),
      CONSTRAINT consultation_bookings_employee_overlap EXCLUDE USING gist (
        employee_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
      ) WHERE (status <> 'cancelled')
    );
    CREATE INDEX consultation_bookings_counselor_idx ON consultation_bookings (counselor_id, starts_at);
    CREATE INDEX consultation_bookings_employee_idx ON consultation_bookings (employee_id, starts_at);
    CREATE INDEX consultation_bookings_starts_idx ON consultation_bookings (starts_at) WHERE status <> 'cancelled';

    -- At most two future bookings per employee: counted under a per-employee lock so concurrent bookings queue.
    CREATE FUNCTION consultation_bookings_limit_future() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      future integer;
    BEGIN
      IF NEW.status <> 'booked' OR NEW.starts_at <= now() THEN RETURN NEW; END IF;
      IF TG_OP = 'UPDATE' AND OLD.status = 'booked' AND OLD.starts_at > now() THEN RETURN NEW; END IF;
      PERFORM pg_advisory_xact_lock(hashtext('consultation_bookings_future'), NEW.employee_id);
      SELECT count(*) INTO future FROM consultation_bookings
        WHERE employee_id = NEW.employee_id AND status = 'booked' AND starts_at > now() AND id <> NEW.id;
      IF future >= 2 THEN
        RAISE EXCEPTION 'employee % already has % future bookings', NEW.employee_id, future
          USING ERRCODE = 'check_violation', CONSTRAINT = 'consultation_bookings_future_limit';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER consultation_bookings_future_limit BEFORE INSERT OR UPDATE OF status, starts_at ON consultation_bookings
      FOR EACH ROW EXECUTE FUNCTION consultation_bookings_limit_future();

    -- The counsellor's private notes; purged after the retention period while the bookings (counts) stay.
    CREATE TABLE consultation_notes (
      id serial PRIMARY KEY,
      booking_id integer NOT NULL REFERENCES consultation_bookings(id),
      counselor_id integer NOT NULL REFERENCES employees(id),
      body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX consultation_notes_booking_idx ON consultation_notes (booking_id);
    CREATE INDEX consultation_notes_created_idx ON consultation_notes (created_at);

    INSERT INTO settings (key, value) VALUES ('consultation_note_retention_years', '5') ON CONFLICT DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS consultation_notes, consultation_bookings, counselor_date_overrides, counselor_weekly_hours, counselor_profiles CASCADE;
    DROP FUNCTION IF EXISTS consultation_bookings_limit_future();
    DELETE FROM settings WHERE key = 'consultation_note_retention_years';
  `.execute(db);
}
