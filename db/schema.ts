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
  import_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
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
}

export type Department = Selectable<DepartmentsTable>;
export type Employee = Selectable<EmployeesTable>;
export type NewEmployee = Insertable<EmployeesTable>;
export type EmployeeUpdate = Updateable<EmployeesTable>;
export type OutboxEmail = Selectable<OutboxEmailsTable>;
