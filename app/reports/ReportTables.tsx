import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Translate } from "../i18n/i18n";
import { fiscalYearLabel } from "../i18n/format";
import type { Locale } from "../i18n/locale";

// Tables of the participation dashboard. Numbers right-aligned in tabular figures; the rate as 1.1% (one decimal,
// as the prefecture publishes it); a bar beside the rate for a quick comparison (hidden from assistive technology:
// the number is in the cell before it).

export const fmtCount = (n: number) => n.toLocaleString("ja-JP");
/** 0.011139… → "1.1%"; null → "—". */
export const fmtRate = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

export const thCls = "px-3 py-2 text-left font-semibold text-slate-700 bg-slate-50 align-bottom print:px-1.5 print:py-1";
export const numTh = "px-3 py-2 text-right font-semibold text-slate-700 bg-slate-50 align-bottom whitespace-nowrap print:whitespace-normal print:px-1.5 print:py-1";
export const tdCls = "px-3 py-1.5 text-slate-900 align-top print:px-1.5 print:py-0.5";
export const numTd = "px-3 py-1.5 text-right tabular-nums whitespace-nowrap align-top print:px-1.5 print:py-0.5";

export function Section({ id, title, lead, children, className = "" }: { id: string; title: ReactNode; lead?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={`${id}-title`} className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm print:break-inside-avoid print:rounded-none print:border-slate-300 print:p-3 print:shadow-none ${className}`} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900 print:text-base">
        {title}
      </h2>
      {lead ? <p className="mt-1 text-sm text-slate-700">{lead}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

function RateBar({ rate, max }: { rate: number | null; max: number }) {
  if (rate === null || max <= 0) return null;
  return (
    <div className="h-2 w-full rounded-sm bg-slate-100 print:border print:border-slate-300" aria-hidden="true">
      <div className="h-2 rounded-sm bg-brand-600 print:bg-slate-600" style={{ width: `${Math.min(100, Math.max(rate > 0 ? 2 : 0, (rate / max) * 100))}%`, printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }} />
    </div>
  );
}

export interface RateRow {
  key: string;
  label: ReactNode;
  participants: number;
  headcount: number;
  rate: number | null;
}

export type UnitSortKey = "code" | "participants" | "headcount" | "rate";
export type SortDir = "asc" | "desc";
export const isUnitSortKey = (v: unknown): v is UnitSortKey => v === "code" || v === "participants" || v === "headcount" || v === "rate";

function SortHeader({ label, sortKey, current, t, align = "right" }: { label: string; sortKey: UnitSortKey; current: { key: UnitSortKey; dir: SortDir }; t: Translate; align?: "left" | "right" }) {
  const location = useLocation();
  const active = current.key === sortKey;
  const nextDir: SortDir = active ? (current.dir === "asc" ? "desc" : "asc") : sortKey === "code" ? "asc" : "desc";
  const params = new URLSearchParams(location.search);
  params.set("sort", sortKey);
  params.set("dir", nextDir);
  return (
    <th scope="col" className={align === "right" ? numTh : thCls} aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        to={`?${params}#units-title`}
        preventScrollReset
        className="inline-flex items-center gap-1 text-brand-700 underline decoration-dotted underline-offset-2 hover:text-brand-900 print:text-slate-800 print:no-underline"
        aria-label={t("reports.sortBy", { column: label, dir: t(`reports.dir.${nextDir}`) })}
      >
        <span>{label}</span>
        <span aria-hidden="true" className="text-xs print:hidden">
          {active ? (current.dir === "desc" ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </th>
  );
}

export function sortUnitRows<R extends { code: string; participants: number; headcount: number; rate: number | null; isScopeRoot?: boolean }>(rows: R[], sort: { key: UnitSortKey; dir: SortDir }): R[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const value = (r: R) => (sort.key === "rate" ? r.rate ?? -1 : sort.key === "code" ? 0 : r[sort.key]);
  return [...rows].sort((a, b) => {
    if (sort.key === "code") {
      if (a.isScopeRoot !== b.isScopeRoot) return a.isScopeRoot ? -1 : 1;
      return sign * (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    }
    return sign * (value(a) - value(b)) || (a.code < b.code ? -1 : 1);
  });
}

/** Participants, headcount and rate per row, with a total row. `sort` makes the headers sort links (by GET). */
export function RateTable({
  id,
  caption,
  labelHeader,
  rows,
  total,
  t,
  sort,
  printBars = true,
}: {
  /** false: leave the bar column out of the print (narrow half-width tables on A4). */
  printBars?: boolean;
  id: string;
  caption: string;
  labelHeader: string;
  rows: RateRow[];
  total: { participants: number; headcount: number; rate: number | null };
  t: Translate;
  sort?: { key: UnitSortKey; dir: SortDir };
}) {
  const maxRate = Math.max(0, ...rows.map((r) => r.rate ?? 0));
  const barCell = printBars ? "hidden sm:table-cell print:table-cell" : "hidden sm:table-cell print:hidden";
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="min-w-full divide-y divide-slate-200 text-sm print:text-xs" data-testid={`table-${id}`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {sort ? <SortHeader label={labelHeader} sortKey="code" current={sort} t={t} align="left" /> : <th scope="col" className={thCls}>{labelHeader}</th>}
            {sort ? <SortHeader label={t("reports.col.participants")} sortKey="participants" current={sort} t={t} /> : <th scope="col" className={numTh}>{t("reports.col.participants")}</th>}
            {sort ? <SortHeader label={t("reports.col.headcount")} sortKey="headcount" current={sort} t={t} /> : <th scope="col" className={numTh}>{t("reports.col.headcount")}</th>}
            {sort ? <SortHeader label={t("reports.col.rate")} sortKey="rate" current={sort} t={t} /> : <th scope="col" className={numTh}>{t("reports.col.rate")}</th>}
            <th scope="col" className={`${thCls} w-1/4 ${barCell}`}>
              <span className="sr-only">{t("reports.col.bar")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key} data-testid="rate-row" data-key={row.key}>
              <th scope="row" className={`${tdCls} whitespace-nowrap text-left font-normal`}>
                {row.label}
              </th>
              <td className={numTd} data-col="participants">
                {fmtCount(row.participants)}
              </td>
              <td className={numTd} data-col="headcount">
                {fmtCount(row.headcount)}
              </td>
              <td className={numTd} data-col="rate">
                {fmtRate(row.rate)}
              </td>
              <td className={`px-3 py-2.5 align-top ${barCell}`}>
                <RateBar rate={row.rate} max={maxRate} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300 font-semibold">
            <th scope="row" className={`${tdCls} text-left`}>
              {t("reports.total")}
            </th>
            <td className={numTd}>{fmtCount(total.participants)}</td>
            <td className={numTd}>{fmtCount(total.headcount)}</td>
            <td className={numTd}>{fmtRate(total.rate)}</td>
            <td className={barCell} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export interface HistoryTableRow {
  fiscalYear: number;
  label: string;
  asOf: string;
  participants: number;
  sideJob: number;
  jobChallenge: number;
  grossParticipants: number;
  headcount: number;
  participationRate: number;
  target: number | null;
}

/** Every fiscal year with data, oldest first, with the change in 実人数 from the year before. */
export function HistoryTable({ rows, selected, showTarget, t, locale, formatDate }: { rows: HistoryTableRow[]; selected: number; showTarget: boolean; t: Translate; locale: Locale; formatDate: (d: string) => string }) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="min-w-full divide-y divide-slate-200 text-sm print:text-xs" data-testid="table-history">
        <caption className="sr-only">{t("reports.history.title")}</caption>
        <thead>
          <tr>
            <th scope="col" className={thCls}>
              {t("reports.col.fiscalYear")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.participants")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.change")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.sideJob")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.jobChallenge")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.gross")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.headcount")}
            </th>
            <th scope="col" className={numTh}>
              {t("reports.col.rate")}
            </th>
            {showTarget ? (
              <th scope="col" className={numTh}>
                {t("reports.col.target")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, i) => {
            const before = i > 0 ? rows[i - 1].participants : null;
            const change = before === null ? null : row.participants - before;
            return (
              <tr key={row.fiscalYear} className={row.fiscalYear === selected ? "bg-brand-50" : undefined} aria-current={row.fiscalYear === selected ? "true" : undefined} data-testid="history-row" data-fy={row.fiscalYear}>
                <th scope="row" className={`${tdCls} text-left font-normal`}>
                  <span className="whitespace-nowrap font-medium">{fiscalYearLabel(row.fiscalYear, locale)}</span>
                  {locale === "ja" ? <span className="ml-1 whitespace-nowrap text-xs text-slate-600">（{row.fiscalYear}）</span> : null}
                  <span className="block whitespace-nowrap text-xs text-slate-600">{t("reports.history.asOf", { date: formatDate(row.asOf) })}</span>
                </th>
                <td className={`${numTd} font-semibold`}>{fmtCount(row.participants)}</td>
                <td className={numTd}>{change === null ? "—" : change > 0 ? `+${change}` : change < 0 ? `−${Math.abs(change)}` : "±0"}</td>
                <td className={numTd}>{fmtCount(row.sideJob)}</td>
                <td className={numTd}>{fmtCount(row.jobChallenge)}</td>
                <td className={numTd}>{fmtCount(row.grossParticipants)}</td>
                <td className={numTd}>{fmtCount(row.headcount)}</td>
                <td className={numTd}>{fmtRate(row.participationRate)}</td>
                {showTarget ? <td className={numTd}>{row.target === null ? "—" : fmtCount(row.target)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
