import { type Kysely, sql } from "kysely";

// 庁内複業 / ジョブチャレンジ: postings, applications with consent and selection, participation records.
// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_by integer REFERENCES employees(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- Side work may take at most this share of standard working time (38h45m a week).
    INSERT INTO settings (key, value) VALUES ('side_job_cap_percent', '20');

    ALTER TABLE employees ADD COLUMN employment_type text NOT NULL DEFAULT 'regular'
      CHECK (employment_type IN ('regular', 'fixed_term', 'reappointed', 'part_time'));

    CREATE TABLE postings (
      id serial PRIMARY KEY,
      scheme text NOT NULL CHECK (scheme IN ('side_job', 'job_challenge')),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 120),
      host_department_id integer NOT NULL REFERENCES departments(id),
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 400),
      work_content text NOT NULL CHECK (length(work_content) BETWEEN 1 AND 4000),
      skills text[] NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 10),
      hours_per_month numeric(5, 1) NOT NULL CHECK (hours_per_month > 0 AND hours_per_month <= 160),
      period_start date NOT NULL,
      period_end date NOT NULL,
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
      -- accepted + participating applications, kept by trigger; the CHECK makes over-filling impossible.
      filled integer NOT NULL DEFAULT 0,
      work_style text NOT NULL CHECK (work_style IN ('onsite', 'remote', 'hybrid')),
      place text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
      max_grade text REFERENCES grades(code),
      employment_types text[] NOT NULL DEFAULT '{regular}',
      selection_method text NOT NULL CHECK (selection_method IN ('documents', 'interview')),
      contact text NOT NULL CHECK (length(btrim(contact)) BETWEEN 1 AND 200),
      apply_from date NOT NULL,
      apply_until date NOT NULL,
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'pending_approval', 'returned', 'published', 'closed', 'completed', 'cancelled')),
      review_comment text,
      cancel_reason text,
      created_by integer NOT NULL REFERENCES employees(id),
      submitted_at timestamptz,
      approved_by integer REFERENCES employees(id),
      approved_at timestamptz,
      closed_at timestamptz,
      completed_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end >= period_start),
      CHECK (apply_until >= apply_from),
      CHECK (apply_until <= period_end),
      CHECK (filled BETWEEN 0 AND capacity),
      CHECK (status <> 'cancelled' OR length(btrim(coalesce(cancel_reason, ''))) > 0),
      CHECK (status <> 'returned' OR length(btrim(coalesce(review_comment, ''))) > 0)
    );
    CREATE INDEX postings_browse_idx ON postings (status, apply_until) WHERE status = 'published';
    CREATE INDEX postings_host_idx ON postings (host_department_id, status);
    CREATE INDEX postings_skills_idx ON postings USING gin (skills);

    CREATE FUNCTION postings_guard_transition() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      allowed text[];
    BEGIN
      IF NEW.status = OLD.status THEN RETURN NEW; END IF;
      allowed := CASE OLD.status
        WHEN 'draft' THEN ARRAY['pending_approval', 'cancelled']
        WHEN 'returned' THEN ARRAY['pending_approval', 'cancelled']
        WHEN 'pending_approval' THEN ARRAY['published', 'returned', 'cancelled']
        WHEN 'published' THEN ARRAY['closed', 'cancelled']
        WHEN 'closed' THEN ARRAY['completed', 'cancelled']
        ELSE ARRAY[]::text[]
      END;
      IF NOT NEW.status = ANY (allowed) THEN
        RAISE EXCEPTION 'illegal posting transition % -> %', OLD.status, NEW.status USING ERRCODE = 'check_violation', CONSTRAINT = 'postings_transition';
      END IF;
      NEW.updated_at := now();
      RETURN NEW;
    END $$;
    CREATE TRIGGER postings_transition BEFORE UPDATE OF status ON postings
      FOR EACH ROW EXECUTE FUNCTION postings_guard_transition();

    CREATE TABLE applications (
      id serial PRIMARY KEY,
      posting_id integer NOT NULL REFERENCES postings(id),
      employee_id integer NOT NULL REFERENCES employees(id),
      supervisor_id integer REFERENCES employees(id),
      motivation text NOT NULL CHECK (length(btrim(motivation)) BETWEEN 20 AND 2000),
      experience text NOT NULL DEFAULT '' CHECK (length(experience) <= 2000),
      hours_available numeric(5, 1) CHECK (hours_available IS NULL OR (hours_available > 0 AND hours_available <= 160)),
      status text NOT NULL DEFAULT 'awaiting_consent'
        CHECK (status IN ('awaiting_consent', 'consent_declined', 'screening', 'interview', 'accepted', 'not_selected',
                          'participating', 'completed', 'withdrawn', 'cancelled')),
      consent_decided_at timestamptz,
      consent_comment text,
      interview_at timestamptz,
      interview_place text,
      interview_note text,
      decided_by integer REFERENCES employees(id),
      decided_at timestamptz,
      decision_reason text,
      withdrawn_at timestamptz,
      withdraw_reason text,
      -- set when the host cancels the posting (status 'cancelled')
      cancelled_at timestamptz,
      completion_report text,
      completion_hours numeric(6, 1),
      completed_at timestamptz,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'consent_declined' OR length(btrim(coalesce(consent_comment, ''))) > 0),
      CHECK (status <> 'not_selected' OR length(btrim(coalesce(decision_reason, ''))) > 0),
      CHECK (status <> 'completed' OR length(btrim(coalesce(completion_report, ''))) > 0)
    );
    -- One live application per employee and posting; a declined, unselected or withdrawn one may be followed by a new one.
    CREATE UNIQUE INDEX applications_one_live ON applications (posting_id, employee_id)
      WHERE status IN ('awaiting_consent', 'screening', 'interview', 'accepted', 'participating', 'completed');
    CREATE INDEX applications_employee_idx ON applications (employee_id, status);
    CREATE INDEX applications_supervisor_idx ON applications (supervisor_id, status);
    CREATE INDEX applications_posting_idx ON applications (posting_id, status);

    -- The status graph, enforced by the database whatever code issues the UPDATE.
    CREATE FUNCTION applications_guard_transition() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      allowed text[];
    BEGIN
      IF NEW.status = OLD.status THEN RETURN NEW; END IF;
      allowed := CASE OLD.status
        WHEN 'awaiting_consent' THEN ARRAY['screening', 'consent_declined', 'withdrawn', 'cancelled']
        WHEN 'screening' THEN ARRAY['interview', 'accepted', 'not_selected', 'withdrawn', 'cancelled']
        WHEN 'interview' THEN ARRAY['accepted', 'not_selected', 'withdrawn', 'cancelled']
        WHEN 'accepted' THEN ARRAY['participating', 'withdrawn', 'completed', 'cancelled']
        WHEN 'participating' THEN ARRAY['completed', 'withdrawn', 'cancelled']
        ELSE ARRAY[]::text[]
      END;
      IF NOT NEW.status = ANY (allowed) THEN
        RAISE EXCEPTION 'illegal application transition % -> %', OLD.status, NEW.status USING ERRCODE = 'check_violation', CONSTRAINT = 'applications_transition';
      END IF;
      NEW.updated_at := now();
      RETURN NEW;
    END $$;
    CREATE TRIGGER applications_transition BEFORE UPDATE OF status ON applications
      FOR EACH ROW EXECUTE FUNCTION applications_guard_transition();

    -- Keep postings.filled = accepted + participating; its CHECK refuses the accept that would exceed capacity.
    CREATE FUNCTION applications_track_filled() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was boolean := TG_OP = 'UPDATE' AND OLD.status IN ('accepted', 'participating');
      now_in boolean := NEW.status IN ('accepted', 'participating');
    BEGIN
      IF now_in AND NOT was THEN
        UPDATE postings SET filled = filled + 1 WHERE id = NEW.posting_id;
      ELSIF was AND NOT now_in THEN
        UPDATE postings SET filled = filled - 1 WHERE id = NEW.posting_id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER applications_filled AFTER INSERT OR UPDATE OF status ON applications
      FOR EACH ROW EXECUTE FUNCTION applications_track_filled();

    CREATE TABLE participations (
      id serial PRIMARY KEY,
      employee_id integer NOT NULL REFERENCES employees(id),
      scheme text NOT NULL CHECK (scheme IN ('side_job', 'job_challenge', 'contest_project')),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
      host_department_id integer NOT NULL REFERENCES departments(id),
      start_on date NOT NULL,
      end_on date,
      source text NOT NULL CHECK (source IN ('application', 'contest', 'import')),
      application_id integer UNIQUE REFERENCES applications(id),
      import_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_on IS NULL OR end_on >= start_on),
      CHECK ((source = 'application') = (application_id IS NOT NULL))
    );
    CREATE INDEX participations_counting_idx ON participations (scheme, start_on, end_on) INCLUDE (employee_id, host_department_id);
    CREATE INDEX participations_employee_idx ON participations (employee_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS participations, applications, postings, settings CASCADE;
    DROP FUNCTION IF EXISTS applications_guard_transition(), applications_track_filled(), postings_guard_transition();
    ALTER TABLE employees DROP COLUMN IF EXISTS employment_type;
  `.execute(db);
}
