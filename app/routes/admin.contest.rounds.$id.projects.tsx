import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseId } from "../applications/http.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { addMemberSchema, decisionErrorMessage, isContestDecisionError, updateProjectSchema } from "../contest/decision-schemas";
import { OutcomeBadge } from "../contest/RankingTable";
import { periodLabel, ProjectMembersTable, ProjectPhaseBadge, projectPhase } from "../contest/ProjectMembers";
import { addProjectMember, listRoundProjects, updateProject } from "../contest/projects.server";
import { getRoundHeader } from "../contest/round-header.server";
import { getDb } from "../db.server";
import { formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { listDepartmentOptions, searchEmployees } from "../people/directory.server";
import { Button } from "../ui/Button";
import { DepartmentOptions } from "../ui/DepartmentOptions";
import { FormError, SelectField, TextField } from "../ui/Field";
import { Notice } from "../ui/Page";
import "../contest/decisions.messages";

export const meta: MetaFunction = () => [{ title: "プロジェクト | 職員チャレンジポータル" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const roundId = parseId(params.id);
  const db = getDb();
  const round = await getRoundHeader(db, roundId, request);
  if (!round) notFound();
  const url = new URL(request.url);
  const projects = round.results_published_at ? await listRoundProjects(db, roundId) : [];
  // The employee picker: one project at a time (?add=<project>&q=<職員番号 or name>).
  const addTo = Number(url.searchParams.get("add")) || null;
  const q = (url.searchParams.get("q") ?? "").trim();
  const picking = addTo !== null && projects.some((p) => p.id === addTo);
  const [departments, found] = await Promise.all([
    projects.length > 0 ? listDepartmentOptions(db) : Promise.resolve([]),
    picking && q ? searchEmployees(db, { q, pageSize: 10 }) : Promise.resolve(null),
  ]);
  const done = url.searchParams.get("done");
  return json({
    round,
    projects,
    departments,
    today: todayInTokyo(),
    picker: picking ? { projectId: addTo, q, results: found?.rows ?? null, total: found?.total ?? 0 } : null,
    done: done === "added" || done === "updated" ? { kind: done, projectId: Number(url.searchParams.get("project")) || null } : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "contest_admin");
  const roundId = parseId(params.id);
  const t = translator(user.locale);
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const schema = intent === "add-member" ? addMemberSchema(t) : updateProjectSchema(t);
  const submission = parseWithZod(formData, { schema });
  const projectId = Number(formData.get("projectId")) || null;
  if (submission.status !== "success") return json({ intent: String(intent), projectId, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const owner = await db
    .selectFrom("contest_projects as pr")
    .innerJoin("contest_proposals as p", "p.id", "pr.proposal_id")
    .select("p.round_id")
    .where("pr.id", "=", value.projectId)
    .executeTakeFirst();
  if (!owner || owner.round_id !== roundId) notFound();
  const ctx = { actorId: user.id, ip: clientIp(context) };
  try {
    if (value.intent === "add-member") await addProjectMember(db, { projectId: value.projectId, employeeId: value.employeeId }, ctx);
    else await updateProject(db, { projectId: value.projectId, hostDepartmentId: value.hostDepartmentId, startOn: value.startOn, endOn: value.endOn ?? null }, ctx);
  } catch (error) {
    if (!isContestDecisionError(error)) throw error;
    if (error.code === "project_not_found") notFound();
    return json({ intent: String(intent), projectId: value.projectId, result: submission.reply({ formErrors: [decisionErrorMessage(t, error)] }) }, { status: error.status });
  }
  return redirect(`/admin/contest/rounds/${roundId}/projects?done=${value.intent === "add-member" ? "added" : "updated"}&project=${value.projectId}#project-${value.projectId}`);
}

export default function ProjectsTab() {
  const { round, projects, departments, today, picker, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";

  if (!round.results_published_at) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
        <p className="font-medium text-slate-900">{t("contest.projects.notYet")}</p>
        <p className="mt-1 text-sm">{t("contest.projects.notYetLead")}</p>
        <Link to={`/admin/contest/rounds/${round.id}/ranking`} className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">
          {t("contest.projects.toRanking")}
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        {t("contest.projects.lead", { at: formatDateTime(round.results_published_at, locale) })}
        <span className="block text-xs text-slate-600">{t("contest.projects.countingNote")}</span>
      </p>
      {projects.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("contest.projects.empty")}</p> : null}
      {projects.map((project) => {
        const phase = projectPhase(today, project.start_on, project.end_on);
        const mine = actionData && actionData.projectId === project.id ? actionData : null;
        const errors = mine?.result?.error?.[""] ?? null;
        const fieldErrors = (name: string) => mine?.result?.error?.[name] ?? null;
        const isPicking = picker?.projectId === project.id;
        return (
          <section key={project.id} id={`project-${project.id}`} aria-labelledby={`project-${project.id}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="project-card">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 id={`project-${project.id}-title`} className="text-lg font-semibold text-slate-900">
                  <Link to={`/contest/projects/${project.id}`} className="text-brand-800 underline hover:text-brand-900">
                    {project.title}
                  </Link>
                </h2>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <OutcomeBadge outcome={project.outcome} t={t} />
                  <ProjectPhaseBadge phase={phase} t={t} />
                  <span>{t("contest.projects.hostIs", { name: project.host_name })}</span>
                  <span>{t("contest.projects.periodIs", { period: periodLabel(t, locale, project.start_on, project.end_on) })}</span>
                </p>
              </div>
              <p className="text-sm text-slate-700">{t("contest.projects.memberCount", { count: project.members.length })}</p>
            </div>
            <div className="mt-3">
              {done && done.projectId === project.id ? <Notice tone="success">{t(`contest.projects.done.${done.kind}`)}</Notice> : null}
              <FormError errors={errors} />
            </div>

            <div className="mt-4">
              <ProjectMembersTable members={project.members} caption={t("contest.projects.membersOf", { title: project.title })} showNo t={t} locale={locale} />
            </div>

            <div className="mt-4 grid items-start gap-4 lg:grid-cols-2">
              <div className="rounded-md border border-slate-200 p-4">
                <h3 className="text-sm font-semibold text-slate-900">{t("contest.projects.add.title")}</h3>
                {phase === "ended" ? (
                  <p className="mt-2 text-sm text-slate-700">{t("contest.projects.add.ended")}</p>
                ) : (
                  <>
                    <Form method="get" role="search" className="mt-2 flex flex-wrap items-end gap-2" action={`/admin/contest/rounds/${round.id}/projects#project-${project.id}`}>
                      <input type="hidden" name="add" value={project.id} />
                      <div className="min-w-[12rem] flex-1">
                        <TextField
                          key={isPicking ? `q-${picker?.q}` : "q-empty"}
                          id={`q-${project.id}`}
                          name="q"
                          type="search"
                          label={t("contest.projects.add.q")}
                          hint={t("contest.projects.add.qHint")}
                          defaultValue={isPicking ? picker?.q : ""}
                        />
                      </div>
                      <Button type="submit" variant="secondary">
                        {t("common.search")}
                      </Button>
                    </Form>
                    {isPicking && picker?.results ? (
                      picker.results.length === 0 ? (
                        <p className="mt-2 text-sm text-slate-700" role="status">
                          {t("common.none")}
                        </p>
                      ) : (
                        <ul className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={t("contest.projects.add.results")}>
                          {picker.results.map((e) => {
                            const already = project.members.some((m) => m.employee_id === e.id);
                            return (
                              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                                <span>
                                  <span className="font-mono text-slate-600">{e.employee_no}</span> <span className="font-medium">{e.name}</span>
                                  <span className="block text-xs text-slate-600">
                                    {e.department_name}・{e.grade}
                                  </span>
                                </span>
                                {already ? (
                                  <span className="text-xs text-slate-600">{t("contest.projects.add.already")}</span>
                                ) : (
                                  <Form method="post" action={`/admin/contest/rounds/${round.id}/projects`}>
                                    <input type="hidden" name="intent" value="add-member" />
                                    <input type="hidden" name="projectId" value={project.id} />
                                    <input type="hidden" name="employeeId" value={e.id} />
                                    <Button type="submit" disabled={busy} aria-label={t("contest.projects.add.buttonFor", { name: e.name })}>
                                      {t("contest.projects.add.button")}
                                    </Button>
                                  </Form>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      )
                    ) : null}
                    {isPicking && picker?.results && picker.total > picker.results.length ? (
                      <p className="mt-2 text-xs text-slate-600" role="status">
                        {t("contest.projects.add.more", { total: picker.total, shown: picker.results.length })}
                      </p>
                    ) : null}
                  </>
                )}
              </div>

              <div className="rounded-md border border-slate-200 p-4">
                <h3 className="text-sm font-semibold text-slate-900">{t("contest.projects.edit.title")}</h3>
                {phase === "upcoming" ? (
                  <Form method="post" action={`/admin/contest/rounds/${round.id}/projects`} className="mt-2 space-y-3">
                    <input type="hidden" name="intent" value="update-project" />
                    <input type="hidden" name="projectId" value={project.id} />
                    <SelectField id={`host-${project.id}`} name="hostDepartmentId" label={t("contest.projects.edit.host")} defaultValue={project.host_department_id} errors={fieldErrors("hostDepartmentId")}>
                      <DepartmentOptions departments={departments} />
                    </SelectField>
                    <div className="grid gap-3 sm:grid-cols-2">
                      <TextField id={`start-${project.id}`} name="startOn" type="date" min={today} label={t("contest.projects.edit.start")} defaultValue={project.start_on} required requiredLabel={t("common.required")} errors={fieldErrors("startOn")} />
                      <TextField id={`end-${project.id}`} name="endOn" type="date" label={t("contest.projects.edit.end")} hint={t("contest.projects.edit.endHint")} defaultValue={project.end_on ?? ""} errors={fieldErrors("endOn")} />
                    </div>
                    <Button type="submit" variant="secondary" disabled={busy}>
                      {t("contest.projects.edit.save")}
                    </Button>
                  </Form>
                ) : (
                  <p className="mt-2 text-sm text-slate-700">{t("contest.projects.edit.started")}</p>
                )}
              </div>
            </div>
          </section>
        );
      })}
    </div>
  );
}
