import type { ReactNode } from "react";
import type { BookingStatus, ConsultationMode } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { clockTime, MONTHS_EN, tokyoParts, WEEKDAYS_EN, WEEKDAYS_JA } from "../i18n/tokyo-time";
import type { Locale } from "../i18n/locale";
import "./counselor.messages";

// Presentation pieces of the counsellor's pages and HR's statistics. No data access here.

const statusTone: Record<BookingStatus, string> = {
  booked: "bg-sky-100 text-sky-900 ring-sky-300",
  completed: "bg-green-100 text-green-900 ring-green-300",
  no_show: "bg-amber-100 text-amber-900 ring-amber-300",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function SessionStatusBadge({ status, t }: { status: BookingStatus; t: Translate }) {
  return (
    <span data-testid="session-status" data-status={status} className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${statusTone[status]}`}>
      {t(`counselor.status.${status}`)}
    </span>
  );
}

export function ModeTag({ mode, t }: { mode: ConsultationMode; t: Translate }) {
  const tone = mode === "in_person" ? "bg-violet-50 text-violet-900 ring-violet-300" : "bg-teal-50 text-teal-900 ring-teal-300";
  return <span className={`inline-flex whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{t(`counselor.mode.${mode}`)}</span>;
}

function parts(value: Date | string, locale: Locale) {
  const p = tokyoParts(new Date(value));
  return { year: p.year, month: locale === "en" ? MONTHS_EN[p.month - 1] : p.month, day: p.day, weekday: (locale === "en" ? WEEKDAYS_EN : WEEKDAYS_JA)[p.weekday], time: clockTime(p) };
}

/** The day of a session in Asia/Tokyo: 2026年11月25日（水） / Wed 25 Nov 2026. */
export function sessionDay(value: Date | string, locale: Locale): string {
  const p = parts(value, locale);
  return locale === "en" ? `${p.weekday} ${p.day} ${p.month} ${p.year}` : `${p.year}年${p.month}月${p.day}日（${p.weekday}）`;
}

/** 10:00〜10:50 / 10:00–10:50 (Asia/Tokyo). */
export function sessionTimes(startsAt: Date | string, endsAt: Date | string, locale: Locale): string {
  return `${parts(startsAt, locale).time}${locale === "en" ? "–" : "〜"}${parts(endsAt, locale).time}`;
}

export function SessionWhen({ startsAt, endsAt, locale }: { startsAt: Date | string; endsAt: Date | string; locale: Locale }) {
  return (
    <span className="whitespace-nowrap">
      <span className="font-medium">{sessionDay(startsAt, locale)}</span> <span className="tabular-nums">{sessionTimes(startsAt, endsAt, locale)}</span>
    </span>
  );
}

// The shared label–value list and person-written text, under the names the counsellor pages use.
export { Facts as FactList, Prose as NoteText } from "../ui/Facts";

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-center text-sm text-slate-700">{children}</p>;
}

/** A suppressed statistic cell: the count, 「3未満」 for a small one, 「＊」 for a secondary one. */
export function StatValue({ count, reason, t, threshold }: { count: number | null; reason?: "small" | "secondary"; t: Translate; threshold: number }) {
  if (count !== null) return <span className="tabular-nums">{count.toLocaleString("ja-JP")}</span>;
  if (reason === "secondary") {
    return (
      <span className="text-slate-600" title={t("hrConsult.suppressed.secondary.title")}>
        {t("hrConsult.suppressed.secondary")}
      </span>
    );
  }
  return <span className="text-slate-600">{t("hrConsult.suppressed.small", { threshold })}</span>;
}
