import type { ApplicationStatus } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { formatDate } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { DataTable, td, th } from "../ui/Page";
import { shareOfStandardTime, weeklyEquivalent, type CapCheck } from "./cap";
import type { SideJobCommitment } from "./errors";
import { STATUS_TONE } from "./status";
import "./messages";

// Presentation pieces the application pages share. No data access here.

const toneClass = {
  waiting: "bg-amber-100 text-amber-900 ring-amber-300",
  neutral: "bg-sky-100 text-sky-900 ring-sky-300",
  active: "bg-green-100 text-green-900 ring-green-300",
  success: "bg-brand-100 text-brand-900 ring-brand-600/40",
  muted: "bg-slate-100 text-slate-700 ring-slate-300",
  negative: "bg-red-50 text-red-800 ring-red-300",
} as const;

/** The badge's classes, shared with the rows written as HTML text (applicant-rows-html.ts). */
export function statusBadgeClass(status: ApplicationStatus): string {
  return `badge ${toneClass[STATUS_TONE[status]]}`;
}

export function StatusBadge({ status, t }: { status: ApplicationStatus; t: Translate }) {
  return (
    <span data-testid="status-badge" data-status={status} className={statusBadgeClass(status)}>
      {t(`applications.status.${status}`)}
    </span>
  );
}

export function SchemeTag({ scheme, t }: { scheme: "side_job" | "job_challenge"; t: Translate }) {
  const tone = scheme === "side_job" ? "bg-violet-50 text-violet-900 ring-violet-300" : "bg-teal-50 text-teal-900 ring-teal-300";
  return <span className={`inline-flex whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{t(`applications.scheme.${scheme}`)}</span>;
}

export function hoursText(t: Translate, hours: number): string {
  return t("applications.field.hoursValue", { hours, share: shareOfStandardTime(hours), weekly: weeklyEquivalent(hours) });
}

export function periodText(t: Translate, locale: Locale, start: string, end: string): string {
  return t("applications.field.periodValue", { start: formatDate(start, locale), end: formatDate(end, locale) });
}

export function waitingText(t: Translate, waiting: { calendarDays: number; businessDays: number }): string {
  if (waiting.calendarDays === 0) return t("applications.waiting.today");
  return t("applications.waiting", { days: waiting.calendarDays, business: waiting.businessDays });
}

/** The side-job hours that count toward the cap, this posting, and the total against the cap. */
export function CapTable({ t, locale, cap, commitments, caption }: { t: Translate; locale: Locale; cap: CapCheck; commitments: SideJobCommitment[]; caption?: string }) {
  return (
    <div className="space-y-2" data-testid="cap-table">
      <DataTable caption={caption ?? t("applications.cap.current")}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("applications.cap.col.title")}</th>
            <th scope="col" className={th}>{t("applications.cap.col.period")}</th>
            <th scope="col" className={`${th} text-right`}>{t("applications.cap.col.hours")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {commitments.length === 0 ? (
            <tr>
              <td colSpan={3} className={`${td} text-slate-600`}>{t("applications.cap.none")}</td>
            </tr>
          ) : (
            commitments.map((c) => (
              <tr key={c.applicationId}>
                <td className={td}>
                  {c.title} <span className="ml-1 text-xs text-slate-600">（{t(`applications.status.${c.status}`)}）</span>
                </td>
                <td className={td}>{periodText(t, locale, c.periodStart, c.periodEnd)}</td>
                <td className={`${td} text-right tabular-nums`}>{t("applications.hoursShort", { hours: c.hoursPerMonth })}</td>
              </tr>
            ))
          )}
          <tr className="bg-slate-50">
            <td className={td} colSpan={2}>{t("applications.cap.thisPosting")}</td>
            <td className={`${td} text-right tabular-nums`}>{t("applications.hoursShort", { hours: cap.requestedHours })}</td>
          </tr>
          <tr className="font-semibold">
            <td className={td} colSpan={2}>
              {t("applications.cap.total")}（{t("applications.cap.limit")} {t("applications.hoursShort", { hours: cap.capHours })}）
            </td>
            <td className={`${td} text-right tabular-nums ${cap.allowed ? "text-green-800" : "text-red-700"}`}>
              {t("applications.hoursShort", { hours: cap.totalHours })}
              <span className="block text-xs font-medium">{cap.allowed ? t("applications.cap.within") : t("applications.cap.over")}</span>
            </td>
          </tr>
        </tbody>
      </DataTable>
    </div>
  );
}

const STEP_KEYS = ["submitted", "consent", "screening", "decision", "participation", "completed"] as const;

/** How far along the standard path the application is; ended paths mark where they stopped. */
export function StepTracker({ status, t }: { status: ApplicationStatus; t: Translate }) {
  const reached: Record<ApplicationStatus, number> = {
    awaiting_consent: 1,
    consent_declined: 1,
    screening: 2,
    interview: 2,
    not_selected: 3,
    accepted: 3,
    participating: 4,
    completed: 5,
    withdrawn: -1,
    cancelled: -1,
  };
  const current = reached[status];
  const stopped = status === "consent_declined" || status === "not_selected";
  return (
    <ol className="flex flex-wrap gap-2 text-xs" aria-label={t("applications.detail.steps")}>
      {STEP_KEYS.map((key, index) => {
        const done = current >= 0 && (index < current || (index === current && status === "completed"));
        const here = index === current && status !== "completed";
        const style = here
          ? stopped
            ? "bg-red-50 text-red-800 ring-red-300"
            : "bg-brand-700 text-white ring-brand-700"
          : done
            ? "bg-brand-50 text-brand-900 ring-brand-600/40"
            : "bg-white text-slate-500 ring-slate-300";
        return (
          <li key={key} aria-current={here ? "step" : undefined} className={`rounded-full px-3 py-1 font-medium ring-1 ring-inset ${style}`}>
            {done ? "✓ " : ""}
            {t(`applications.step.${key}`)}
          </li>
        );
      })}
    </ol>
  );
}
