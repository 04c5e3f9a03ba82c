import { type Kysely, sql } from "kysely";

// Foundation schema: directory, auth, roles, outbox, jobs, audit.
// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE app_meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE grades (
      code text PRIMARY KEY,
      rank smallint NOT NULL UNIQUE CHECK (rank BETWEEN 1 AND 20),
      name_en text NOT NULL
    );
    INSERT INTO grades (code, rank, name_en) VALUES
      ('主事', 1, 'Staff'), ('技師', 2, 'Engineer'), ('主任', 3, 'Senior Staff'),
      ('係長', 4, 'Chief'), ('課長補佐', 5, 'Assistant Manager'), ('副主幹', 6, 'Deputy Manager'),
      ('主幹', 7, 'Manager'), ('課長', 8, 'Division Director'), ('次長', 9, 'Deputy Director-General'),
      ('部長', 10, 'Director-General');

    CREATE TABLE departments (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
      parent_id integer REFERENCES departments(id) ON DELETE RESTRICT,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_id IS NULL OR parent_id <> id)
    );
    CREATE INDEX departments_parent_idx ON departments (parent_id);

    CREATE TABLE employees (
      id serial PRIMARY KEY,
      employee_no text NOT NULL UNIQUE CHECK (employee_no ~ '^[A-Za-z0-9]{1,20}$'),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
      name_kana text NOT NULL CHECK (length(btrim(name_kana)) BETWEEN 1 AND 100),
      -- Katakana folded to hiragana with spaces removed, so either script finds the other.
      name_kana_search text GENERATED ALWAYS AS (
        translate(
          name_kana,
          'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ 　',
          'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ'
        )
      ) STORED,
      name_search text GENERATED ALWAYS AS (translate(name, ' 　', '')) STORED,
      email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
      department_id integer NOT NULL REFERENCES departments(id) ON DELETE RESTRICT,
      grade text NOT NULL REFERENCES grades(code) ON UPDATE CASCADE,
      birth_year smallint NOT NULL CHECK (birth_year BETWEEN 1930 AND 2015),
      hired_on date NOT NULL,
      left_on date,
      locale text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (left_on IS NULL OR left_on >= hired_on)
    );
    CREATE UNIQUE INDEX employees_email_key ON employees (lower(email));
    CREATE INDEX employees_department_idx ON employees (department_id);
    CREATE INDEX employees_kana_idx ON employees (name_kana_search text_pattern_ops);

    CREATE TABLE credentials (
      employee_id integer PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
      password_hash text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      employee_id integer NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_employee_idx ON sessions (employee_id);
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE sign_in_attempts (
      id bigserial PRIMARY KEY,
      identifier text NOT NULL,
      ip text NOT NULL,
      succeeded boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sign_in_attempts_identifier_idx ON sign_in_attempts (identifier, created_at) WHERE NOT succeeded;
    CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip, created_at) WHERE NOT succeeded;

    CREATE TABLE password_reset_tokens (
      id bigserial PRIMARY KEY,
      employee_id integer NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_reset_tokens_employee_idx ON password_reset_tokens (employee_id);

    CREATE TABLE role_grants (
      id serial PRIMARY KEY,
      employee_id integer NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('supervisor', 'posting_manager', 'hr_admin', 'contest_admin', 'reviewer', 'counselor')),
      department_id integer REFERENCES departments(id) ON DELETE CASCADE,
      granted_by integer REFERENCES employees(id) ON DELETE SET NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      -- Unit roles carry a unit; organisation-wide roles never do.
      CHECK ((role IN ('supervisor', 'posting_manager')) = (department_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX role_grants_unique ON role_grants (employee_id, role, COALESCE(department_id, 0));
    -- One head (所属長) per unit.
    CREATE UNIQUE INDEX role_grants_one_head ON role_grants (department_id) WHERE role = 'supervisor';
    CREATE INDEX role_grants_department_idx ON role_grants (department_id, role);

    CREATE TABLE outbox_emails (
      id bigserial PRIMARY KEY,
      template text NOT NULL,
      to_address text NOT NULL,
      to_employee_id integer REFERENCES employees(id) ON DELETE SET NULL,
      subject text NOT NULL,
      html text NOT NULL,
      text_body text NOT NULL,
      attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
      dedupe_key text UNIQUE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 8,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX outbox_emails_due_idx ON outbox_emails (next_attempt_at) WHERE status IN ('pending', 'sending');
    CREATE INDEX outbox_emails_status_idx ON outbox_emails (status, created_at);

    CREATE TABLE jobs (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      unique_key text UNIQUE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
      run_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 5,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('pending', 'running');

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      actor_id integer REFERENCES employees(id),
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, created_at);
    CREATE INDEX audit_log_created_idx ON audit_log (created_at);

    -- The audit log is append-only: refuse UPDATE and DELETE at the database.
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

    CREATE TABLE import_previews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('departments', 'employees', 'participations')),
      file_name text NOT NULL,
      content bytea NOT NULL,
      created_by integer NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS import_previews, audit_log, jobs, outbox_emails, role_grants, password_reset_tokens,
      sign_in_attempts, sessions, credentials, employees, departments, grades, app_meta CASCADE;
    DROP FUNCTION IF EXISTS audit_log_append_only();
  `.execute(db);
}
