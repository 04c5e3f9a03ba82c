import { Link } from "@remix-run/react";
import type { BookingStatus } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import { clockTime, MONTHS_EN, tokyoParts, WEEKDAYS_EN, WEEKDAYS_JA } from "../i18n/tokyo-time";
import type { Locale } from "../i18n/locale";
import { useDelegatedLinks } from "../ui/delegated-links";
import "./booking.messages";

// Presentation pieces of the booking pages. No data access; times are always shown in Asia/Tokyo, by arithmetic
// (i18n/tokyo-time), so the server and the browser print the same text.

/** 10:00 */
export function formatTime(value: Date | string, _locale: Locale): string {
  return clockTime(tokyoParts(new Date(value)));
}

/** 11月25日（水） / Wed 25 Nov — of an instant, or of a calendar date 'YYYY-MM-DD'. */
export function formatDay(value: Date | string, locale: Locale, withYear = false): string {
  const p = tokyoParts(value);
  if (locale === "en") return `${WEEKDAYS_EN[p.weekday]} ${p.day} ${MONTHS_EN[p.month - 1]}${withYear ? ` ${p.year}` : ""}`;
  return `${withYear ? `${p.year}年` : ""}${p.month}月${p.day}日（${WEEKDAYS_JA[p.weekday]}）`;
}

/** 2026年11月25日（水）10:00〜10:50 / Wed 25 Nov 2026, 10:00–10:50 */
export function formatSession(startsAt: Date | string, endsAt: Date | string, locale: Locale): string {
  const day = formatDay(startsAt, locale, true);
  return locale === "en" ? `${day}, ${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}` : `${day}${formatTime(startsAt, locale)}〜${formatTime(endsAt, locale)}`;
}

/** 2026年11月24日（火）17:00 */
export function formatMoment(value: Date | string, locale: Locale): string {
  const day = formatDay(value, locale, true);
  return locale === "en" ? `${day}, ${formatTime(value, locale)}` : `${day}${formatTime(value, locale)}`;
}

const statusTone: Record<BookingStatus, string> = {
  booked: "bg-green-100 text-green-900 ring-green-300",
  completed: "bg-brand-100 text-brand-900 ring-brand-600/40",
  no_show: "bg-amber-100 text-amber-900 ring-amber-300",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function BookingStatusBadge({ status, t }: { status: BookingStatus; t: Translate }) {
  return (
    <span data-testid="booking-status" data-status={status} className={`badge ${statusTone[status]}`}>
      {t(`booking.status.${status}`)}
    </span>
  );
}

/** A small padlock (the emoji has no glyph in every font). */
export function LockIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className={`inline-block shrink-0 ${className}`}>
      <path fillRule="evenodd" d="M10 1.5a4.5 4.5 0 0 0-4.5 4.5v2H5a2 2 0 0 0-2 2v6.5a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2h-.5V6A4.5 4.5 0 0 0 10 1.5Zm2.5 6.5V6a2.5 2.5 0 0 0-5 0v2h5Z" clipRule="evenodd" />
    </svg>
  );
}

export function ModeTag({ mode, t }: { mode: "in_person" | "online"; t: Translate }) {
  const tone = mode === "in_person" ? "bg-teal-50 text-teal-900 ring-teal-300" : "bg-violet-50 text-violet-900 ring-violet-300";
  return <span className={`inline-flex whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{t(`booking.mode.${mode}`)}</span>;
}

/** 1 相談員を選ぶ → 2 日時を選ぶ → 3 内容を入力して確定 */
export function BookingSteps({ current, t }: { current: 1 | 2 | 3; t: Translate }) {
  const steps = [t("booking.steps.counselor"), t("booking.steps.slot"), t("booking.steps.form")];
  return (
    <nav aria-label={t("booking.steps.label")} className="mb-6">
      <ol className="flex flex-wrap gap-2 text-sm">
        {steps.map((label, index) => {
          const n = index + 1;
          const state = n < current ? "done" : n === current ? "current" : "todo";
          return (
            <li
              key={label}
              aria-current={state === "current" ? "step" : undefined}
              className={`flex items-center gap-2 rounded-full px-3 py-1 ring-1 ring-inset ${
                state === "current" ? "bg-brand-700 font-semibold text-white ring-brand-700" : state === "done" ? "bg-brand-50 text-brand-900 ring-brand-600/30" : "bg-white text-slate-600 ring-slate-300"
              }`}
            >
              <span aria-hidden="true" className={`flex h-5 w-5 items-center justify-center rounded-full text-xs ${state === "current" ? "bg-white text-brand-800" : "bg-slate-200 text-slate-700"}`}>
                {state === "done" ? "✓" : n}
              </span>
              {label}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export interface WeekDay {
  date: string;
  /** A national holiday or the year-end break. */
  closedLabel: string | null;
  slots: { startsAt: string; endsAt: string; counselorId: number; counselorName: string }[];
}

/** Previous / this / next week links (plain links: works without JavaScript). */
export function WeekNav({ t, locale, weekStart, weekEnd, prevHref, nextHref, thisHref }: { t: Translate; locale: Locale; weekStart: string; weekEnd: string; prevHref: string | null; nextHref: string | null; thisHref: string | null }) {
  const link = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600";
  const disabled = "inline-flex items-center rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label={t("booking.week.nav")} className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-base font-semibold text-slate-900" data-testid="week-range">
        {t("booking.week.range", { from: formatDay(weekStart, locale, true), to: formatDay(weekEnd, locale) })}
      </p>
      <div className="flex gap-2">
        {prevHref ? (
          <Link to={prevHref} className={link} rel="prev">
            ← {t("booking.week.prev")}
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            ← {t("booking.week.prev")}
          </span>
        )}
        {thisHref ? (
          <Link to={thisHref} className={link}>
            {t("booking.week.thisWeek")}
          </Link>
        ) : null}
        {nextHref ? (
          <Link to={nextHref} className={link} rel="next">
            {t("booking.week.next")} →
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            {t("booking.week.next")} →
          </span>
        )}
      </div>
    </nav>
  );
}

/**
 * One row per day of the week, each free time a link. Days without times say so; holidays are marked. The list and
 * its links are styled by `.slot-week` in tailwind.css, and the links are plain <a data-nav> that the list's click
 * handler turns into client-side navigation: a week of 指定なし lists dozens of times, and a router <Link> with its
 * long class list on each cost more than the rest of the page.
 */
export function SlotWeek({
  t,
  locale,
  days,
  hrefFor,
  selected,
  showCounselor,
}: {
  t: Translate;
  locale: Locale;
  days: WeekDay[];
  hrefFor: (slot: WeekDay["slots"][number]) => string;
  selected?: string | null;
  showCounselor?: boolean;
}) {
  const onLinkClick = useDelegatedLinks();
  return (
    <ul className="slot-week" data-testid="slot-week" onClick={onLinkClick}>
      {days.map((day) => {
        const weekday = new Date(`${day.date}T12:00:00+09:00`).getUTCDay();
        const dayTone = day.closedLabel || weekday === 0 ? "text-red-800" : weekday === 6 ? "text-sky-800" : "text-slate-900";
        // Every time of the row is on this Tokyo date: its label is formatted once for the row.
        const dayLabel = formatDay(day.date, locale);
        return (
          <li key={day.date} data-date={day.date}>
            <div>
              <p className={dayTone}>{dayLabel}</p>
              {day.closedLabel ? <p>{day.closedLabel}</p> : null}
            </div>
            {day.slots.length === 0 ? (
              <p>{day.closedLabel || weekday === 0 || weekday === 6 ? t("booking.week.closed") : t("booking.week.noSlot")}</p>
            ) : (
              <ul>
                {day.slots.map((slot) => {
                  const time = formatTime(slot.startsAt, locale);
                  const label = showCounselor ? t("booking.week.slotLabel", { day: dayLabel, time, counselor: slot.counselorName }) : t("booking.week.slotLabelAny", { day: dayLabel, time });
                  return (
                    <li key={`${slot.startsAt}-${slot.counselorId}`}>
                      <a href={hrefFor(slot)} data-nav="" data-discover="true" aria-label={label} aria-current={selected === slot.startsAt ? "true" : undefined} data-testid="slot" data-starts-at={slot.startsAt}>
                        {time}
                        {showCounselor ? <span>{slot.counselorName}</span> : null}
                      </a>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
