import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import type { ParticipationScheme } from "../../db/schema";

// Participation records (DESIGN §3): one row per (employee, scheme, host unit, start_on, end_on | open). The reports
// count these rows and nothing else, so every path that starts or ends someone's participation goes through here.
// Functions take the caller's transaction: the record changes together with the status that implies it.

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

export interface AcceptedApplicationRecord {
  applicationId: number;
  employeeId: number;
  scheme: Extract<ParticipationScheme, "side_job" | "job_challenge">;
  title: string;
  hostDepartmentId: number;
  periodStart: string;
  periodEnd: string;
  /** The acceptance date in Asia/Tokyo ('YYYY-MM-DD'). */
  acceptedOn: string;
}

/**
 * The record an accepted application creates: start = the later of the period start and the acceptance date,
 * end = the period end. One per application (participations.application_id is UNIQUE).
 */
export async function createApplicationParticipation(db: Executor, input: AcceptedApplicationRecord) {
  const startOn = later(input.periodStart, input.acceptedOn);
  return db
    .insertInto("participations")
    .values({
      employee_id: input.employeeId,
      scheme: input.scheme,
      title: input.title,
      host_department_id: input.hostDepartmentId,
      start_on: startOn,
      end_on: input.periodEnd,
      source: "application",
      application_id: input.applicationId,
    })
    .returning(["id", "start_on", "end_on"])
    .executeTakeFirstOrThrow();
}

export type EndOutcome = { kind: "none" } | { kind: "deleted"; id: number } | { kind: "ended"; id: number; endOn: string };

/**
 * Withdrawal (or the posting's cancellation) after acceptance: the participation stops on `on`. A record that had
 * not started by then never happened and is deleted; otherwise end_on moves to `on` (never later than it was).
 */
export async function endApplicationParticipationOnWithdrawal(db: Executor, input: { applicationId: number; on: string }): Promise<EndOutcome> {
  const record = await db.selectFrom("participations").select(["id", "start_on", "end_on"]).where("application_id", "=", input.applicationId).forUpdate().executeTakeFirst();
  if (!record) return { kind: "none" };
  if (record.start_on > input.on) {
    await db.deleteFrom("participations").where("id", "=", record.id).execute();
    return { kind: "deleted", id: record.id };
  }
  const endOn = record.end_on ? earlier(record.end_on, input.on) : input.on;
  await db.updateTable("participations").set({ end_on: endOn, updated_at: new Date() }).where("id", "=", record.id).execute();
  return { kind: "ended", id: record.id, endOn };
}

/**
 * Completion report: the participation ends on the completion date when that is earlier than the planned end
 * (early completion); a completion filed after the period keeps the period end.
 */
export async function endApplicationParticipationOnCompletion(db: Executor, input: { applicationId: number; on: string }): Promise<EndOutcome> {
  const record = await db.selectFrom("participations").select(["id", "start_on", "end_on"]).where("application_id", "=", input.applicationId).forUpdate().executeTakeFirst();
  if (!record) return { kind: "none" };
  const on = later(input.on, record.start_on);
  const endOn = record.end_on ? earlier(record.end_on, on) : on;
  if (endOn !== record.end_on) await db.updateTable("participations").set({ end_on: endOn, updated_at: new Date() }).where("id", "=", record.id).execute();
  return { kind: "ended", id: record.id, endOn };
}

/** An employee's participation records, newest first (for their history page and HR). */
export async function listParticipationsOf(db: Executor, employeeId: number) {
  return db
    .selectFrom("participations as p")
    .innerJoin("departments as d", "d.id", "p.host_department_id")
    .select(["p.id", "p.scheme", "p.title", "p.start_on", "p.end_on", "p.source", "p.application_id", "d.name as host_name"])
    .where("p.employee_id", "=", employeeId)
    .orderBy("p.start_on", "desc")
    .orderBy("p.id", "desc")
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Contest projects (scheme 'contest_project', source 'contest'): one record per (project, member), unique by the
// participations_contest_member index. The host is the project's host unit, recorded as is: whether a record is
// side work (host ≠ the member's own unit) is for the reports to decide (DESIGN §3), never for this file.

export interface ContestParticipationInput {
  projectId: number;
  employeeId: number;
  title: string;
  hostDepartmentId: number;
  /** The project's start, or the day the member joined when that is later. */
  startOn: string;
  /** The project's end; null for an open-ended project. */
  endOn: string | null;
}

/** The record of one project member (a member added after the project was created). */
export async function addContestParticipation(db: Executor, input: ContestParticipationInput) {
  return db
    .insertInto("participations")
    .values({
      employee_id: input.employeeId,
      scheme: "contest_project",
      title: input.title,
      host_department_id: input.hostDepartmentId,
      start_on: input.startOn,
      end_on: input.endOn,
      source: "contest",
      contest_project_id: input.projectId,
    })
    .returning(["id", "start_on", "end_on"])
    .executeTakeFirstOrThrow();
}

/**
 * The records of every member of the given projects, in one statement: host and end from the project, start =
 * the later of the project's start and the day (Asia/Tokyo) the member was added. Members who already have their
 * record are skipped, so running it twice writes nothing new. Returns the records created.
 */
export async function createContestParticipationsForProjects(db: Executor, input: { projectIds: number[] }) {
  if (input.projectIds.length === 0) return [];
  return db
    .insertInto("participations")
    .columns(["employee_id", "scheme", "title", "host_department_id", "start_on", "end_on", "source", "contest_project_id"])
    .expression((eb) =>
      eb
        .selectFrom("contest_project_members as m")
        .innerJoin("contest_projects as pr", "pr.id", "m.project_id")
        .select([
          "m.employee_id",
          sql.lit("contest_project").as("scheme"),
          "pr.title",
          "pr.host_department_id",
          sql<string>`GREATEST(pr.start_on, (m.added_at AT TIME ZONE 'Asia/Tokyo')::date)`.as("start_on"),
          "pr.end_on",
          sql.lit("contest").as("source"),
          "pr.id",
        ])
        .where("pr.id", "in", input.projectIds),
    )
    .onConflict((oc) => oc.columns(["contest_project_id", "employee_id"]).where("contest_project_id", "is not", null).doNothing())
    .returning(["id", "employee_id", "contest_project_id", "start_on", "end_on", "host_department_id"])
    .execute();
}

/**
 * A project's host, dates or title changed (before it started): every member's record follows, start again the
 * later of the project's start and the day the member was added. Returns how many records changed.
 */
export async function updateContestProjectParticipations(db: Executor, input: { projectId: number }): Promise<number> {
  const result = await sql`
    UPDATE participations AS p
       SET title = pr.title,
           host_department_id = pr.host_department_id,
           start_on = GREATEST(pr.start_on, (m.added_at AT TIME ZONE 'Asia/Tokyo')::date),
           end_on = pr.end_on,
           updated_at = now()
      FROM contest_projects pr
      JOIN contest_project_members m ON m.project_id = pr.id
     WHERE pr.id = ${input.projectId}
       AND p.contest_project_id = pr.id
       AND p.employee_id = m.employee_id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
