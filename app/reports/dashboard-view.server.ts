import type { Executor } from "../../db/client.server";
import { fiscalYearOf, todayInTokyo } from "../i18n/format";
import { listReportYears, loadDashboard, resolveAsOf, type Dashboard } from "./dashboard.server";
import { cachedReport } from "./report-cache.server";

// What /reports shows for a request: the years offered, the fiscal year and as-of date resolved against them, and
// the dashboard — computed together in one snapshot and cached under the report data's version (ADR 005), so a
// repeated view costs one small query and never shows figures older than the last committed change.

export interface DashboardRequest {
  /** The `fy` parameter as sent (null when absent). */
  fy: string | null;
  /** The `asOf` parameter as sent (null when absent). */
  asOf: string | null;
  /** null: the whole prefecture (hr_admin); a unit the caller may see (supervisor). */
  departmentId: number | null;
  includeConsultations: boolean;
}

export interface DashboardView extends Dashboard {
  years: number[];
  fiscalYear: number;
  asOf: string;
  asOfIgnored: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** With `options.request` (the HTTP request), its session's read of the data version serves (ADR 012). */
export async function loadDashboardView(db: Executor, request: DashboardRequest, today = todayInTokyo(), options: { request?: Request } = {}): Promise<DashboardView> {
  // Every malformed as-of value resolves the same way, so they share one key: a client cannot grow the key space
  // with junk (the number of entries is bounded anyway).
  const asOfParam = !request.asOf ? "" : DATE.test(request.asOf) ? request.asOf : "invalid";
  const requestedFy = Number(request.fy);
  const key = ["dashboard", today, Number.isInteger(requestedFy) ? requestedFy : "", asOfParam, request.departmentId ?? "all", request.includeConsultations].join("|");
  return cachedReport(db, key, async (trx) => {
    const years = await listReportYears(trx, today);
    const fiscalYear = years.includes(requestedFy) ? requestedFy : fiscalYearOf(today);
    const { asOf, ignored } = resolveAsOf(asOfParam, fiscalYear, today);
    const dashboard = await loadDashboard(trx, { fiscalYear, asOf, departmentId: request.departmentId, includeConsultations: request.includeConsultations, years }, today);
    return { ...dashboard, years, fiscalYear, asOf, asOfIgnored: ignored };
  }, options);
}
