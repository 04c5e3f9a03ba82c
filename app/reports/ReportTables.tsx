import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import "./messages";
import type { HistoryRow } from "./history.server";
import { fmtCount, fmtRate, historyRowsHtml, rateRowsHtml, type RateRowData } from "./report-rows-html";

export { fmtCount, fmtRate } from "./report-rows-html";

// Tables of the participation dashboard. Numbers right-aligned in tabular figures; the rate as 1.1% (one decimal,
// as the prefecture publishes it); a bar beside the rate for a quick comparison (hidden from assistive technology:
// the number is in the cell before it).

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
  /** The bar beside each rate is printed in colour through PrintStyles' print-color-adjust. */
  rows: RateRowData[];
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
        <tbody dangerouslySetInnerHTML={{ __html: rateRowsHtml(rows, maxRate) }} />
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
        <tbody dangerouslySetInnerHTML={{ __html: historyRowsHtml(rows, { selected, showTarget, t, locale, formatDate }) }} />
      </table>
    </div>
  );
}
