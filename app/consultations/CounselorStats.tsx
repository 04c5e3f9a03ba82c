import type { Translate } from "../i18n/i18n";
import { StatValue } from "./CounselorParts";
import "./counselor.messages";

// HR's aggregate tables of the career consultation room. Cells arrive already suppressed (count null when hidden);
// nothing here can recover a hidden value. Bars are drawn for visible counts only.

export interface StatRow {
  key: string;
  label: string;
  count: number | null;
  suppressed: boolean;
  reason?: "small" | "secondary";
}

export function StatsBreakdown({ id, title, rows, total, threshold, t, labelHeader }: { id: string; title: string; rows: StatRow[]; total: number; threshold: number; t: Translate; labelHeader: string }) {
  const max = Math.max(1, ...rows.map((row) => row.count ?? 0));
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={`breakdown-${id}`}>
      <h2 id={`${id}-title`} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-1.5 pr-3 font-semibold">
              {labelHeader}
            </th>
            <th scope="col" className="w-24 py-1.5 pr-3 text-right font-semibold">
              {t("hrConsult.col.count")}
            </th>
            <th scope="col" className="hidden w-1/3 py-1.5 font-semibold sm:table-cell">
              <span className="sr-only">{t("hrConsult.col.bar")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key} data-testid="stat-row" data-key={row.key} data-suppressed={row.suppressed ? row.reason ?? "small" : undefined}>
              <th scope="row" className="py-1.5 pr-3 text-left font-normal text-slate-900">
                {row.label}
              </th>
              <td className="py-1.5 pr-3 text-right">
                <StatValue count={row.count} reason={row.reason} t={t} threshold={threshold} />
              </td>
              <td className="hidden py-1.5 sm:table-cell" aria-hidden="true">
                {row.count ? (
                  <div className="h-2.5 rounded-sm bg-brand-600/80" style={{ width: `${Math.max(2, (row.count / max) * 100)}%` }} />
                ) : row.suppressed ? (
                  <div className="h-2.5 w-12 rounded-sm" style={{ backgroundImage: "repeating-linear-gradient(45deg, #e2e8f0 0, #e2e8f0 4px, transparent 4px, transparent 8px)" }} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300">
            <th scope="row" className="py-1.5 pr-3 text-left font-semibold text-slate-900">
              {t("hrConsult.total")}
            </th>
            <td className="py-1.5 pr-3 text-right font-semibold tabular-nums">{total.toLocaleString("ja-JP")}</td>
            <td className="hidden sm:table-cell" />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

export function StatTile({ label, value, hint, testId }: { label: string; value: number; hint?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-bold tabular-nums text-slate-900">{value.toLocaleString("ja-JP")}</p>
      {hint ? <p className="mt-1 text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}
