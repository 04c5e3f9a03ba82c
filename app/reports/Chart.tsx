import type { Translate } from "../i18n/i18n";
import { groupDigits } from "../i18n/tokyo-time";
import type { Locale } from "../i18n/locale";
import "./messages";

// The monthly cumulative chart of /reports: plain server-rendered SVG (no chart library, no client JS), with the
// same numbers in a table beneath it for screen readers and for print. Three series: this year (solid, capped at
// the as-of date), last year (dashed) and a straight target line from 0 on April 1 to the target on March 31
// (dotted). Dash patterns as well as colours tell them apart, so a black-and-white print still reads.

export interface ChartRow {
  month: string;
  thisYear: number | null;
  /** null when the previous year has no data (the line and its row are left out). */
  lastYear: number | null;
  targetLine: number | null;
}

const W = 960;
const H = 330;
const M = { top: 30, right: 88, bottom: 36, left: 52 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const COLORS = { thisYear: "#174c99", lastYear: "#64748b", target: "#b45309", grid: "#e2e8f0", axis: "#475569", text: "#334155" } as const;
const DASH = { thisYear: undefined, lastYear: "7 5", target: "2 5" } as const;

/** A round upper bound and step for the y axis with at most six intervals. */
export function yScale(max: number): { top: number; step: number } {
  const value = Math.max(max, 1);
  for (const magnitude of [1, 10, 100, 1000, 10000, 100000]) {
    for (const unit of [1, 2, 5]) {
      const step = unit * magnitude;
      if (value / step <= 6) return { top: Math.ceil(value / step) * step, step };
    }
  }
  return { top: value, step: value };
}

export function monthLabel(month: string, locale: Locale): string {
  const m = Number(month.slice(5, 7));
  return locale === "en" ? ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1] : `${m}月`;
}

function Swatch({ color, dash, width = 3 }: { color: string; dash?: string; width?: number }) {
  return (
    <svg width="32" height="10" viewBox="0 0 32 10" aria-hidden="true" className="shrink-0">
      <line x1="1" y1="5" x2="31" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} strokeLinecap="round" />
    </svg>
  );
}

export function CumulativeChart({
  rows,
  target,
  label,
  lastLabel,
  asOfLabel,
  t,
  locale,
}: {
  rows: ChartRow[];
  target: number | null;
  /** 令和8年度 */
  label: string;
  /** 令和7年度 */
  lastLabel: string;
  /** 2026年11月22日 */
  asOfLabel: string;
  t: Translate;
  locale: Locale;
}) {
  const values = rows.flatMap((r) => [r.thisYear ?? 0, r.lastYear ?? 0]);
  const hasLastYear = rows.some((r) => r.lastYear !== null);
  const { top, step } = yScale(Math.max(...values, target ?? 0, 5));
  const x = (i: number) => M.left + (PW * i) / 12;
  const y = (v: number) => M.top + PH - (PH * v) / top;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const current = rows.map((r, i) => ({ i: i + 1, v: r.thisYear })).filter((p): p is { i: number; v: number } => p.v !== null);
  const previous = rows.map((r, i) => ({ i: i + 1, v: r.lastYear })).filter((p): p is { i: number; v: number } => p.v !== null);
  const path = (points: { i: number; v: number }[]) => points.map((p, k) => `${k === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
  const latest = current.at(-1);
  const latestMonth = latest ? monthLabel(rows[latest.i - 1].month, locale) : null;
  const sameMonthLastYear = latest ? rows[latest.i - 1].lastYear : null;

  const desc = [
    latest ? t("reports.chart.desc.current", { label, month: latestMonth ?? "", value: latest.v, asOf: asOfLabel }) : t("reports.chart.desc.none", { label }),
    latest && sameMonthLastYear != null ? t("reports.chart.desc.last", { lastLabel, value: sameMonthLastYear }) : "",
    hasLastYear ? t("reports.chart.desc.lastTotal", { lastLabel, value: rows.at(-1)?.lastYear ?? 0 }) : "",
    target !== null ? t("reports.chart.desc.target", { target }) : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <figure className="space-y-3" aria-labelledby="chart-caption" data-testid="monthly-chart">
      <figcaption id="chart-caption" className="text-base font-semibold text-slate-900">
        {t("reports.chart.caption", { label })}
      </figcaption>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-800" aria-label={t("reports.chart.legend")}>
        <li className="flex items-center gap-2">
          <Swatch color={COLORS.thisYear} />
          {t("reports.chart.series.thisYear", { label })}
        </li>
        {hasLastYear ? (
          <li className="flex items-center gap-2">
            <Swatch color={COLORS.lastYear} dash={DASH.lastYear} width={2} />
            {t("reports.chart.series.lastYear", { label: lastLabel })}
          </li>
        ) : null}
        {target !== null ? (
          <li className="flex items-center gap-2">
            <Swatch color={COLORS.target} dash={DASH.target} width={2.5} />
            {t("reports.chart.series.target", { target })}
          </li>
        ) : null}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">
        <title id="chart-title">{t("reports.chart.title", { label })}</title>
        <desc id="chart-desc">{desc}</desc>
        {/* y grid and labels; shared presentation attributes on the groups (SVG inherits them), not on each mark */}
        <g strokeWidth={1}>
          {ticks.map((v) => (
            <line key={v} x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke={v === 0 ? COLORS.axis : COLORS.grid} />
          ))}
        </g>
        <g textAnchor="end" fontSize="14" fill={COLORS.text}>
          {ticks.map((v) => (
            <text key={v} x={M.left - 8} y={y(v) + 4}>
              {groupDigits(v)}
            </text>
          ))}
        </g>
        <text x={4} y={M.top - 12} textAnchor="start" fontSize="13" fill={COLORS.text}>
          {t("reports.chart.unit")}
        </text>
        {/* x axis: month ends */}
        <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + PH} stroke={COLORS.axis} strokeWidth={1} />
        <g stroke={COLORS.axis}>
          {rows.map((r, i) => (
            <line key={r.month} x1={x(i + 1)} x2={x(i + 1)} y1={M.top + PH} y2={M.top + PH + 5} />
          ))}
        </g>
        <g textAnchor="middle" fontSize="14" fill={COLORS.text}>
          {rows.map((r, i) => (
            <text key={r.month} x={x(i + 1)} y={M.top + PH + 20}>
              {monthLabel(r.month, locale)}
            </text>
          ))}
        </g>
        {/* target line: 0 on April 1 → target on March 31 */}
        {target !== null ? (
          <g>
            <line x1={x(0)} y1={y(0)} x2={x(12)} y2={y(target)} stroke={COLORS.target} strokeWidth={2.5} strokeDasharray={DASH.target} strokeLinecap="round" />
            <text x={x(12) + 6} y={y(target) + 4} fontSize="14" fill={COLORS.target} fontWeight="bold">
              {t("reports.chart.targetLabel", { target })}
            </text>
          </g>
        ) : null}
        {/* last year */}
        {previous.length > 0 ? <path d={path(previous)} fill="none" stroke={COLORS.lastYear} strokeWidth={2} strokeDasharray={DASH.lastYear} /> : null}
        {previous.length > 0 ? (
          <g fill="#fff" stroke={COLORS.lastYear} strokeWidth={1.5}>
            {previous.map((p) => (
              <circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={2.5} />
            ))}
          </g>
        ) : null}
        {/* this year */}
        {current.length > 0 ? <path d={path(current)} fill="none" stroke={COLORS.thisYear} strokeWidth={3} strokeLinejoin="round" /> : null}
        {current.length > 0 ? (
          <g fill={COLORS.thisYear}>
            {current.map((p) => (
              <circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={3.5} />
            ))}
          </g>
        ) : null}
        {latest ? (
          <text x={x(latest.i) + 8} y={y(latest.v) - 8} fontSize="15" fontWeight="bold" fill={COLORS.thisYear}>
            {t("reports.people", { count: latest.v })}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}

/** The chart's numbers as a table (visible, compact; read by screen readers in place of the picture). */
export function ChartTable({ rows, label, lastLabel, target, partialNote, t, locale }: { rows: ChartRow[]; label: string; lastLabel: string; target: number | null; partialNote?: string | null; t: Translate; locale: Locale }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 print:overflow-visible">
      {/* Cell styles once in tailwind.css (`.chart-table`), not on each of the 50 cells. */}
      <table className="chart-table" data-testid="monthly-table">
        <caption className="px-2 py-1.5 text-left text-sm font-semibold text-slate-800">{t("reports.chart.tableCaption", { label })}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col">{t("reports.chart.col.series")}</th>
            {rows.map((r) => (
              <th key={r.month} scope="col">
                {t("reports.chart.col.monthEnd", { month: monthLabel(r.month, locale) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <tr>
            <th scope="row">{t("reports.chart.series.thisYear", { label })}</th>
            {rows.map((r) => (
              <td key={r.month}>
                {r.thisYear === null ? <span aria-label={t("reports.chart.notYet")}>—</span> : r.thisYear}
              </td>
            ))}
          </tr>
          {rows.some((r) => r.lastYear !== null) ? (
            <tr>
              <th scope="row">{t("reports.chart.series.lastYear", { label: lastLabel })}</th>
              {rows.map((r) => (
                <td key={r.month}>
                  {r.lastYear}
                </td>
              ))}
            </tr>
          ) : null}
          {target !== null ? (
            <tr className="text-slate-700">
              <th scope="row">{t("reports.chart.series.targetShort")}</th>
              {rows.map((r) => (
                <td key={r.month}>
                  {r.targetLine?.toFixed(1)}
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
      {partialNote ? <p className="border-t border-slate-100 px-2 py-1.5 text-xs text-slate-600">{partialNote}</p> : null}
    </div>
  );
}
