import { sql } from "kysely";
import { atomically as runAtomically, type Executor } from "../../db/client.server";
import type { ApplicationStatus } from "../../db/schema";
import type { WithdrawnFrom } from "../../emails/applications/withdrawn";
import { audit } from "../audit/audit.server";
import { businessDaysLaterAt, elapsedSince } from "../calendar/business-days";
import { env } from "../env.server";
import { todayInTokyo } from "../i18n/format";
import { scheduleJob } from "../jobs/schedule.server";
import { enqueueEmail } from "../notifications/outbox.server";
import {
  createApplicationParticipation,
  endApplicationParticipationOnCompletion,
  endApplicationParticipationOnWithdrawal,
} from "../participation/records.server";
import { resolveSupervisor } from "../people/directory.server";
import { ApplicationError, isCapacityViolation, isOneLiveViolation, isTransitionViolation } from "./errors";
import { eligibilityProblems, getApplicantProfile, getApplication, getPostingForApply, listPostingManagers, sideJobCapFor, type ApplicationDetail } from "./queries.server";
import { SELECTABLE_STATUSES, WITHDRAWABLE_STATUSES } from "./status";

// Commands on applications. Each one: `db` first (the pool or a caller's transaction), an input with the actor and
// an optional `now` (seeds replay FY2024 with it); one transaction; a conditional UPDATE on the current status, so
// two people acting at once cannot both win (0 rows → 409 「状態が変わりました」); an audit entry; and the emails,
// written to the outbox in the same transaction.

export interface CommandInput {
  actorId: number;
  /** Defaults to the current time; the date in Asia/Tokyo is "today" for every date rule. */
  now?: Date;
  ip?: string | null;
  /** Base of links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export const CONSENT_REMINDER_JOB = "applications.consent-reminder";
export const CONSENT_REMINDER_BUSINESS_DAYS = 3;
export const CONSENT_REMINDER_TIME = "09:00";
/** First key of pg_advisory_xact_lock(int, int) for "side-job commitments of employee N" ('SIDE'). */
const SIDE_JOB_LOCK_NAMESPACE = 0x53494445;


function clock(input: { now?: Date }) {
  const now = input.now ?? new Date();
  return { now, today: todayInTokyo(now) };
}

function links(input: { appUrl?: string }) {
  const base = (input.appUrl ?? env().appUrl).replace(/\/$/, "");
  return {
    mine: (id: number) => `${base}/me/applications/${id}`,
    consent: (id: number) => `${base}/supervisor/consents/${id}`,
    host: (id: number) => `${base}/manage/applications/${id}`,
    applicants: (postingId: number) => `${base}/manage/applicants/${postingId}`,
  };
}

function requiredText(value: string | null | undefined, what: string): string {
  const text = (value ?? "").trim();
  if (!text) throw new RangeError(`${what} is required`);
  return text;
}

const optionalText = (value: string | null | undefined) => {
  const text = (value ?? "").trim();
  return text ? text : null;
};

/** A new transaction, or a savepoint inside the caller's; database refusals become ApplicationErrors. */
async function atomically<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    return await runAtomically(db, work);
  } catch (error) {
    if (isOneLiveViolation(error)) throw new ApplicationError("already_applied");
    if (isCapacityViolation(error)) throw new ApplicationError("capacity_full");
    if (isTransitionViolation(error)) throw new ApplicationError("state_changed");
    throw error;
  }
}

async function loadApplication(db: Executor, applicationId: number): Promise<ApplicationDetail> {
  const app = await getApplication(db, applicationId);
  if (!app) throw new ApplicationError("not_found");
  return app;
}

/** The actor must be a posting manager of the host unit, and the application must have been consented to. */
async function assertHostManager(db: Executor, actorId: number, app: ApplicationDetail): Promise<void> {
  const grant = await db
    .selectFrom("role_grants")
    .select("id")
    .where("employee_id", "=", actorId)
    .where("role", "=", "posting_manager")
    .where("department_id", "=", app.host_department_id)
    .executeTakeFirst();
  if (!grant || app.consent_decided_at === null || app.status === "consent_declined") throw new ApplicationError("not_found");
  if (app.employee_id === actorId) throw new ApplicationError("own_application");
}

/** After an UPDATE … WHERE status = expected matched nothing: tell "gone/not yours" (404) from "moved on" (409). */
function stateChanged(): never {
  throw new ApplicationError("state_changed");
}

// ---------------------------------------------------------------------------------------------------------------
// Applicant: submit

export interface SubmitApplicationInput extends CommandInput {
  postingId: number;
  motivation: string;
  experience?: string | null;
  hoursAvailable?: number | null;
}

/**
 * Applies to an open posting. Checks the window, eligibility, the supervisor and (side jobs) the time cap, then
 * inserts with status awaiting_consent. The applications_one_live unique index is what guarantees one live
 * application per employee and posting, also for ten simultaneous clicks: the losers get 「既に応募しています」.
 */
export async function submitApplication(db: Executor, input: SubmitApplicationInput): Promise<{ applicationId: number; supervisorId: number; reminderAt: Date }> {
  const { now, today } = clock(input);
  const url = links(input);
  const motivation = requiredText(input.motivation, "motivation");
  return atomically(db, async (trx) => {
    // Shares the posting row with other applicants but waits for (and then sees) a concurrent cancellation.
    const locked = await trx.selectFrom("postings").select("id").where("id", "=", input.postingId).forShare().executeTakeFirst();
    const posting = locked ? await getPostingForApply(trx, input.postingId) : null;
    // A posting that was never published (draft, awaiting approval, returned) does not exist for applicants.
    if (!posting || ["draft", "pending_approval", "returned"].includes(posting.status)) throw new ApplicationError("not_found");
    const employee = await getApplicantProfile(trx, input.actorId);
    if (!employee) throw new ApplicationError("forbidden");
    const problems = eligibilityProblems(posting, employee, today);
    if (problems.length > 0) throw new ApplicationError(problems[0]);
    const supervisor = await resolveSupervisor(trx, input.actorId);
    if (!supervisor) throw new ApplicationError("no_supervisor");
    if (posting.scheme === "side_job") {
      const { cap, commitments } = await sideJobCapFor(trx, { employeeId: input.actorId, posting });
      if (!cap.allowed) throw new ApplicationError("over_cap", { commitments, capHours: cap.capHours, capPercent: cap.capPercent, requestedHours: cap.requestedHours });
    }

    const row = await trx
      .insertInto("applications")
      .values({
        posting_id: posting.id,
        employee_id: input.actorId,
        supervisor_id: supervisor.id,
        motivation,
        experience: (input.experience ?? "").trim(),
        hours_available: input.hoursAvailable ?? null,
        submitted_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const applicationId = row.id;

    await audit(trx, {
      actorId: input.actorId,
      action: "application.submit",
      entityType: "application",
      entityId: applicationId,
      detail: { postingId: posting.id, supervisorId: supervisor.id, scheme: posting.scheme },
      ip: input.ip,
    });
    await enqueueEmail(trx, {
      template: "application-submitted",
      to: supervisor.email,
      toEmployeeId: supervisor.id,
      dedupeKey: `application-submitted:${applicationId}`,
      props: {
        supervisorName: supervisor.name,
        applicantName: employee.name,
        applicantUnit: employee.department_name,
        postingTitle: posting.title,
        scheme: posting.scheme,
        hostName: posting.host_name,
        hoursPerMonth: posting.hours_per_month,
        periodStart: posting.period_start,
        periodEnd: posting.period_end,
        submittedAt: now,
        url: url.consent(applicationId),
      },
    });
    const reminderAt = businessDaysLaterAt(now, CONSENT_REMINDER_BUSINESS_DAYS, CONSENT_REMINDER_TIME);
    await scheduleJob(trx, { name: CONSENT_REMINDER_JOB, runAt: reminderAt, payload: { applicationId }, uniqueKey: `consent-reminder:${applicationId}` });
    return { applicationId, supervisorId: supervisor.id, reminderAt };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Supervisor: consent or decline

export async function consentToApplication(db: Executor, input: CommandInput & { applicationId: number; comment?: string | null }): Promise<void> {
  const { now } = clock(input);
  const url = links(input);
  await atomically(db, async (trx) => {
    const updated = await trx
      .updateTable("applications")
      .set({ status: "screening", consent_decided_at: now, consent_comment: optionalText(input.comment), updated_at: now })
      .where("id", "=", input.applicationId)
      .where("supervisor_id", "=", input.actorId)
      .where("status", "=", "awaiting_consent")
      .returning("id")
      .executeTakeFirst();
    if (!updated) await refuseSupervisorAction(trx, input);
    const app = await loadApplication(trx, input.applicationId);
    await audit(trx, { actorId: input.actorId, action: "application.consent", entityType: "application", entityId: app.id, detail: { postingId: app.posting_id }, ip: input.ip });
    await enqueueEmail(trx, {
      template: "application-consented",
      to: app.applicant_email,
      toEmployeeId: app.employee_id,
      dedupeKey: `application-consented:${app.id}`,
      props: { applicantName: app.applicant_name, supervisorName: app.supervisor_name ?? "", postingTitle: app.posting_title, hostName: app.host_name, comment: app.consent_comment, url: url.mine(app.id) },
    });
    for (const manager of await listPostingManagers(trx, app.host_department_id)) {
      if (manager.id === app.employee_id) continue;
      await enqueueEmail(trx, {
        template: "application-consented-host",
        to: manager.email,
        toEmployeeId: manager.id,
        dedupeKey: `application-consented-host:${app.id}:${manager.id}`,
        props: { managerName: manager.name, applicantName: app.applicant_name, applicantUnit: app.applicant_unit, postingTitle: app.posting_title, consentedAt: now, url: url.host(app.id) },
      });
    }
  });
}

export async function declineConsent(db: Executor, input: CommandInput & { applicationId: number; reason: string }): Promise<void> {
  const { now } = clock(input);
  const url = links(input);
  const reason = requiredText(input.reason, "reason");
  await atomically(db, async (trx) => {
    const updated = await trx
      .updateTable("applications")
      .set({ status: "consent_declined", consent_decided_at: now, consent_comment: reason, updated_at: now })
      .where("id", "=", input.applicationId)
      .where("supervisor_id", "=", input.actorId)
      .where("status", "=", "awaiting_consent")
      .returning("id")
      .executeTakeFirst();
    if (!updated) await refuseSupervisorAction(trx, input);
    const app = await loadApplication(trx, input.applicationId);
    await audit(trx, { actorId: input.actorId, action: "application.decline_consent", entityType: "application", entityId: app.id, detail: { postingId: app.posting_id, reason }, ip: input.ip });
    await enqueueEmail(trx, {
      template: "application-declined",
      to: app.applicant_email,
      toEmployeeId: app.employee_id,
      dedupeKey: `application-declined:${app.id}`,
      props: { applicantName: app.applicant_name, supervisorName: app.supervisor_name ?? "", postingTitle: app.posting_title, hostName: app.host_name, reason, url: url.mine(app.id) },
    });
  });
}

async function refuseSupervisorAction(db: Executor, input: { applicationId: number; actorId: number }): Promise<never> {
  const row = await db.selectFrom("applications").select(["supervisor_id"]).where("id", "=", input.applicationId).executeTakeFirst();
  if (!row || row.supervisor_id !== input.actorId) throw new ApplicationError("not_found");
  stateChanged();
}

// ---------------------------------------------------------------------------------------------------------------
// Host: interview, accept, not selected

export async function scheduleInterview(
  db: Executor,
  input: CommandInput & { applicationId: number; interviewAt: Date; place: string; note?: string | null },
): Promise<void> {
  const { now } = clock(input);
  const url = links(input);
  const place = requiredText(input.place, "place");
  const note = optionalText(input.note);
  await atomically(db, async (trx) => {
    const app = await loadApplication(trx, input.applicationId);
    await assertHostManager(trx, input.actorId, app);
    const updated = await trx
      .updateTable("applications")
      .set({ status: "interview", interview_at: input.interviewAt, interview_place: place, interview_note: note, updated_at: now })
      .where("id", "=", app.id)
      .where("status", "in", SELECTABLE_STATUSES)
      .returning("id")
      .executeTakeFirst();
    if (!updated) stateChanged();
    const rescheduled = app.status === "interview";
    await audit(trx, {
      actorId: input.actorId,
      action: rescheduled ? "application.reschedule_interview" : "application.schedule_interview",
      entityType: "application",
      entityId: app.id,
      detail: { interviewAt: input.interviewAt.toISOString(), place },
      ip: input.ip,
    });
    await enqueueEmail(trx, {
      template: "application-interview",
      to: app.applicant_email,
      toEmployeeId: app.employee_id,
      dedupeKey: `application-interview:${app.id}:${input.interviewAt.toISOString()}:${place}`,
      props: { applicantName: app.applicant_name, postingTitle: app.posting_title, hostName: app.host_name, interviewAt: input.interviewAt, place, note, contact: app.contact, rescheduled, url: url.mine(app.id) },
    });
  });
}

/**
 * Accepts: screening/interview → accepted, and on to participating in the same transaction when the period has
 * begun. The capacity is the database's: the filled trigger's UPDATE fails its CHECK past capacity (→
 * 「定員に達しています」, nothing written). For side jobs the time cap is checked again here, serialised per
 * employee by an advisory lock, so two hosts accepting the same person at once cannot both pass it.
 */
export async function acceptApplication(
  db: Executor,
  input: CommandInput & { applicationId: number },
): Promise<{ status: "accepted" | "participating"; participationId: number }> {
  const { now, today } = clock(input);
  const url = links(input);
  return atomically(db, async (trx) => {
    const app = await loadApplication(trx, input.applicationId);
    await assertHostManager(trx, input.actorId, app);
    if (!SELECTABLE_STATUSES.includes(app.status)) stateChanged();
    if (today > app.period_end) throw new ApplicationError("period_over");
    if (app.scheme === "side_job") {
      await sql`SELECT pg_advisory_xact_lock(${SIDE_JOB_LOCK_NAMESPACE}::int, ${app.employee_id}::int)`.execute(trx);
      const { cap, commitments } = await sideJobCapFor(trx, { employeeId: app.employee_id, posting: app, excludeApplicationId: app.id });
      if (!cap.allowed) throw new ApplicationError("over_cap", { commitments, capHours: cap.capHours, capPercent: cap.capPercent, requestedHours: cap.requestedHours });
    }
    const updated = await trx
      .updateTable("applications")
      .set({ status: "accepted", decided_by: input.actorId, decided_at: now, updated_at: now })
      .where("id", "=", app.id)
      .where("status", "in", SELECTABLE_STATUSES)
      .returning("id")
      .executeTakeFirst();
    if (!updated) stateChanged();
    let status: "accepted" | "participating" = "accepted";
    if (app.period_start <= today) {
      await trx.updateTable("applications").set({ status: "participating", updated_at: now }).where("id", "=", app.id).where("status", "=", "accepted").execute();
      status = "participating";
    }
    const record = await createApplicationParticipation(trx, {
      applicationId: app.id,
      employeeId: app.employee_id,
      scheme: app.scheme,
      title: app.posting_title,
      hostDepartmentId: app.host_department_id,
      periodStart: app.period_start,
      periodEnd: app.period_end,
      acceptedOn: today,
    });
    await audit(trx, { actorId: input.actorId, action: "application.accept", entityType: "application", entityId: app.id, detail: { postingId: app.posting_id, status, participationId: record.id }, ip: input.ip });
    await enqueueEmail(trx, {
      template: "application-decision",
      to: app.applicant_email,
      toEmployeeId: app.employee_id,
      dedupeKey: `application-decision:${app.id}`,
      props: {
        applicantName: app.applicant_name,
        postingTitle: app.posting_title,
        hostName: app.host_name,
        outcome: "accepted",
        periodStart: app.period_start,
        periodEnd: app.period_end,
        hoursPerMonth: app.hours_per_month,
        contact: app.contact,
        url: url.mine(app.id),
      },
    });
    return { status, participationId: record.id };
  });
}

export async function rejectApplication(db: Executor, input: CommandInput & { applicationId: number; reason: string }): Promise<void> {
  const { now } = clock(input);
  const url = links(input);
  const reason = requiredText(input.reason, "reason");
  await atomically(db, async (trx) => {
    const app = await loadApplication(trx, input.applicationId);
    await assertHostManager(trx, input.actorId, app);
    const updated = await trx
      .updateTable("applications")
      .set({ status: "not_selected", decided_by: input.actorId, decided_at: now, decision_reason: reason, updated_at: now })
      .where("id", "=", app.id)
      .where("status", "in", SELECTABLE_STATUSES)
      .returning("id")
      .executeTakeFirst();
    if (!updated) stateChanged();
    await audit(trx, { actorId: input.actorId, action: "application.not_selected", entityType: "application", entityId: app.id, detail: { postingId: app.posting_id, reason }, ip: input.ip });
    await enqueueEmail(trx, {
      template: "application-decision",
      to: app.applicant_email,
      toEmployeeId: app.employee_id,
      dedupeKey: `application-decision:${app.id}`,
      props: {
        applicantName: app.applicant_name,
        postingTitle: app.posting_title,
        hostName: app.host_name,
        outcome: "not_selected",
        reason,
        periodStart: app.period_start,
        periodEnd: app.period_end,
        hoursPerMonth: app.hours_per_month,
        contact: app.contact,
        url: url.mine(app.id),
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Applicant: withdraw, completion report

/**
 * Withdraws at any point before completion. After acceptance the participation record ends on the withdrawal date
 * (or disappears if it had not started). The host is told only if the application had reached it (consented).
 */
export async function withdrawApplication(
  db: Executor,
  input: CommandInput & { applicationId: number; reason?: string | null },
): Promise<{ previousStatus: ApplicationStatus }> {
  const { now, today } = clock(input);
  const url = links(input);
  const reason = optionalText(input.reason);
  return atomically(db, async (trx) => {
    const current = await trx
      .selectFrom("applications")
      .select(["id", "status", "employee_id"])
      .where("id", "=", input.applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!current || current.employee_id !== input.actorId) throw new ApplicationError("not_found");
    const updated = await trx
      .updateTable("applications")
      .set({ status: "withdrawn", withdrawn_at: now, withdraw_reason: reason, updated_at: now })
      .where("id", "=", current.id)
      .where("employee_id", "=", input.actorId)
      .where("status", "=", current.status)
      .where("status", "in", WITHDRAWABLE_STATUSES)
      .returning("id")
      .executeTakeFirst();
    if (!updated) stateChanged();
    const previousStatus = current.status;
    const participation = previousStatus === "accepted" || previousStatus === "participating" ? await endApplicationParticipationOnWithdrawal(trx, { applicationId: current.id, on: today }) : { kind: "none" as const };
    const app = await loadApplication(trx, current.id);
    await audit(trx, {
      actorId: input.actorId,
      action: "application.withdraw",
      entityType: "application",
      entityId: app.id,
      detail: { postingId: app.posting_id, previousStatus, reason, participation: participation.kind },
      ip: input.ip,
    });
    if (app.consent_decided_at !== null) {
      for (const manager of await listPostingManagers(trx, app.host_department_id)) {
        if (manager.id === app.employee_id) continue;
        await enqueueEmail(trx, {
          template: "application-withdrawn",
          to: manager.email,
          toEmployeeId: manager.id,
          dedupeKey: `application-withdrawn:${app.id}:${manager.id}`,
          props: { managerName: manager.name, applicantName: app.applicant_name, postingTitle: app.posting_title, withdrawnAt: now, previousStatus: previousStatus as WithdrawnFrom, reason, url: url.applicants(app.posting_id) },
        });
      }
    }
    return { previousStatus };
  });
}

/** The participant's completion report: participating → completed; an early completion ends the record that day. */
export async function completeApplication(
  db: Executor,
  input: CommandInput & { applicationId: number; report: string; hours?: number | null },
): Promise<{ endOn: string | null }> {
  const { now, today } = clock(input);
  const report = requiredText(input.report, "report");
  return atomically(db, async (trx) => {
    const updated = await trx
      .updateTable("applications")
      .set({ status: "completed", completion_report: report, completion_hours: input.hours ?? null, completed_at: now, updated_at: now })
      .where("id", "=", input.applicationId)
      .where("employee_id", "=", input.actorId)
      .where("status", "=", "participating")
      .returning(["id", "posting_id"])
      .executeTakeFirst();
    if (!updated) {
      const row = await trx.selectFrom("applications").select("employee_id").where("id", "=", input.applicationId).executeTakeFirst();
      if (!row || row.employee_id !== input.actorId) throw new ApplicationError("not_found");
      stateChanged();
    }
    const outcome = await endApplicationParticipationOnCompletion(trx, { applicationId: updated.id, on: today });
    await audit(trx, {
      actorId: input.actorId,
      action: "application.complete",
      entityType: "application",
      entityId: updated.id,
      detail: { postingId: updated.posting_id, hours: input.hours ?? null, endOn: outcome.kind === "ended" ? outcome.endOn : null },
      ip: input.ip,
    });
    return { endOn: outcome.kind === "ended" ? outcome.endOn : null };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs

/** accepted → participating for every application whose period has begun (one set-based UPDATE). */
export async function startDueParticipations(db: Executor, input: { now?: Date } = {}): Promise<number[]> {
  const { now, today } = clock(input);
  return atomically(db, async (trx) => {
    const rows = await trx
      .updateTable("applications")
      .set({ status: "participating", updated_at: now })
      .where("status", "=", "accepted")
      .where("posting_id", "in", (eb) => eb.selectFrom("postings").select("id").where("period_start", "<=", today))
      .returning("id")
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await trx
        .insertInto("audit_log")
        .values(ids.map((id) => ({ actor_id: null, action: "application.start_participation", entity_type: "application", entity_id: String(id), detail: JSON.stringify({ on: today }) })))
        .execute();
    }
    return ids;
  });
}

/**
 * The consent reminder, run by the job scheduled at submission. Sends only while the application still awaits
 * this supervisor's consent; a decided, withdrawn or cancelled one gets nothing. Returns whether it sent.
 */
export async function sendConsentReminder(db: Executor, input: { applicationId: number; now?: Date; appUrl?: string }): Promise<boolean> {
  const { now } = clock(input);
  const url = links(input);
  const app = await getApplication(db, input.applicationId);
  if (!app || app.status !== "awaiting_consent" || app.supervisor_id === null) return false;
  const supervisor = await db.selectFrom("employees").select(["id", "name", "email"]).where("id", "=", app.supervisor_id).executeTakeFirst();
  if (!supervisor) return false;
  await enqueueEmail(db, {
    template: "application-consent-reminder",
    to: supervisor.email,
    toEmployeeId: supervisor.id,
    dedupeKey: `consent-reminder:${app.id}`,
    props: {
      supervisorName: supervisor.name,
      applicantName: app.applicant_name,
      postingTitle: app.posting_title,
      hostName: app.host_name,
      submittedAt: app.submitted_at,
      businessDays: elapsedSince(app.submitted_at, now).businessDays,
      url: url.consent(app.id),
    },
  });
  return true;
}
