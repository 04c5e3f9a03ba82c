import { beforeAll, describe, expect, it } from "vitest";
import { participationHistory } from "~/reports/history.server";
import { monthlyComparison, monthlyCumulative } from "~/reports/monthly.server";
import { participationReport } from "~/reports/participation.server";
import { fiscalYearBounds } from "~/reports/fiscal-year";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee } from "../helpers/factories";
import { historyRowOf } from "./reports-dashboard-fixtures";
import { buildHistoryWorld, type HistoryWorld } from "./reports-history-fixtures";

// The year-over-year table and the monthly chart are computed set-based (all years, all months at once). They must
// give exactly what one participationReport per year / per month end gives — checked here on an irregular seeded
// organisation, and against the figures the per-year implementation produced on the same data (written down before
// it was replaced).

const t = useTestDatabase();
let w: HistoryWorld;
const YEARS = Array.from({ length: 13 }, (_, i) => 2014 + i);

beforeAll(async () => {
  w = await buildHistoryWorld(t.db);
});

const scopes = () =>
  [
    ["prefecture", null],
    ["部局", w.bureaus[1]],
    ["unit with a sub-unit", w.units.parent],
    ["leaf unit", w.units.leaf],
  ] as const;

async function perYear(years: number[], departmentId: number | null, today: string) {
  const rows = [];
  for (const fiscalYear of years) {
    rows.push(historyRowOf(await participationReport(t.db, { fiscalYear, departmentId }, today)));
  }
  return rows;
}

describe("participationHistory", () => {
  it("gives the figures of the per-year implementation on the seeded data", async () => {
    const compact = async (departmentId: number | null) =>
      (await participationHistory(t.db, { years: YEARS, departmentId }, "2026-11-22")).map((r) => [r.fiscalYear, r.participants, r.sideJob, r.jobChallenge, r.headcount]);
    expect(await compact(null)).toEqual([
      [2014, 16, 11, 6, 32], [2015, 28, 24, 9, 34], [2016, 32, 25, 11, 37], [2017, 30, 23, 8, 39], [2018, 37, 28, 11, 41], [2019, 34, 25, 13, 41], [2020, 35, 30, 11, 41],
      [2021, 46, 40, 12, 47], [2022, 42, 34, 10, 52], [2023, 42, 34, 9, 59], [2024, 39, 28, 12, 64], [2025, 38, 27, 14, 63], [2026, 33, 24, 11, 57],
    ]);
    expect(await compact(w.units.parent)).toEqual([
      [2014, 0, 0, 0, 7], [2015, 4, 4, 0, 7], [2016, 3, 3, 0, 7], [2017, 3, 3, 0, 8], [2018, 4, 4, 0, 9], [2019, 4, 4, 1, 9], [2020, 5, 5, 2, 9],
      [2021, 5, 5, 0, 9], [2022, 5, 5, 0, 11], [2023, 4, 4, 0, 12], [2024, 6, 4, 2, 12], [2025, 7, 5, 2, 12], [2026, 8, 6, 2, 12],
    ]);
  });

  it("equals participationReport year by year, for every scope and for today on a boundary or inside a year", async () => {
    for (const today of ["2026-11-22", "2026-04-01", "2027-03-31", "2025-03-31", "2020-07-15"]) {
      for (const [label, departmentId] of scopes()) {
        const years = YEARS.filter((fy) => fy <= Number(today.slice(0, 4)));
        const history = await participationHistory(t.db, { years, departmentId }, today);
        const current = history.at(-1)!.fiscalYear;
        expect(history, `${label}, today ${today}`).toEqual(await perYear(years.filter((fy) => fy <= current), departmentId, today));
      }
    }
  });

  it("keeps the targets of the prefecture's rows, leaves years after the current one out and takes any order", async () => {
    await t.db.insertInto("participation_targets").values([{ fiscal_year: 2015, target: 40 }, { fiscal_year: 2026, target: 50 }]).execute();
    try {
      const history = await participationHistory(t.db, { years: [2026, 2027, 2015, 2015], departmentId: null }, "2026-11-22");
      expect(history.map((r) => [r.fiscalYear, r.target])).toEqual([
        [2015, 40],
        [2026, 50],
      ]);
      expect(history).toEqual(await perYear([2015, 2026], null, "2026-11-22"));
      expect((await participationHistory(t.db, { years: [2026], departmentId: w.bureaus[0] }, "2026-11-22"))[0].target).toBeNull();
      expect(await participationHistory(t.db, { years: [2030], departmentId: null }, "2026-11-22")).toEqual([]);
    } finally {
      await t.db.deleteFrom("participation_targets").where("fiscal_year", "in", [2015, 2026]).execute();
    }
  });

  it("counts years more than one bit mask apart (1962 … 2026) like the per-year report", async () => {
    const unit = await createDepartment(t.db, { name: "昭和課" });
    const host = await createDepartment(t.db, { name: "昭和受入課" });
    const early = await createEmployee(t.db, { departmentId: unit.id, hiredOn: "1960-04-01" });
    const late = await createEmployee(t.db, { departmentId: unit.id, hiredOn: "1961-04-01", leftOn: "1990-03-31" });
    const record = (employeeId: number, startOn: string, endOn: string | null, key: string) =>
      t.db.insertInto("participations").values({ employee_id: employeeId, scheme: "side_job", title: "昭和の事業", host_department_id: host.id, start_on: startOn, end_on: endOn, source: "import", import_key: key }).execute();
    await record(early.id, "1962-05-01", null, "showa-1");
    await record(late.id, "1963-04-01", "1989-03-31", "showa-2");
    try {
      const years = [1962, 1963, 1988, 1989, 2021, 2022, 2023, 2024, 2025, 2026];
      const history = await participationHistory(t.db, { years, departmentId: unit.id }, "2026-11-22");
      expect(history).toEqual(await perYear(years, unit.id, "2026-11-22"));
      expect(history.map((r) => r.participants)).toEqual([1, 2, 2, 1, 1, 1, 1, 1, 1, 1]);
    } finally {
      // The seeded figures the other cases expect stay as they were.
      await t.db.deleteFrom("participations").where("import_key", "in", ["showa-1", "showa-2"]).execute();
      await t.db.deleteFrom("employees").where("id", "in", [early.id, late.id]).execute();
    }
  });
});

describe("monthlyCumulative", () => {
  it("gives the figures of the per-month-end implementation on the seeded data", async () => {
    const series = async (fiscalYear: number, asOf: string) => (await monthlyCumulative(t.db, { fiscalYear, asOf }, "2026-11-22")).map((p) => p.cumulative);
    expect(await series(2026, "2026-11-22")).toEqual([29, 30, 31, 32, 33, 33, 33, 33, null, null, null, null]);
    expect(await series(2025, "2026-03-31")).toEqual([28, 28, 29, 30, 30, 32, 34, 36, 36, 36, 36, 38]);
    expect(await series(2019, "2019-09-15")).toEqual([27, 27, 28, 29, 29, 29, null, null, null, null, null, null]);
  });

  it("equals participationReport as of each month end (or the as-of date), for every scope", async () => {
    for (const [fiscalYear, asOf] of [[2016, undefined], [2021, "2021-04-01"], [2023, "2024-02-29"], [2026, undefined], [2026, "2027-03-31"]] as const) {
      for (const [label, departmentId] of scopes()) {
        const points = await monthlyCumulative(t.db, { fiscalYear, asOf, departmentId }, "2026-11-22");
        const cutoff = asOf ?? (fiscalYear === 2026 ? "2026-11-22" : fiscalYearBounds(fiscalYear).last);
        for (const point of points) {
          const expected = `${point.month}-01` > cutoff ? null : (await participationReport(t.db, { fiscalYear, asOf: point.monthEnd < cutoff ? point.monthEnd : cutoff, departmentId }, "2026-11-22")).participants;
          expect(point.cumulative, `${label}, FY${fiscalYear} as of ${cutoff}, ${point.month}`).toBe(expected);
        }
      }
    }
  });

  it("monthlyComparison puts last year's full year beside this year's", async () => {
    const rows = await monthlyComparison(t.db, { fiscalYear: 2026, asOf: "2026-11-22", departmentId: null, target: 60 }, "2026-11-22");
    expect(rows.map((r) => r.lastYear)).toEqual([28, 28, 29, 30, 30, 32, 34, 36, 36, 36, 36, 38]);
    expect(rows.map((r) => r.thisYear)).toEqual([29, 30, 31, 32, 33, 33, 33, 33, null, null, null, null]);
    expect(rows.map((r) => r.targetLine)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  });
});
