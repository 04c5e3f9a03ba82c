import { Link, useLocation } from "@remix-run/react";
import { groupDigits } from "../i18n/tokyo-time";
import type { CSSProperties, ReactNode } from "react";
import type { Translate } from "../i18n/i18n";
import { fiscalYearLabel } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import "./messages";
import type { HistoryRow } from "./history.server";

// Tables of the participation dashboard. Numbers right-aligned in tabular figures; the rate as 1.1% (one decimal,
// as the prefecture publishes it); a bar beside the rate for a quick comparison (hidden from assistive technology:
// the number is in the cell before it).

// Counts are integers: grouped by arithmetic, which costs far less per cell than Intl.NumberFormat.
export const fmtCount = (n: number) => groupDigits(n);
/** 0.011139… → "1.1%"; null → "—". */
export const fmtRate = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

export const thCls = "px-3 py-2 text-left font-semibold text-slate-700 bg-slate-50 align-bottom print:px-1.5 print:py-1";
export const numTh = "px-3 py-2 text-right font-semibold text-slate-700 bg-slate-50 align-bottom whitespace-nowrap print:whitespace-normal print:px-1.5 print:py-1";

/**
 * The dashboard tables' cells are styled by `.report-table` in tailwind.css (numbers in `td`, row labels in
 * `th scope="row"`, column headers right-aligned but the first), and the 部局 / grade / age tables' bar column by
 * `.rate-table`: repeated on every cell, the same class lists made most of the page's HTML.
 */
const tableCls = "report-table";

export function Section({ id, title, lead, children, className = "" }: { id: string; title: ReactNode; lead?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={`${id}-title`} className={className ? `report-section ${className}` : "report-section"} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {lead ? <p>{lead}</p> : null}
      <div>{children}</div>
    </section>
  );
}

// Printed in colour through PrintStyles' print-color-adjust, like the rest of the page. One element: the track,
// whose ::after is the filled part (`.rate-bar` in tailwind.css), as wide as --bar.
function RateBar({ rate, max }: { rate: number | null; max: number }) {
  if (rate === null || max <= 0) return null;
  return <div className="rate-bar" style={{ "--bar": `${Math.min(100, Math.max(rate > 0 ? 2 : 0, (rate / max) * 100)).toFixed(1)}%` } as CSSProperties} />;
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

function SortHeader({ label, sortKey, current, t }: { label: string; sortKey: UnitSortKey; current: { key: UnitSortKey; dir: SortDir }; t: Translate }) {
  const location = useLocation();
  const active = current.key === sortKey;
  const nextDir: SortDir = active ? (current.dir === "asc" ? "desc" : "asc") : sortKey === "code" ? "asc" : "desc";
  const params = new URLSearchParams(location.search);
  params.set("sort", sortKey);
  params.set("dir", nextDir);
  return (
    <th scope="col" aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : "none"}>
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
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className={`${tableCls} ${printBars ? "rate-table" : "rate-table rate-table-no-print-bars"}`} data-testid={`table-${id}`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {sort ? <SortHeader label={labelHeader} sortKey="code" current={sort} t={t} /> : <th scope="col">{labelHeader}</th>}
            {sort ? <SortHeader label={t("reports.col.participants")} sortKey="participants" current={sort} t={t} /> : <th scope="col">{t("reports.col.participants")}</th>}
            {sort ? <SortHeader label={t("reports.col.headcount")} sortKey="headcount" current={sort} t={t} /> : <th scope="col">{t("reports.col.headcount")}</th>}
            {sort ? <SortHeader label={t("reports.col.rate")} sortKey="rate" current={sort} t={t} /> : <th scope="col">{t("reports.col.rate")}</th>}
            <th scope="col">
              <span className="sr-only">{t("reports.col.bar")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="rate-row" data-key={row.key}>
              <th scope="row">{row.label}</th>
              <td data-col="participants">{fmtCount(row.participants)}</td>
              <td data-col="headcount">{fmtCount(row.headcount)}</td>
              <td data-col="rate">{fmtRate(row.rate)}</td>
              <td>
                <RateBar rate={row.rate} max={maxRate} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300 font-semibold">
            <th scope="row">{t("reports.total")}</th>
            <td>{fmtCount(total.participants)}</td>
            <td>{fmtCount(total.headcount)}</td>
            <td>{fmtRate(total.rate)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** A year of the history table: what participationHistory computes (type only — the query stays on the server). */
export type HistoryTableRow = HistoryRow;

/** Every fiscal year with data, oldest first, with the change in 実人数 from the year before. */
export function HistoryTable({ rows, selected, showTarget, t, locale, formatDate }: { rows: HistoryTableRow[]; selected: number; showTarget: boolean; t: Translate; locale: Locale; formatDate: (d: string) => string }) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className={`${tableCls} history-table`} data-testid="table-history">
        <caption className="sr-only">{t("reports.history.title")}</caption>
        <thead>
          <tr>
            <th scope="col">
              {t("reports.col.fiscalYear")}
            </th>
            <th scope="col">
              {t("reports.col.participants")}
            </th>
            <th scope="col">
              {t("reports.col.change")}
            </th>
            <th scope="col">
              {t("reports.col.sideJob")}
            </th>
            <th scope="col">
              {t("reports.col.jobChallenge")}
            </th>
            <th scope="col">
              {t("reports.col.gross")}
            </th>
            <th scope="col">
              {t("reports.col.headcount")}
            </th>
            <th scope="col">
              {t("reports.col.rate")}
            </th>
            {showTarget ? (
              <th scope="col">
                {t("reports.col.target")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const before = i > 0 ? rows[i - 1].participants : null;
            const change = before === null ? null : row.participants - before;
            return (
              <tr key={row.fiscalYear} className={row.fiscalYear === selected ? "bg-brand-50" : undefined} aria-current={row.fiscalYear === selected ? "true" : undefined} data-testid="history-row" data-fy={row.fiscalYear}>
                <th scope="row">
                  <span>{fiscalYearLabel(row.fiscalYear, locale)}</span>
                  {locale === "ja" ? <span>（{row.fiscalYear}）</span> : null}
                  <span>{t("reports.history.asOf", { date: formatDate(row.asOf) })}</span>
                </th>
                <td className="font-semibold">{fmtCount(row.participants)}</td>
                <td>{change === null ? "—" : change > 0 ? `+${change}` : change < 0 ? `−${Math.abs(change)}` : "±0"}</td>
                <td>{fmtCount(row.sideJob)}</td>
                <td>{fmtCount(row.jobChallenge)}</td>
                <td>{fmtCount(row.grossParticipants)}</td>
                <td>{fmtCount(row.headcount)}</td>
                <td>{fmtRate(row.participationRate)}</td>
                {showTarget ? <td>{row.target === null ? "—" : fmtCount(row.target)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
