import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// Kysely's view of the database. Keep in step with db/migrations.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** `date` columns travel as 'YYYY-MM-DD' strings (see db/client.server.ts type parser). */
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | T, string | T>;
/** A json column with a database default: optional on insert. */
type JsonWithDefault<T> = ColumnType<T, string | T | undefined, string | T>;

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface GradesTable {
  code: string;
  rank: number;
  name_en: string;
}

export interface DepartmentsTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EmployeesTable {
  id: Generated<number>;
  employee_no: string;
  name: string;
  name_kana: string;
  name_kana_search: ColumnType<string, never, never>;
  name_search: ColumnType<string, never, never>;
  email: string;
  department_id: number;
  grade: string;
  birth_year: number;
  hired_on: DateOnly;
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
  locale: ColumnType<"ja" | "en", "ja" | "en" | undefined, "ja" | "en">;
  employment_type: ColumnType<EmploymentType, EmploymentType | undefined, EmploymentType>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CredentialsTable {
  employee_id: number;
  password_hash: string;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  employee_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
  ip: string | null;
  user_agent: string | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  identifier: string;
  ip: string;
  succeeded: boolean;
  created_at: CreatedAt;
}

export interface PasswordResetTokensTable {
  id: Generated<number>;
  employee_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export type RoleCode = "supervisor" | "posting_manager" | "hr_admin" | "contest_admin" | "reviewer" | "counselor";

export interface RoleGrantsTable {
  id: Generated<number>;
  employee_id: number;
  role: RoleCode;
  department_id: number | null;
  granted_by: number | null;
  granted_at: CreatedAt;
}

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutboxEmailsTable {
  id: Generated<number>;
  template: string;
  to_address: string;
  to_employee_id: number | null;
  subject: string;
  html: string;
  text_body: string;
  attachments: JsonWithDefault<EmailAttachment[]>;
  dedupe_key: string | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export type JobStatus = "pending" | "running" | "done" | "failed";

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: JsonWithDefault<Record<string, unknown>>;
  unique_key: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: JsonWithDefault<Record<string, unknown>>;
  ip: string | null;
  created_at: CreatedAt;
}

export type ImportKind = "departments" | "employees" | "participations";

export interface ImportPreviewsTable {
  id: Generated<string>;
  kind: ImportKind;
  file_name: string;
  content: Buffer;
  created_by: number;
  created_at: CreatedAt;
  confirmed_at: Timestamp | null;
}

export type EmploymentType = "regular" | "fixed_term" | "reappointed" | "part_time";

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type Scheme = "side_job" | "job_challenge";
export type PostingStatus = "draft" | "pending_approval" | "returned" | "published" | "closed" | "completed" | "cancelled";
export type WorkStyle = "onsite" | "remote" | "hybrid";
export type SelectionMethod = "documents" | "interview";
/** numeric columns arrive as strings from pg; convert with Number() at the edge */
type Numeric = ColumnType<string, number | string, number | string>;

export interface PostingsTable {
  id: Generated<number>;
  scheme: Scheme;
  title: string;
  host_department_id: number;
  summary: string;
  work_content: string;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  hours_per_month: Numeric;
  period_start: DateOnly;
  period_end: DateOnly;
  capacity: number;
  filled: ColumnType<number, never, never>;
  work_style: WorkStyle;
  place: ColumnType<string, string | undefined, string>;
  max_grade: string | null;
  employment_types: ColumnType<EmploymentType[], EmploymentType[] | undefined, EmploymentType[]>;
  selection_method: SelectionMethod;
  contact: string;
  apply_from: DateOnly;
  apply_until: DateOnly;
  status: ColumnType<PostingStatus, PostingStatus | undefined, PostingStatus>;
  review_comment: string | null;
  cancel_reason: string | null;
  created_by: number;
  submitted_at: Timestamp | null;
  approved_by: number | null;
  approved_at: Timestamp | null;
  closed_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** lower-cased title, summary, work content and skills (generated, migration 0009): the keyword search reads it */
  search_text: ColumnType<string, never, never>;
}

export type ApplicationStatus =
  | "awaiting_consent"
  | "consent_declined"
  | "screening"
  | "interview"
  | "accepted"
  | "not_selected"
  | "participating"
  | "completed"
  | "withdrawn"
  | "cancelled";

export interface ApplicationsTable {
  id: Generated<number>;
  posting_id: number;
  employee_id: number;
  supervisor_id: number | null;
  motivation: string;
  experience: ColumnType<string, string | undefined, string>;
  hours_available: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  status: ColumnType<ApplicationStatus, ApplicationStatus | undefined, ApplicationStatus>;
  consent_decided_at: Timestamp | null;
  consent_comment: string | null;
  interview_at: Timestamp | null;
  interview_place: string | null;
  interview_note: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: string | null;
  cancelled_at: Timestamp | null;
  completion_report: string | null;
  completion_hours: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  completed_at: Timestamp | null;
  submitted_at: CreatedAt;
  updated_at: Timestamp;
}

export type ParticipationScheme = "side_job" | "job_challenge" | "contest_project";

export interface ParticipationsTable {
  id: Generated<number>;
  employee_id: number;
  scheme: ParticipationScheme;
  title: string;
  host_department_id: number;
  start_on: DateOnly;
  end_on: ColumnType<string | null, string | null | undefined, string | null>;
  source: "application" | "contest" | "import";
  application_id: number | null;
  contest_project_id: ColumnType<number | null, number | null | undefined, number | null>;
  import_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type ContestOutcome = "adopted" | "step_up" | "not_adopted";

export interface ContestRoundsTable {
  id: Generated<number>;
  fiscal_year: number;
  title: string;
  guidance: ColumnType<string, string | undefined, string>;
  call_opens_on: DateOnly;
  call_closes_on: DateOnly;
  review_opens_on: DateOnly;
  review_closes_on: DateOnly;
  results_on: DateOnly;
  project_start_on: DateOnly;
  quota_adopted: ColumnType<number, number | undefined, number>;
  quota_step_up: ColumnType<number, number | undefined, number>;
  reviewers_per_proposal: ColumnType<number, number | undefined, number>;
  review_visibility: ColumnType<"after_submit" | "hidden", "after_submit" | "hidden" | undefined, "after_submit" | "hidden">;
  results_published_at: Timestamp | null;
  created_by: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContestCriteriaTable {
  id: Generated<number>;
  round_id: number;
  position: number;
  name_ja: string;
  name_en: string;
  description: ColumnType<string, string | undefined, string>;
  weight: Numeric;
  scale_min: ColumnType<number, number | undefined, number>;
  scale_max: ColumnType<number, number | undefined, number>;
}

export interface ContestProposalsTable {
  id: Generated<number>;
  round_id: number;
  lead_employee_id: number;
  title: string;
  background: ColumnType<string, string | undefined, string>;
  proposal: ColumnType<string, string | undefined, string>;
  expected_effect: ColumnType<string, string | undefined, string>;
  plan: ColumnType<string, string | undefined, string>;
  /** bigint: pg returns it as a number (int8 parser in db/client.server.ts) */
  budget_yen: number | null;
  requested_share_percent: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  desired_host_department_id: number | null;
  status: ColumnType<"draft" | "submitted" | "withdrawn", "draft" | "submitted" | "withdrawn" | undefined, "draft" | "submitted" | "withdrawn">;
  submitted_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  outcome: ContestOutcome | null;
  feedback: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContestMembersTable {
  proposal_id: number;
  employee_id: number;
  role: "lead" | "member";
  invitation: ColumnType<"invited" | "accepted" | "declined", "invited" | "accepted" | "declined" | undefined, "invited" | "accepted" | "declined">;
  invited_at: CreatedAt;
  responded_at: Timestamp | null;
}

export interface ContestConflictOverridesTable {
  proposal_id: number;
  reviewer_id: number;
  state: "conflict" | "cleared";
  source: "reviewer" | "admin";
  reason: string;
  created_by: number;
  created_at: CreatedAt;
}

export interface ContestAssignmentsTable {
  proposal_id: number;
  reviewer_id: number;
  assigned_by: number | null;
  assigned_at: CreatedAt;
}

export interface ContestReviewsTable {
  id: Generated<number>;
  proposal_id: number;
  reviewer_id: number;
  overall_comment: ColumnType<string, string | undefined, string>;
  status: ColumnType<"draft" | "submitted", "draft" | "submitted" | undefined, "draft" | "submitted">;
  submitted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContestScoresTable {
  review_id: number;
  criterion_id: number;
  score: number;
  comment: ColumnType<string, string | undefined, string>;
}

export interface ContestProjectsTable {
  id: Generated<number>;
  proposal_id: number;
  title: string;
  host_department_id: number;
  start_on: DateOnly;
  end_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ContestProjectMembersTable {
  project_id: number;
  employee_id: number;
  added_by: number | null;
  added_at: CreatedAt;
}

export interface CounselorProfilesTable {
  employee_id: number;
  display_name: string;
  qualifications: ColumnType<string, string | undefined, string>;
  introduction: ColumnType<string, string | undefined, string>;
  session_minutes: ColumnType<number, number | undefined, number>;
  buffer_minutes: ColumnType<number, number | undefined, number>;
  min_notice_business_days: ColumnType<number, number | undefined, number>;
  horizon_days: ColumnType<number, number | undefined, number>;
  max_per_day: ColumnType<number, number | undefined, number>;
  offers_in_person: ColumnType<boolean, boolean | undefined, boolean>;
  room: ColumnType<string, string | undefined, string>;
  offers_online: ColumnType<boolean, boolean | undefined, boolean>;
  meeting_url: ColumnType<string, string | undefined, string>;
  accepting: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

/** `time` columns travel as 'HH:MM:SS' strings. */
type TimeOfDay = ColumnType<string, string, string>;

export interface CounselorWeeklyHoursTable {
  id: Generated<number>;
  counselor_id: number;
  weekday: number;
  starts: TimeOfDay;
  ends: TimeOfDay;
}

export interface CounselorDateOverridesTable {
  id: Generated<number>;
  counselor_id: number;
  on_date: DateOnly;
  kind: "off" | "extra";
  starts: string | null;
  ends: string | null;
  note: ColumnType<string, string | undefined, string>;
}

export type ConsultationMode = "in_person" | "online";
export type ConsultationTopic = "career_plan" | "transfer" | "skills" | "work_life" | "relationships" | "other";
export type BookingStatus = "booked" | "completed" | "no_show" | "cancelled";

export interface ConsultationBookingsTable {
  id: Generated<number>;
  counselor_id: number;
  employee_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  blocked_until: Timestamp;
  mode: ConsultationMode;
  topic: ConsultationTopic;
  employee_note: ColumnType<string, string | undefined, string>;
  status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
  cancelled_at: Timestamp | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
  ics_uid: string;
  ics_sequence: ColumnType<number, number | undefined, number>;
  idempotency_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConsultationNotesTable {
  id: Generated<number>;
  booking_id: number;
  counselor_id: number;
  body: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ParticipationTargetsTable {
  fiscal_year: number;
  target: number;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** One row: bumped at the commit of every transaction that wrote data the participation reports read (ADR 005). */
export interface ReportDataVersionTable {
  singleton: ColumnType<boolean, never, never>;
  epoch: ColumnType<string, never, never>;
  version: ColumnType<number, never, never>;
}

/** Transactions that wrote report data and have yet to commit (emptied by the commit-time bump). */
export interface ReportDataChangesTable {
  txid: ColumnType<string, never, never>;
}

export interface Database {
  app_meta: AppMetaTable;
  grades: GradesTable;
  departments: DepartmentsTable;
  employees: EmployeesTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  password_reset_tokens: PasswordResetTokensTable;
  role_grants: RoleGrantsTable;
  outbox_emails: OutboxEmailsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  import_previews: ImportPreviewsTable;
  settings: SettingsTable;
  postings: PostingsTable;
  applications: ApplicationsTable;
  participations: ParticipationsTable;
  contest_rounds: ContestRoundsTable;
  contest_criteria: ContestCriteriaTable;
  contest_proposals: ContestProposalsTable;
  contest_members: ContestMembersTable;
  contest_conflict_overrides: ContestConflictOverridesTable;
  contest_assignments: ContestAssignmentsTable;
  contest_reviews: ContestReviewsTable;
  contest_scores: ContestScoresTable;
  contest_projects: ContestProjectsTable;
  contest_project_members: ContestProjectMembersTable;
  counselor_profiles: CounselorProfilesTable;
  counselor_weekly_hours: CounselorWeeklyHoursTable;
  counselor_date_overrides: CounselorDateOverridesTable;
  consultation_bookings: ConsultationBookingsTable;
  consultation_notes: ConsultationNotesTable;
  participation_targets: ParticipationTargetsTable;
  report_data_version: ReportDataVersionTable;
  report_data_changes: ReportDataChangesTable;
}

export type Department = Selectable<DepartmentsTable>;
export type Employee = Selectable<EmployeesTable>;
export type NewEmployee = Insertable<EmployeesTable>;
export type EmployeeUpdate = Updateable<EmployeesTable>;
export type OutboxEmail = Selectable<OutboxEmailsTable>;
