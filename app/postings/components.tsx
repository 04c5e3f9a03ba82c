import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { EmploymentType, Scheme, SelectionMethod, WorkStyle } from "../../db/schema";
import { formatDate, formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { DataTable, td, th } from "../ui/Page";
import { formatShare, placesLeft, type PostingPhase } from "./model";
import "./messages";

// Pieces the postings pages share: badges, the facts list, the audit history.

export const phaseTones: Record<PostingPhase, string> = {
  draft: "bg-slate-100 text-slate-800 ring-slate-300",
  pending_approval: "bg-amber-50 text-amber-900 ring-amber-300",
  returned: "bg-red-50 text-red-800 ring-red-300",
  scheduled: "bg-sky-50 text-sky-900 ring-sky-300",
  open: "bg-green-50 text-green-900 ring-green-300",
  closed: "bg-slate-100 text-slate-800 ring-slate-300",
  running: "bg-indigo-50 text-indigo-900 ring-indigo-300",
  completed: "bg-slate-100 text-slate-700 ring-slate-300",
  cancelled: "bg-slate-200 text-slate-700 ring-slate-400 line-through decoration-1",
};

export function PhaseBadge({ phase }: { phase: PostingPhase }) {
  const t = useT();
  return (
    <span className={`badge ${phaseTones[phase]}`} data-phase={phase}>
      {t(`postings.phase.${phase}`)}
    </span>
  );
}

export const schemeTones: Record<Scheme, string> = {
  side_job: "bg-brand-50 text-brand-900 ring-brand-600/30",
  job_challenge: "bg-teal-50 text-teal-900 ring-teal-300",
};

export function SchemeBadge({ scheme }: { scheme: Scheme }) {
  const t = useT();
  return <span className={`tag ${schemeTones[scheme]}`}>{t(`postings.scheme.${scheme}`)}</span>;
}

export const badgeTones = {
  warning: "bg-orange-100 text-orange-900 ring-orange-300",
  muted: "bg-slate-200 text-slate-800 ring-slate-400",
  info: "bg-brand-100 text-brand-900 ring-brand-600/40",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof badgeTones; children: ReactNode }) {
  return <span className={`badge ${badgeTones[tone]}`}>{children}</span>;
}

export function SkillTags({ skills, linkToBrowse = false }: { skills: readonly string[]; linkToBrowse?: boolean }) {
  if (skills.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {skills.map((skill) => (
        <li key={skill}>
          {linkToBrowse ? (
            <Link to={`/postings?skill=${encodeURIComponent(skill)}`} className="inline-block rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800 underline-offset-2 hover:bg-slate-200 hover:underline">
              {skill}
            </Link>
          ) : (
            <span className="inline-block rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">{skill}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** 月10.5時間（標準勤務時間（週38時間45分）の6.3%） */
export function HoursText({ hours }: { hours: number }) {
  const t = useT();
  return (
    <span>
      <span className="font-medium">{t("postings.hours.value", { hours: hours.toFixed(1).replace(/\.0$/, "") })}</span>
      <span className="block text-xs text-slate-600">{t("postings.hours.share", { percent: formatShare(hours) })}</span>
    </span>
  );
}

/** What every posting page shows about a posting (dates are 'YYYY-MM-DD', timestamps ISO strings). */
export interface PostingView {
  id: number;
  scheme: Scheme;
  title: string;
  summary: string;
  work_content: string;
  skills: string[];
  hours_per_month: number;
  period_start: string;
  period_end: string;
  capacity: number;
  filled: number;
  work_style: WorkStyle;
  place: string;
  max_grade: string | null;
  employment_types: EmploymentType[];
  selection_method: SelectionMethod;
  contact: string;
  apply_from: string;
  apply_until: string;
  host_name: string;
  bureau_name: string | null;
  application_count: number;
  review_comment: string | null;
  cancel_reason: string | null;
}

export function hostLabel(t: ReturnType<typeof useT>, posting: { host_name: string; bureau_name: string | null }) {
  return posting.bureau_name ? t("postings.detail.hostWithBureau", { bureau: posting.bureau_name, unit: posting.host_name }) : posting.host_name;
}

/** Label / value rows; `stacked` puts each label above its value (narrow side panels). */
export function FactList({ items, stacked = false }: { items: [label: string, value: ReactNode][]; stacked?: boolean }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className={stacked ? "grid gap-0.5 py-2" : "grid gap-1 py-2.5 sm:grid-cols-[11rem_1fr] sm:gap-4"}>
          <dt className="font-medium text-slate-600">{label}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The conditions: who hosts, how much time, when, how many, where, who may apply, how people are chosen. */
export function ConditionFacts({ posting, showApplications = true }: { posting: PostingView; showApplications?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const left = placesLeft(posting);
  const items: [string, ReactNode][] = [
    [t("postings.field.scheme"), <SchemeBadge key="s" scheme={posting.scheme} />],
    [t("postings.field.hostUnit"), hostLabel(t, posting)],
    [t("postings.field.hours"), <HoursText key="h" hours={posting.hours_per_month} />],
    [t("postings.field.period"), `${formatDate(posting.period_start, locale)} 〜 ${formatDate(posting.period_end, locale)}`],
    [t("postings.field.window"), `${formatDate(posting.apply_from, locale)} 〜 ${formatDate(posting.apply_until, locale)}`],
    [t("postings.field.capacity"), t("postings.detail.placesLeft", { left, capacity: posting.capacity })],
    [
      t("postings.field.workStyle"),
      <span key="w">
        {t(`postings.workStyle.${posting.work_style}`)}
        {posting.place ? <span className="block text-xs text-slate-600">{posting.place}</span> : null}
      </span>,
    ],
    [
      t("postings.field.eligibility"),
      <span key="e">
        {posting.max_grade ? t("postings.detail.grade.upTo", { grade: posting.max_grade }) : t("postings.detail.grade.any")}
        <span className="block text-xs text-slate-600">{posting.employment_types.map((type) => t(`postings.employmentType.${type}`)).join(locale === "en" ? ", " : "・")}</span>
      </span>,
    ],
    [t("postings.field.selectionMethod"), t(`postings.selection.${posting.selection_method}`)],
    [t("postings.field.contact"), <span key="c" className="whitespace-pre-wrap break-words">{posting.contact}</span>],
  ];
  if (showApplications) {
    items.push([
      t("postings.field.applications"),
      <span key="a">
        {t("postings.detail.applications", { count: posting.application_count })}
        <span className="block text-xs text-slate-600">{t("postings.detail.applications.hint")}</span>
      </span>,
    ]);
  }
  return <FactList items={items} />;
}

/** Summary, work content and skills. */
export function AboutPosting({ posting }: { posting: PostingView }) {
  const t = useT();
  return (
    <div className="space-y-5">
      <section aria-labelledby="posting-summary">
        <h3 id="posting-summary" className="mb-1 text-sm font-semibold text-slate-600">
          {t("postings.field.summary")}
        </h3>
        <p className="whitespace-pre-wrap leading-relaxed text-slate-900">{posting.summary}</p>
      </section>
      <section aria-labelledby="posting-work">
        <h3 id="posting-work" className="mb-1 text-sm font-semibold text-slate-600">
          {t("postings.field.workContent")}
        </h3>
        <p className="whitespace-pre-wrap leading-relaxed text-slate-900">{posting.work_content}</p>
      </section>
      <section aria-labelledby="posting-skills">
        <h3 id="posting-skills" className="mb-1 text-sm font-semibold text-slate-600">
          {t("postings.field.skills")}
        </h3>
        <SkillTags skills={posting.skills} linkToBrowse />
      </section>
    </div>
  );
}

export interface HistoryEntry {
  id: number;
  action: string;
  detail: Record<string, unknown>;
  created_at: string | Date;
  actor_name: string | null;
}

export function PostingHistory({ entries }: { entries: HistoryEntry[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <DataTable caption={t("postings.manage.history")}>
      <thead>
        <tr>
          <th scope="col" className={th}>{t("postings.manage.history.when")}</th>
          <th scope="col" className={th}>{t("postings.manage.history.who")}</th>
          <th scope="col" className={th}>{t("postings.manage.history.what")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((entry) => {
          const note = typeof entry.detail.comment === "string" ? entry.detail.comment : typeof entry.detail.reason === "string" ? entry.detail.reason : null;
          return (
            <tr key={entry.id}>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(entry.created_at, locale)}</td>
              <td className={td}>{entry.actor_name ?? t("postings.manage.history.system")}</td>
              <td className={td}>
                {t(`postings.audit.${entry.action}`)}
                {note ? <span className="mt-0.5 block whitespace-pre-wrap text-xs text-slate-600">{note}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** How long something has waited: 3日4時間 / 5時間 / 1時間未満. */
export function waitingLabel(t: ReturnType<typeof useT>, since: string | Date, now: string | Date): string {
  const minutes = Math.max(0, Math.floor((new Date(now).getTime() - new Date(since).getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours < 1) return t("postings.hr.waiting.lessThanHour");
  if (hours < 24) return t("postings.hr.waiting.hours", { hours });
  return t("postings.hr.waiting.days", { days: Math.floor(hours / 24), hours: hours % 24 });
}
