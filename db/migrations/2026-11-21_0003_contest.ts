import { type Kysely, sql } from "kysely";

// チャレンジコンテスト: rounds with a rubric, proposals (individual or group), conflicts of interest, reviewer
// assignment, reviews with per-criterion scores, decisions, and the projects adopted proposals become.
// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE contest_rounds (
      id serial PRIMARY KEY,
      fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 120),
      guidance text NOT NULL DEFAULT '' CHECK (length(guidance) <= 4000),
      call_opens_on date NOT NULL,
      call_closes_on date NOT NULL,
      review_opens_on date NOT NULL,
      review_closes_on date NOT NULL,
      results_on date NOT NULL,
      project_start_on date NOT NULL,
      quota_adopted integer NOT NULL DEFAULT 3 CHECK (quota_adopted BETWEEN 0 AND 100),
      quota_step_up integer NOT NULL DEFAULT 5 CHECK (quota_step_up BETWEEN 0 AND 100),
      reviewers_per_proposal integer NOT NULL DEFAULT 3 CHECK (reviewers_per_proposal BETWEEN 1 AND 20),
      -- 'after_submit' (HotCRP's default): a reviewer sees the others' reviews once their own is submitted.
      review_visibility text NOT NULL DEFAULT 'after_submit' CHECK (review_visibility IN ('after_submit', 'hidden')),
      results_published_at timestamptz,
      created_by integer NOT NULL REFERENCES employees(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (call_closes_on >= call_opens_on),
      CHECK (review_opens_on >= call_closes_on),
      CHECK (review_closes_on >= review_opens_on),
      CHECK (results_on >= review_closes_on),
      CHECK (project_start_on >= results_on)
    );
    CREATE INDEX contest_rounds_fy_idx ON contest_rounds (fiscal_year);

    CREATE TABLE contest_criteria (
      id serial PRIMARY KEY,
      round_id integer NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position BETWEEN 1 AND 20),
      name_ja text NOT NULL CHECK (length(btrim(name_ja)) BETWEEN 1 AND 40),
      name_en text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 60),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
      weight numeric(5, 2) NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 100),
      scale_min integer NOT NULL DEFAULT 1,
      scale_max integer NOT NULL DEFAULT 5,
      UNIQUE (round_id, position),
      CHECK (scale_min >= 0 AND scale_max > scale_min AND scale_max <= 100)
    );

    CREATE TABLE contest_proposals (
      id serial PRIMARY KEY,
      round_id integer NOT NULL REFERENCES contest_rounds(id),
      lead_employee_id integer NOT NULL REFERENCES employees(id),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 120),
      background text NOT NULL DEFAULT '' CHECK (length(background) <= 4000),
      proposal text NOT NULL DEFAULT '' CHECK (length(proposal) <= 6000),
      expected_effect text NOT NULL DEFAULT '' CHECK (length(expected_effect) <= 4000),
      plan text NOT NULL DEFAULT '' CHECK (length(plan) <= 4000),
      budget_yen bigint CHECK (budget_yen IS NULL OR budget_yen BETWEEN 0 AND 10000000000),
      requested_share_percent numeric(5, 1) CHECK (requested_share_percent IS NULL OR requested_share_percent BETWEEN 0 AND 100),
      desired_host_department_id integer REFERENCES departments(id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'withdrawn')),
      submitted_at timestamptz,
      withdrawn_at timestamptz,
      outcome text CHECK (outcome IN ('adopted', 'step_up', 'not_adopted')),
      feedback text CHECK (feedback IS NULL OR length(feedback) <= 4000),
      decided_by integer REFERENCES employees(id),
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (outcome IS NULL OR status = 'submitted')
    );
    CREATE INDEX contest_proposals_round_idx ON contest_proposals (round_id, status);
    CREATE INDEX contest_proposals_lead_idx ON contest_proposals (lead_employee_id);

    CREATE TABLE contest_members (
      proposal_id integer NOT NULL REFERENCES contest_proposals(id) ON DELETE CASCADE,
      employee_id integer NOT NULL REFERENCES employees(id),
      role text NOT NULL CHECK (role IN ('lead', 'member')),
      invitation text NOT NULL DEFAULT 'invited' CHECK (invitation IN ('invited', 'accepted', 'declined')),
      invited_at timestamptz NOT NULL DEFAULT now(),
      responded_at timestamptz,
      PRIMARY KEY (proposal_id, employee_id),
      CHECK (role = 'member' OR invitation = 'accepted')
    );
    CREATE INDEX contest_members_employee_idx ON contest_members (employee_id);
    CREATE UNIQUE INDEX contest_members_one_lead ON contest_members (proposal_id) WHERE role = 'lead';

    -- Declared or admin-set conflicts, and admin clears of automatic ones. A row here overrides the automatic
    -- rule (lead/member/same unit) for that pair, so a cleared automatic conflict stays cleared.
    CREATE TABLE contest_conflict_overrides (
      proposal_id integer NOT NULL REFERENCES contest_proposals(id) ON DELETE CASCADE,
      reviewer_id integer NOT NULL REFERENCES employees(id),
      state text NOT NULL CHECK (state IN ('conflict', 'cleared')),
      source text NOT NULL CHECK (source IN ('reviewer', 'admin')),
      reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
      created_by integer NOT NULL REFERENCES employees(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (proposal_id, reviewer_id)
    );

    -- Effective conflict of interest for a (proposal, reviewer) pair, shared by code and constraints.
    CREATE FUNCTION contest_has_conflict(p_proposal integer, p_reviewer integer) RETURNS boolean
      LANGUAGE sql STABLE AS $$
      SELECT COALESCE(
        (SELECT o.state = 'conflict' FROM contest_conflict_overrides o WHERE o.proposal_id = p_proposal AND o.reviewer_id = p_reviewer),
        EXISTS (
          SELECT 1
          FROM contest_members m
          JOIN employees e ON e.id = m.employee_id
          JOIN employees r ON r.id = p_reviewer
          WHERE m.proposal_id = p_proposal
            AND (m.role = 'lead' OR m.invitation <> 'declined')
            AND (m.employee_id = p_reviewer OR e.department_id = r.department_id)
        )
      )
    $$;

    CREATE TABLE contest_assignments (
      proposal_id integer NOT NULL REFERENCES contest_proposals(id) ON DELETE CASCADE,
      reviewer_id integer NOT NULL REFERENCES employees(id),
      assigned_by integer REFERENCES employees(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (proposal_id, reviewer_id)
    );
    CREATE INDEX contest_assignments_reviewer_idx ON contest_assignments (reviewer_id);

    CREATE FUNCTION contest_assignments_refuse_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF contest_has_conflict(NEW.proposal_id, NEW.reviewer_id) THEN
        RAISE EXCEPTION 'reviewer % has a conflict of interest with proposal %', NEW.reviewer_id, NEW.proposal_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'contest_assignments_conflict';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER contest_assignments_conflict BEFORE INSERT OR UPDATE ON contest_assignments
      FOR EACH ROW EXECUTE FUNCTION contest_assignments_refuse_conflict();

    CREATE TABLE contest_reviews (
      id serial PRIMARY KEY,
      proposal_id integer NOT NULL,
      reviewer_id integer NOT NULL,
      overall_comment text NOT NULL DEFAULT '' CHECK (length(overall_comment) <= 4000),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
      submitted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (proposal_id, reviewer_id),
      -- A review exists only for an assignment; removing the assignment removes the review.
      FOREIGN KEY (proposal_id, reviewer_id) REFERENCES contest_assignments (proposal_id, reviewer_id) ON DELETE CASCADE,
      CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
    );

    CREATE TABLE contest_scores (
      review_id integer NOT NULL REFERENCES contest_reviews(id) ON DELETE CASCADE,
      criterion_id integer NOT NULL REFERENCES contest_criteria(id),
      score integer NOT NULL,
      comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
      PRIMARY KEY (review_id, criterion_id)
    );

    CREATE FUNCTION contest_scores_in_scale() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      c contest_criteria%ROWTYPE;
    BEGIN
      SELECT * INTO c FROM contest_criteria WHERE id = NEW.criterion_id;
      IF NEW.score < c.scale_min OR NEW.score > c.scale_max THEN
        RAISE EXCEPTION 'score % outside %..%', NEW.score, c.scale_min, c.scale_max USING ERRCODE = 'check_violation', CONSTRAINT = 'contest_scores_scale';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER contest_scores_scale BEFORE INSERT OR UPDATE ON contest_scores
      FOR EACH ROW EXECUTE FUNCTION contest_scores_in_scale();

    CREATE TABLE contest_projects (
      id serial PRIMARY KEY,
      proposal_id integer NOT NULL UNIQUE REFERENCES contest_proposals(id),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
      host_department_id integer NOT NULL REFERENCES departments(id),
      start_on date NOT NULL,
      end_on date,
      created_by integer REFERENCES employees(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_on IS NULL OR end_on >= start_on)
    );

    CREATE TABLE contest_project_members (
      project_id integer NOT NULL REFERENCES contest_projects(id) ON DELETE CASCADE,
      employee_id integer NOT NULL REFERENCES employees(id),
      added_by integer REFERENCES employees(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, employee_id)
    );

    ALTER TABLE participations ADD COLUMN contest_project_id integer REFERENCES contest_projects(id);
    ALTER TABLE participations ADD CONSTRAINT participations_contest_source CHECK ((source = 'contest') = (contest_project_id IS NOT NULL));
    CREATE UNIQUE INDEX participations_contest_member ON participations (contest_project_id, employee_id) WHERE contest_project_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS participations_contest_member;
    ALTER TABLE participations DROP CONSTRAINT IF EXISTS participations_contest_source;
    ALTER TABLE participations DROP COLUMN IF EXISTS contest_project_id;
    DROP TABLE IF EXISTS contest_project_members, contest_projects, contest_scores, contest_reviews, contest_assignments,
      contest_conflict_overrides, contest_members, contest_proposals, contest_criteria, contest_rounds CASCADE;
    DROP FUNCTION IF EXISTS contest_has_conflict(integer, integer), contest_assignments_refuse_conflict(), contest_scores_in_scale();
  `.execute(db);
}
