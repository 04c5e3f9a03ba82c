import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { parseId } from "../applications/http.server";
import { hasRole, notFound, requireUser } from "../auth/permissions.server";
import { OutcomeBadge } from "../contest/RankingTable";
import { periodLabel, ProjectMembersTable, ProjectPhaseBadge, projectPhase } from "../contest/ProjectMembers";
import { getProject } from "../contest/projects.server";
import { getDb } from "../db.server";
import { fiscalYearLabel, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { Card, PageHeader } from "../ui/Page";
import "../contest/decisions.messages";

export const meta: MetaFunction = () => [{ title: "チャレンジプロジェクト | 職員チャレンジポータル" }];

/** A challenge project for its members and contest_admin; to anyone else it does not exist (404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const project = await getProject(getDb(), id);
  if (!project) notFound();
  const admin = hasRole(user, "contest_admin");
  const member = project.members.some((m) => m.employee_id === user.id);
  if (!admin && !member) notFound();
  // Members see each other's names and units; 職員番号 and the record dates are for the admin.
  const members = admin ? project.members : project.members.map((m) => ({ ...m, employee_no: "" }));
  return json({ project: { ...project, members }, admin, today: todayInTokyo() });
}

export default function ProjectPage() {
  const { project, admin, today } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const phase = projectPhase(today, project.start_on, project.end_on);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title={project.title}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("contest.projects.page.lead", { fy: fiscalYearLabel(project.fiscal_year, locale), round: project.round_title })}</span>
            <OutcomeBadge outcome={project.outcome} t={t} />
            <ProjectPhaseBadge phase={phase} t={t} />
          </span>
        }
        actions={
          admin ? (
            <Link to={`/admin/contest/rounds/${project.round_id}/projects#project-${project.id}`} className="text-sm text-brand-700 underline">
              {t("contest.projects.page.manage")}
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Card title={t("contest.projects.page.facts")}>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-600">{t("contest.projects.edit.host")}</dt>
              <dd className="mt-0.5 font-medium text-slate-900">{project.host_name}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("contest.projects.page.period")}</dt>
              <dd className="mt-0.5 font-medium text-slate-900">{periodLabel(t, locale, project.start_on, project.end_on)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("contest.projects.page.members")}</dt>
              <dd className="mt-0.5 font-medium text-slate-900">{t("contest.projects.memberCount", { count: project.members.length })}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t("contest.projects.page.members")}>
          <ProjectMembersTable members={project.members} caption={t("contest.projects.membersOf", { title: project.title })} showNo={admin} t={t} locale={locale} />
          <p className="mt-3 text-xs text-slate-600">{t("contest.projects.countingNote")}</p>
        </Card>
      </div>
    </div>
  );
}
