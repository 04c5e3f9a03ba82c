import { sql } from "kysely";
import { atomically as inTransaction } from "../../db/client.server";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { addDays } from "../calendar/business-days";
import { env } from "../env.server";
import { todayInTokyo } from "../i18n/format";
import { enqueueEmail } from "../notifications/outbox.server";
import { addContestParticipation, createContestParticipationsForProjects, updateContestProjectParticipations } from "../participation/records.server";
import { ContestDecisionError, PROJECT_OUTCOMES } from "./decision-schemas";

// Challenge projects: what an adopted (正式採択) or step-up (ステップアップ枠) proposal becomes when the round's
// results are published. One project per proposal (contest_projects.proposal_id UNIQUE), its members (the lead and
// the accepted members, then whoever contest_admin adds), and one `contest_project` participation record per member.
//
// Term: a project runs for one year from its start — end_on = start + 1 year − 1 day (2024-08-01 … 2025-07-31).
// Not open-ended, because an open record would count the member in every later fiscal year's report for ever;
// one year matches the contest's yearly cycle (a new round each year, FY2024: start in August). contest_admin can
// change the host, the start and the end before the project starts; the members' records follow.

export interface CommandContext {
  actorId: number;
  ip?: string | null;
  /** The moment of the change; "today" is its date in Asia/Tokyo. Seeds pass it to replay history. */
  now?: Date;
  /** Base of links in emails; defaults to APP_URL. */
  appUrl?: string;
}

export const PROJECT_TERM_YEARS = 1;

/** The default last day of a project starting on `startOn`: one year later, minus a day. */
export function defaultProjectEnd(startOn: string): string {
  const [y, m, d] = startOn.split("-").map(Number);
  const sameDayNextYear = new Date(Date.UTC(y + PROJECT_TERM_YEARS, m - 1, d)).toISOString().slice(0, 10);
  return addDays(sameDayNextYear, -1);
}

export function projectLinks(appUrl?: string) {
  const base = (appUrl ?? env().appUrl).replace(/\/$/, "");
  return { project: (id: number) => `${base}/contest/projects/${id}` };
}

export { inTransaction };

const later = (a: string, b: string) => (a > b ? a : b);

// ---------------------------------------------------------------------------------------------------------------
// Creation at publication (called by publishResults inside its transaction)

export interface CreatedProject {
  id: number;
  proposalId: number;
  hostDepartmentId: number;
  startOn: string;
  endOn: string | null;
}

/**
 * The projects of a round's adopted and step-up proposals, their members and the members' participation records,
 * in four set-based statements (however many proposals). Host = the proposal's desired host unit, else the
 * lead's unit. Idempotent: a proposal that already has its project is skipped.
 */
export async function createProjectsForRound(trx: Executor, input: { roundId: number; startOn: string; actorId: number; now: Date }) {
  const endOn = defaultProjectEnd(input.startOn);
  const projects = await trx
    .insertInto("contest_projects")
    .columns(["proposal_id", "title", "host_department_id", "start_on", "end_on", "created_by", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("contest_proposals as p")
        .innerJoin("employees as lead", "lead.id", "p.lead_employee_id")
        .select([
          "p.id",
          "p.title",
          sql<number>`COALESCE(p.desired_host_department_id, lead.department_id)`.as("host_department_id"),
          sql<string>`${input.startOn}::date`.as("start_on"),
          sql<string>`${endOn}::date`.as("end_on"),
          sql<number>`${input.actorId}::int`.as("created_by"),
          sql<Date>`${input.now}::timestamptz`.as("created_at"),
        ])
        .where("p.round_id", "=", input.roundId)
        .where("p.status", "=", "submitted")
        .where("p.outcome", "in", PROJECT_OUTCOMES)
        .orderBy("p.id"),
    )
    .onConflict((oc) => oc.column("proposal_id").doNothing())
    .returning(["id", "proposal_id", "host_department_id", "start_on", "end_on"])
    .execute();
  const projectIds = projects.map((p) => p.id);
  if (projectIds.length === 0) return { projects: [] as CreatedProject[], members: 0, records: 0 };

  // The lead (always) and every member who accepted the invitation; declined and pending invitations do not count.
  const proposers = trx
    .selectFrom("contest_projects as pr")
    .innerJoin("contest_proposals as p", "p.id", "pr.proposal_id")
    .select(["pr.id as project_id", "p.lead_employee_id as employee_id"])
    .where("pr.id", "in", projectIds)
    .union(
      trx
        .selectFrom("contest_projects as pr")
        .innerJoin("contest_members as m", "m.proposal_id", "pr.proposal_id")
        .select(["pr.id as project_id", "m.employee_id"])
        .where("pr.id", "in", projectIds)
        .where((eb) => eb.or([eb("m.role", "=", "lead"), eb("m.invitation", "=", "accepted")])),
    );
  const members = await trx
    .insertInto("contest_project_members")
    .columns(["project_id", "employee_id", "added_by", "added_at"])
    .expression((eb) =>
      eb
        .selectFrom(proposers.as("x"))
        .select(["x.project_id", "x.employee_id", sql<number>`${input.actorId}::int`.as("added_by"), sql<Date>`${input.now}::timestamptz`.as("added_at")]),
    )
    .onConflict((oc) => oc.columns(["project_id", "employee_id"]).doNothing())
    .returning("employee_id")
    .execute();
  const records = await createContestParticipationsForProjects(trx, { projectIds });
  return {
    projects: projects.map((p) => ({ id: p.id, proposalId: p.proposal_id, hostDepartmentId: p.host_department_id, startOn: p.start_on, endOn: p.end_on })),
    members: members.length,
    records: records.length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Commands of the projects tab

/**
 * contest_admin adds an employee to a project: a member row, their participation record (start = the project's
 * start, or today when that is later; end = the project's end), an audit entry and an email to the new member.
 * Refused once the project has ended (409) and for someone already a member (409).
 */
export async function addProjectMember(db: Executor, input: { projectId: number; employeeId: number }, ctx: CommandContext): Promise<{ participationId: number; startOn: string }> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  const links = projectLinks(ctx.appUrl);
  return inTransaction(db, async (trx) => {
    const project = await trx
      .selectFrom("contest_projects as pr")
      .innerJoin("departments as d", "d.id", "pr.host_department_id")
      .select(["pr.id", "pr.title", "pr.host_department_id", "pr.start_on", "pr.end_on", "d.name as host_name"])
      .where("pr.id", "=", input.projectId)
      .forUpdate("pr")
      .executeTakeFirst();
    if (!project) throw new ContestDecisionError("project_not_found");
    if (project.end_on !== null && project.end_on < today) throw new ContestDecisionError("project_ended");
    const employee = await trx
      .selectFrom("employees")
      .select(["id", "name", "email", "left_on"])
      .where("id", "=", input.employeeId)
      .executeTakeFirst();
    if (!employee || (employee.left_on !== null && employee.left_on < today)) throw new ContestDecisionError("employee_not_found");
    const inserted = await trx
      .insertInto("contest_project_members")
      .values({ project_id: project.id, employee_id: employee.id, added_by: ctx.actorId, added_at: now })
      .onConflict((oc) => oc.columns(["project_id", "employee_id"]).doNothing())
      .returning("employee_id")
      .executeTakeFirst();
    if (!inserted) throw new ContestDecisionError("already_member");
    const startOn = later(project.start_on, today);
    const record = await addContestParticipation(trx, {
      projectId: project.id,
      employeeId: employee.id,
      title: project.title,
      hostDepartmentId: project.host_department_id,
      startOn,
      endOn: project.end_on,
    });
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.project.add_member",
      entityType: "contest_project",
      entityId: project.id,
      detail: { employeeId: employee.id, participationId: record.id, startOn, endOn: project.end_on, hostDepartmentId: project.host_department_id },
      ip: ctx.ip,
    });
    await enqueueEmail(trx, {
      template: "contest-project-member-added",
      to: employee.email,
      toEmployeeId: employee.id,
      dedupeKey: `contest-project-member-added:${project.id}:${employee.id}`,
      props: { recipientName: employee.name, projectTitle: project.title, hostName: project.host_name, startOn, endOn: project.end_on, url: links.project(project.id) },
    });
    return { participationId: record.id, startOn };
  });
}

/**
 * Changes a project's host unit, start and end while it has not started (today < start_on; the new start must be
 * today or later). Every member's participation record follows in the same transaction. Audit: old → new.
 */
export async function updateProject(
  db: Executor,
  input: { projectId: number; hostDepartmentId: number; startOn: string; endOn: string | null },
  ctx: CommandContext,
): Promise<{ records: number }> {
  const now = ctx.now ?? new Date();
  const today = todayInTokyo(now);
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("contest_projects")
      .select(["id", "host_department_id", "start_on", "end_on"])
      .where("id", "=", input.projectId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new ContestDecisionError("project_not_found");
    if (current.start_on <= today) throw new ContestDecisionError("project_started");
    if (input.startOn < today) throw new ContestDecisionError("start_in_past");
    const unit = await trx.selectFrom("departments").select("id").where("id", "=", input.hostDepartmentId).executeTakeFirst();
    if (!unit) throw new ContestDecisionError("department_not_found");
    const updated = await trx
      .updateTable("contest_projects")
      .set({ host_department_id: input.hostDepartmentId, start_on: input.startOn, end_on: input.endOn })
      .where("id", "=", current.id)
      .where("start_on", ">", today)
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new ContestDecisionError("project_started");
    const records = await updateContestProjectParticipations(trx, { projectId: current.id });
    await audit(trx, {
      actorId: ctx.actorId,
      action: "contest.project.update",
      entityType: "contest_project",
      entityId: current.id,
      detail: {
        from: { hostDepartmentId: current.host_department_id, startOn: current.start_on, endOn: current.end_on },
        to: { hostDepartmentId: input.hostDepartmentId, startOn: input.startOn, endOn: input.endOn },
        records,
      },
      ip: ctx.ip,
    });
    return { records };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** A round's projects with their members (two queries, whatever the number of projects). */
export async function listRoundProjects(db: Executor, roundId: number) {
  const projects = await db
    .selectFrom("contest_projects as pr")
    .innerJoin("contest_proposals as p", "p.id", "pr.proposal_id")
    .innerJoin("departments as d", "d.id", "pr.host_department_id")
    .innerJoin("employees as lead", "lead.id", "p.lead_employee_id")
    .select(["pr.id", "pr.title", "pr.proposal_id", "pr.host_department_id", "pr.start_on", "pr.end_on", "p.outcome", "d.name as host_name", "lead.name as lead_name"])
    .where("p.round_id", "=", roundId)
    .orderBy(sql`CASE p.outcome WHEN 'adopted' THEN 0 ELSE 1 END`)
    .orderBy("pr.id")
    .execute();
  const members = projects.length === 0 ? [] : await projectMembers(db, projects.map((p) => p.id));
  return projects.map((p) => ({ ...p, members: members.filter((m) => m.project_id === p.id) }));
}

/** Members of the given projects with their own unit, whether the project is outside it, and their record. */
export async function projectMembers(db: Executor, projectIds: number[]) {
  return db
    .selectFrom("contest_project_members as m")
    .innerJoin("contest_projects as pr", "pr.id", "m.project_id")
    .innerJoin("contest_proposals as p", "p.id", "pr.proposal_id")
    .innerJoin("employees as e", "e.id", "m.employee_id")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .leftJoin("participations as rec", (j) => j.onRef("rec.contest_project_id", "=", "m.project_id").onRef("rec.employee_id", "=", "m.employee_id"))
    .select([
      "m.project_id",
      "m.employee_id",
      "m.added_at",
      "e.employee_no",
      "e.name",
      "e.grade",
      "d.name as unit_name",
      sql<boolean>`e.department_id <> pr.host_department_id`.as("outside_own_unit"),
      sql<boolean>`m.employee_id = p.lead_employee_id`.as("is_lead"),
      sql<boolean>`m.added_at > pr.created_at`.as("added_later"),
      "rec.id as record_id",
      "rec.start_on as record_start_on",
      "rec.end_on as record_end_on",
    ])
    .where("m.project_id", "in", projectIds)
    .orderBy("m.project_id")
    .orderBy(sql`m.employee_id = p.lead_employee_id`, "desc")
    .orderBy("m.added_at")
    .orderBy("e.name_kana_search")
    .execute();
}

/** One project for its page: the project, its round and proposal, and its members. */
export async function getProject(db: Executor, projectId: number) {
  const project = await db
    .selectFrom("contest_projects as pr")
    .innerJoin("contest_proposals as p", "p.id", "pr.proposal_id")
    .innerJoin("contest_rounds as r", "r.id", "p.round_id")
    .innerJoin("departments as d", "d.id", "pr.host_department_id")
    .select(["pr.id", "pr.title", "pr.proposal_id", "pr.host_department_id", "pr.start_on", "pr.end_on", "p.outcome", "r.id as round_id", "r.title as round_title", "r.fiscal_year", "d.name as host_name"])
    .where("pr.id", "=", projectId)
    .executeTakeFirst();
  if (!project) return null;
  const members = await projectMembers(db, [project.id]);
  return { ...project, members };
}
