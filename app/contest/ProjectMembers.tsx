import type { Translate } from "../i18n/i18n";
import { formatDate } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import "./decisions.messages";

// A project's members with their own unit and their participation record. Whether someone works outside their own
// unit is shown for information; the reports decide what counts as 庁内複業 (DESIGN §3) from the record's host.

export interface ProjectMemberRow {
  employee_id: number;
  employee_no: string;
  name: string;
  grade: string;
  unit_name: string;
  outside_own_unit: boolean;
  is_lead: boolean;
  added_later: boolean;
  added_at: string;
  record_start_on: string | null;
  record_end_on: string | null;
}

export function periodLabel(t: Translate, locale: Locale, start: string | null, end: string | null) {
  if (!start) return "—";
  return `${formatDate(start, locale)}〜${end ? formatDate(end, locale) : t("contest.projects.openEnded")}`;
}

export type ProjectPhase = "upcoming" | "running" | "ended";

export function projectPhase(today: string, start: string, end: string | null): ProjectPhase {
  if (today < start) return "upcoming";
  if (end !== null && today > end) return "ended";
  return "running";
}

export function ProjectPhaseBadge({ phase, t }: { phase: ProjectPhase; t: Translate }) {
  const tone = { upcoming: "bg-amber-50 text-amber-900 ring-amber-700/30", running: "bg-green-100 text-green-900 ring-green-700/30", ended: "bg-slate-100 text-slate-700 ring-slate-500/30" }[phase];
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`}>{t(`contest.projects.phase.${phase}`)}</span>;
}

export function ProjectMembersTable({ members, caption, showNo, t, locale }: { members: ProjectMemberRow[]; caption: string; showNo: boolean; t: Translate; locale: Locale }) {
  const th = "px-3 py-2 text-left font-semibold text-slate-700 bg-slate-50 whitespace-nowrap";
  const td = "px-3 py-2 align-top text-slate-900";
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {showNo ? (
              <th scope="col" className={th}>
                {t("contest.projects.col.no")}
              </th>
            ) : null}
            <th scope="col" className={th}>
              {t("contest.projects.col.name")}
            </th>
            <th scope="col" className={th}>
              {t("contest.projects.col.unit")}
            </th>
            <th scope="col" className={th}>
              {t("contest.projects.col.role")}
            </th>
            <th scope="col" className={th}>
              {t("contest.projects.col.record")}
            </th>
            <th scope="col" className={th}>
              {t("contest.projects.col.outside")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {members.map((m) => (
            <tr key={m.employee_id} data-employee-id={m.employee_id}>
              {showNo ? <td className={`${td} whitespace-nowrap font-mono`}>{m.employee_no}</td> : null}
              <th scope="row" className={`${td} whitespace-nowrap text-left font-medium`}>
                {m.name}
                <span className="block text-xs font-normal text-slate-600">{m.grade}</span>
              </th>
              <td className={`${td} min-w-[8rem]`}>{m.unit_name}</td>
              <td className={`${td} whitespace-nowrap`}>
                {m.is_lead ? t("contest.projects.role.lead") : m.added_later ? t("contest.projects.role.added", { date: formatDate(m.added_at, locale) }) : t("contest.projects.role.member")}
              </td>
              <td className={`${td} whitespace-nowrap`}>{m.record_start_on ? periodLabel(t, locale, m.record_start_on, m.record_end_on) : t("contest.projects.noRecord")}</td>
              <td className={`${td} whitespace-nowrap`}>
                {m.outside_own_unit ? (
                  <span className="inline-block whitespace-nowrap rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-900 ring-1 ring-inset ring-brand-700/30">{t("contest.projects.outside.yes")}</span>
                ) : (
                  <span className="inline-block whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t("contest.projects.outside.no")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
