import { sql } from "kysely";
import type { User } from "lucia";
import type { Executor } from "../../db/client.server";
import type { ApplicationStatus, EmploymentType, Scheme } from "../../db/schema";
import { hasRole, hasUnitRole } from "../auth/permissions.server";
import { elapsedSince } from "../calendar/business-days";
import { todayInTokyo } from "../i18n/format";
import { resolveSupervisor } from "../people/directory.server";
import { cachedReport } from "../reports/report-cache.server";
import { checkSideJobCap, type CapCheck } from "./cap";
import type { ApplicationErrorCode, SideJobCommitment } from "./errors";
import { getSideJobCapPercent } from "./settings.server";
import { COMMITTED_STATUSES, LIVE_STATUSES } from "./status";

// Read side of applications. Every list is scoped by who asks (applicant, supervisor, host unit, HR); nothing here
// returns an application to someone the visibility rules keep it from.

/** 観光振興課 + 課長 → 観光振興課長; otherwise "unit grade". */
export function headTitle(unitName: string, grade: string): string {
  if (grade.endsWith("長") && grade.length === 2 && unitName.endsWith(grade[0])) return `${unitName}長`;
  return `${unitName} ${grade}`;
}

export interface PostingForApply {
  id: number;
  scheme: Scheme;
  title: string;
  status: string;
  summary: string;
  host_department_id: number;
  host_name: string;
  hours_per_month: number;
  period_start: string;
  period_end: string;
  capacity: number;
  filled: number;
  max_grade: string | null;
  max_grade_rank: number | null;
  employment_types: EmploymentType[];
  apply_from: string;
  apply_until: string;
  selection_method: string;
}

export async function getPostingForApply(db: Executor, postingId: number): Promise<PostingForApply | null> {
  const row = await db
    .selectFrom("postings as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .leftJoin("grades as g", "g.code", "p.max_grade")
    .select([
      "p.id",
      "p.scheme",
      "p.title",
      "p.status",
      "p.summary",
      "p.host_department_id",
      "d.name as host_name",
      "p.hours_per_month",
      "p.period_start",
      "p.period_end",
      "p.capacity",
      "p.filled",
      "p.max_grade",
      "g.rank as max_grade_rank",
      "p.employment_types",
      "p.apply_from",
      "p.apply_until",
      "p.selection_method",
    ])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  return row ? { ...row, hours_per_month: Number(row.hours_per_month) } : null;
}

export async function getApplicantProfile(db: Executor, employeeId: number) {
  return db
    .selectFrom("employees as e")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .innerJoin("grades as g", "g.code", "e.grade")
    .select(["e.id", "e.name", "e.email", "e.grade", "g.rank as grade_rank", "e.employment_type", "e.department_id", "d.name as department_name"])
    .where("e.id", "=", employeeId)
    .executeTakeFirst();
}

/** Open for applications: published, and today (Asia/Tokyo) inside the window. */
export function isOpenForApplications(posting: Pick<PostingForApply, "status" | "apply_from" | "apply_until">, today: string): boolean {
  return posting.status === "published" && posting.apply_from <= today && today <= posting.apply_until;
}

/** Why this employee may not apply to this posting (empty: they may). Supervisor and cap are checked separately. */
export function eligibilityProblems(
  posting: Pick<PostingForApply, "status" | "apply_from" | "apply_until" | "max_grade_rank" | "employment_types" | "scheme" | "host_department_id">,
  employee: { grade_rank: number; employment_type: EmploymentType; department_id: number },
  today: string,
): ApplicationErrorCode[] {
  const problems: ApplicationErrorCode[] = [];
  if (!isOpenForApplications(posting, today)) problems.push("not_open");
  if (posting.max_grade_rank !== null && employee.grade_rank > posting.max_grade_rank) problems.push("not_eligible_grade");
  if (!posting.employment_types.includes(employee.employment_type)) problems.push("not_eligible_employment");
  if (posting.scheme === "side_job" && employee.department_id === posting.host_department_id) problems.push("own_unit");
  return problems;
}

/**
 * The employee's side-job commitments that overlap a period: postings of their accepted/participating
 * applications under the side_job scheme whose period overlaps [from, to].
 */
export async function listSideJobCommitments(
  db: Executor,
  input: { employeeId: number; from: string; to: string; excludeApplicationId?: number },
): Promise<SideJobCommitment[]> {
  let query = db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .select(["a.id as application_id", "p.id as posting_id", "p.title", "p.hours_per_month", "p.period_start", "p.period_end", "a.status"])
    .where("a.employee_id", "=", input.employeeId)
    .where("a.status", "in", COMMITTED_STATUSES)
    .where("p.scheme", "=", "side_job")
    .where("p.period_start", "<=", input.to)
    .where("p.period_end", ">=", input.from);
  if (input.excludeApplicationId !== undefined) query = query.where("a.id", "<>", input.excludeApplicationId);
  const rows = await query.orderBy("p.period_start").orderBy("a.id").execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    postingId: r.posting_id,
    title: r.title,
    hoursPerMonth: Number(r.hours_per_month),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status as "accepted" | "participating",
  }));
}

/** Cap check for taking on `posting` next to the employee's overlapping side-job commitments. */
export async function sideJobCapFor(
  db: Executor,
  input: { employeeId: number; posting: { hours_per_month: number | string; period_start: string; period_end: string }; excludeApplicationId?: number },
): Promise<{ cap: CapCheck; commitments: SideJobCommitment[] }> {
  const [capPercent, commitments] = await Promise.all([
    getSideJobCapPercent(db),
    listSideJobCommitments(db, { employeeId: input.employeeId, from: input.posting.period_start, to: input.posting.period_end, excludeApplicationId: input.excludeApplicationId }),
  ]);
  const cap = checkSideJobCap({ capPercent, committedHours: commitments.map((c) => c.hoursPerMonth), requestedHours: input.posting.hours_per_month });
  return { cap, commitments };
}

/** The employee's live application to the posting, if any. */
export async function findLiveApplication(db: Executor, input: { postingId: number; employeeId: number }) {
  return db
    .selectFrom("applications")
    .select(["id", "status"])
    .where("posting_id", "=", input.postingId)
    .where("employee_id", "=", input.employeeId)
    .where("status", "in", LIVE_STATUSES)
    .executeTakeFirst();
}

/** Everything the apply page needs to say yes, or why not. */
export async function getApplyContext(db: Executor, input: { postingId: number; employeeId: number; now?: Date }) {
  const today = todayInTokyo(input.now ?? new Date());
  const posting = await getPostingForApply(db, input.postingId);
  if (!posting) return null;
  const [employee, supervisor, live] = await Promise.all([
    getApplicantProfile(db, input.employeeId),
    resolveSupervisor(db, input.employeeId),
    findLiveApplication(db, { postingId: input.postingId, employeeId: input.employeeId }),
  ]);
  if (!employee) return null;
  const problems = eligibilityProblems(posting, employee, today);
  if (!supervisor) problems.push("no_supervisor");
  if (live) problems.push("already_applied");
  const side = posting.scheme === "side_job" ? await sideJobCapFor(db, { employeeId: input.employeeId, posting }) : null;
  if (side && !side.cap.allowed) problems.push("over_cap");
  return {
    posting,
    employee,
    supervisor: supervisor ? { ...supervisor, title: headTitle(supervisor.unit_name, supervisor.grade) } : null,
    liveApplicationId: live?.id ?? null,
    cap: side?.cap ?? null,
    commitments: side?.commitments ?? [],
    problems,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One application, with what every page about it shows.

export async function getApplication(db: Executor, applicationId: number) {
  const row = await db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("departments as hd", "hd.id", "p.host_department_id")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .innerJoin("departments as ed", "ed.id", "e.department_id")
    .leftJoin("employees as s", "s.id", "a.supervisor_id")
    .leftJoin("employees as dby", "dby.id", "a.decided_by")
    .select([
      "a.id",
      "a.status",
      "a.posting_id",
      "a.employee_id",
      "a.supervisor_id",
      "a.motivation",
      "a.experience",
      "a.hours_available",
      "a.consent_decided_at",
      "a.consent_comment",
      "a.interview_at",
      "a.interview_place",
      "a.interview_note",
      "a.decided_by",
      "a.decided_at",
      "a.decision_reason",
      "a.withdrawn_at",
      "a.withdraw_reason",
      "a.cancelled_at",
      "a.completion_report",
      "a.completion_hours",
      "a.completed_at",
      "a.submitted_at",
      "a.updated_at",
      "p.scheme",
      "p.title as posting_title",
      "p.status as posting_status",
      "p.host_department_id",
      "hd.name as host_name",
      "p.hours_per_month",
      "p.period_start",
      "p.period_end",
      "p.capacity",
      "p.filled",
      "p.selection_method",
      "p.contact",
      "p.cancel_reason",
      "e.name as applicant_name",
      "e.employee_no as applicant_no",
      "e.email as applicant_email",
      "e.grade as applicant_grade",
      "ed.name as applicant_unit",
      "s.name as supervisor_name",
      "s.grade as supervisor_grade",
      "dby.name as decided_by_name",
    ])
    .where("a.id", "=", applicationId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    hours_per_month: Number(row.hours_per_month),
    hours_available: row.hours_available === null ? null : Number(row.hours_available),
    completion_hours: row.completion_hours === null ? null : Number(row.completion_hours),
  };
}
export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

export interface ApplicationAccess {
  applicant: boolean;
  supervisor: boolean;
  /** a posting manager of the host unit, and the supervisor has consented */
  host: boolean;
  hr: boolean;
}

/** Who the user is to this application. Nobody else may learn that it exists. */
export function applicationAccess(user: Pick<User, "id" | "roles">, app: Pick<ApplicationDetail, "employee_id" | "supervisor_id" | "host_department_id" | "status" | "consent_decided_at">): ApplicationAccess {
  return {
    applicant: app.employee_id === user.id,
    supervisor: app.supervisor_id === user.id,
    host: hasUnitRole(user, "posting_manager", app.host_department_id) && app.consent_decided_at !== null && app.status !== "consent_declined",
    hr: hasRole(user, "hr_admin"),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Lists, each scoped to its reader.

/** The applicant's own applications, newest first. */
export async function listMyApplications(db: Executor, employeeId: number) {
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("departments as hd", "hd.id", "p.host_department_id")
    .select([
      "a.id",
      "a.status",
      "a.submitted_at",
      "a.updated_at",
      "a.consent_comment",
      "a.decision_reason",
      "a.interview_at",
      "a.interview_place",
      "p.id as posting_id",
      "p.title as posting_title",
      "p.scheme",
      "p.period_start",
      "p.period_end",
      "p.hours_per_month",
      "hd.name as host_name",
    ])
    .where("a.employee_id", "=", employeeId)
    .orderBy("a.submitted_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, hours_per_month: Number(r.hours_per_month) }));
}

/** The supervisor's inbox: applications waiting for their consent, oldest first, with the waiting time. */
export async function listPendingConsents(db: Executor, input: { supervisorId: number; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("departments as hd", "hd.id", "p.host_department_id")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .innerJoin("departments as ed", "ed.id", "e.department_id")
    .select([
      "a.id",
      "a.submitted_at",
      "a.hours_available",
      "p.id as posting_id",
      "p.title as posting_title",
      "p.scheme",
      "p.hours_per_month",
      "p.period_start",
      "p.period_end",
      "hd.name as host_name",
      "e.name as applicant_name",
      "e.grade as applicant_grade",
      "ed.name as applicant_unit",
    ])
    .where("a.supervisor_id", "=", input.supervisorId)
    .where("a.status", "=", "awaiting_consent")
    .orderBy("a.submitted_at")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({ ...r, hours_per_month: Number(r.hours_per_month), waiting: elapsedSince(r.submitted_at, now) }));
}

/** What the supervisor has already decided (consented or declined), latest first. */
export async function listDecidedConsents(db: Executor, input: { supervisorId: number; limit?: number }) {
  return db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .select(["a.id", "a.status", "a.consent_decided_at", "a.consent_comment", "p.title as posting_title", "p.scheme", "e.name as applicant_name"])
    .where("a.supervisor_id", "=", input.supervisorId)
    .where("a.consent_decided_at", "is not", null)
    .orderBy("a.consent_decided_at", "desc")
    .orderBy("a.id", "desc")
    .limit(input.limit ?? 50)
    .execute();
}

export async function countAddressedToSupervisor(db: Executor, supervisorId: number): Promise<number> {
  const row = await db.selectFrom("applications").select((eb) => eb.fn.countAll<number>().as("n")).where("supervisor_id", "=", supervisorId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getPostingSummary(db: Executor, postingId: number) {
  const row = await db
    .selectFrom("postings as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .select(["p.id", "p.title", "p.scheme", "p.status", "p.host_department_id", "d.name as host_name", "p.capacity", "p.filled", "p.hours_per_month", "p.period_start", "p.period_end", "p.apply_from", "p.apply_until", "p.selection_method"])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  return row ? { ...row, hours_per_month: Number(row.hours_per_month) } : null;
}

/** The host's list: applications the supervisor has consented to (never the ones awaiting consent or declined). */
/** Rows per page of a posting's applicants list. */
export const HOST_APPLICATIONS_PAGE_SIZE = 50;

/**
 * One page of a posting's applications that the host unit may see (past the supervisor's consent), in the order
 * consent arrived; `total` counts every matching application (a window count in the same query). A page past the
 * end is moved to the last page. Cached under the data version (ADR 012, migration 0015): the caller checks the
 * reader's right to the posting before it asks.
 */
export async function listHostApplications(
  db: Executor,
  input: { postingId: number; status?: ApplicationStatus; page?: number; pageSize?: number },
  options: { request?: Request } = {},
) {
  const key = `applicants:${JSON.stringify([input.postingId, input.status ?? null, Math.max(1, Math.floor(input.page ?? 1)), input.pageSize ?? HOST_APPLICATIONS_PAGE_SIZE])}`;
  return cachedReport(db, key, (trx) => readHostApplications(trx, input), { request: options.request, space: "lists" });
}

async function readHostApplications(db: Executor, input: { postingId: number; status?: ApplicationStatus; page?: number; pageSize?: number }) {
  const pageSize = input.pageSize ?? HOST_APPLICATIONS_PAGE_SIZE;
  const pageOf = async (page: number) => {
    // The page's ids first, names after: joining the staff table before LIMIT made the planner hash all 20,000
    // employees for one page of 50.
    let ids = db
      .selectFrom("applications as a")
      .select(["a.id", "a.status", "a.consent_decided_at", "a.interview_at", "a.hours_available", "a.employee_id", sql<string>`count(*) OVER ()`.as("total")])
      .where("a.posting_id", "=", input.postingId)
      .where("a.consent_decided_at", "is not", null)
      .where("a.status", "<>", "consent_declined");
    if (input.status) ids = ids.where("a.status", "=", input.status);
    const pageRows = ids
      .orderBy("a.consent_decided_at")
      .orderBy("a.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return db
      .selectFrom(pageRows.as("a"))
      .innerJoin("employees as e", "e.id", "a.employee_id")
      .innerJoin("departments as ed", "ed.id", "e.department_id")
      .select(["a.id", "a.status", "a.consent_decided_at", "a.interview_at", "a.hours_available", "e.name as applicant_name", "e.grade as applicant_grade", "ed.name as applicant_unit", "a.total"])
      .orderBy("a.consent_decided_at")
      .orderBy("a.id")
      .execute();
  };
  let page = Math.max(1, Math.floor(input.page ?? 1));
  let rows = await pageOf(page);
  if (rows.length === 0 && page > 1) {
    // Past the end (the list shrank, or a hand-made URL): show the last page instead.
    let count = db
      .selectFrom("applications as a")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("a.posting_id", "=", input.postingId)
      .where("a.consent_decided_at", "is not", null)
      .where("a.status", "<>", "consent_declined");
    if (input.status) count = count.where("a.status", "=", input.status);
    const total = Number((await count.executeTakeFirstOrThrow()).n);
    page = Math.max(1, Math.ceil(total / pageSize));
    rows = total > 0 ? await pageOf(page) : [];
  }
  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: rows.map(({ total: _total, ...r }) => ({ ...r, hours_available: r.hours_available === null ? null : Number(r.hours_available) })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
  };
}

/** For HR only: applications to the posting still waiting for a supervisor, with how long they have waited. */
export async function listAwaitingConsentForPosting(db: Executor, input: { postingId: number; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .leftJoin("employees as s", "s.id", "a.supervisor_id")
    .select(["a.id", "a.submitted_at", "e.name as applicant_name", "s.name as supervisor_name"])
    .where("a.posting_id", "=", input.postingId)
    .where("a.status", "=", "awaiting_consent")
    .orderBy("a.submitted_at")
    .execute();
  return rows.map((r) => ({ ...r, waiting: elapsedSince(r.submitted_at, now) }));
}

/** The host unit's posting managers (email recipients). */
export async function listPostingManagers(db: Executor, departmentId: number) {
  return db
    .selectFrom("role_grants as g")
    .innerJoin("employees as e", "e.id", "g.employee_id")
    .select(["e.id", "e.name", "e.email"])
    .where("g.role", "=", "posting_manager")
    .where("g.department_id", "=", departmentId)
    .where((eb) => eb.or([eb("e.left_on", "is", null), eb("e.left_on", ">=", sql<string>`CURRENT_DATE`)]))
    .orderBy("e.id")
    .execute();
}
