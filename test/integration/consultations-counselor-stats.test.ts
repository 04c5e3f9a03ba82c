import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "~/calendar/business-days";
import { StatsBreakdown } from "~/consultations/CounselorStats";
import { getConsultationStats, listStatsFiscalYears } from "~/consultations/stats.server";
import { fiscalYearOf } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import { loader } from "~/routes/hr.consultations";
import type { BookingStatus, ConsultationMode, ConsultationTopic } from "../../db/schema";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, request, respond, sessionCookie } from "../helpers/factories";
import { buildCounselorWorld, days, fromNow, insertBooking, type CounselorWorld } from "./consultations-counselor-fixtures";

// HR's aggregates on hand-made fixtures for 令和6年度 (FY2024): only counts leave the database, and every
// breakdown is suppressed — a 部局 with 2 sessions shows 「3未満」 and a second 部局 is hidden with it.
//
// Held (completed) sessions in FY2024, 14 in all:
//   総務部/人事課   E1 (born 1995: 29 in 2024 → 20代)  2  — 2024-05-10 (online, skills), 2024-06-12 (other)
//   観光部/観光振興課 E2 (born 1994: 30 → 30代)        5  — 2024-05-13, 05-14, 06-03, 06-04, 06-05 (transfer)
//   土木部/道路課   E3 (born 1970: 54/55 → 50代)       7  — 2024-07-01, 10-01, 10-02, 10-03 (career_plan),
//                                                         2025-03-03, 03-04 (online, career_plan), 03-31 (online, skills)
//   農林水産部      nobody                              0
// plus, not held: a no-show and a cancellation in FY2024, a past session never recorded, and held sessions just
// outside the year (2024-03-29, 2025-04-01).

const t = useTestDatabase();
let w: CounselorWorld;
let hrCookie: string;
const names: string[] = [];
const SECRET_NOTE = "人事評価に納得できない（秘密のメモ）";

const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+09:00`);

beforeAll(async () => {
  w = await buildCounselorWorld(t.db);
  hrCookie = await sessionCookie(w.people.hr.id);
  const doboku = await createDepartment(t.db, { name: "土木部" });
  const road = await createDepartment(t.db, { name: "道路課", parentId: doboku.id });
  const section = await createDepartment(t.db, { name: "道路維持係", parentId: road.id }); // three levels deep
  await createDepartment(t.db, { name: "農林水産部" });
  const e1 = await createEmployee(t.db, { departmentId: w.units.jinji.id, name: "佐藤 一郎", birthYear: 1995 });
  const e2 = await createEmployee(t.db, { departmentId: w.units.kankoShinko.id, name: "鈴木 花子", birthYear: 1994 });
  const e3 = await createEmployee(t.db, { departmentId: section.id, name: "田中 三郎", birthYear: 1970 });
  names.push(e1.name, e2.name, e3.name, e1.employee_no, e2.employee_no, e3.employee_no);

  const c = w.people.counselor.id;
  const held = (employeeId: number, date: string, topic: ConsultationTopic, mode: ConsultationMode = "in_person", status: BookingStatus = "completed") =>
    insertBooking(t.db, { counselorId: c, employeeId, startsAt: at(date), topic, mode, status, note: SECRET_NOTE });

  await held(e1.id, "2024-05-10", "skills", "online");
  await held(e1.id, "2024-06-12", "other");
  for (const date of ["2024-05-13", "2024-05-14", "2024-06-03", "2024-06-04", "2024-06-05"]) await held(e2.id, date, "transfer");
  for (const date of ["2024-07-01", "2024-10-01", "2024-10-02", "2024-10-03"]) await held(e3.id, date, "career_plan");
  await held(e3.id, "2025-03-03", "career_plan", "online");
  await held(e3.id, "2025-03-04", "career_plan", "online");
  await held(e3.id, "2025-03-31", "skills", "online");

  await held(e2.id, "2024-08-05", "transfer", "in_person", "no_show");
  await held(e1.id, "2024-09-02", "relationships", "in_person", "cancelled");
  await held(e3.id, "2024-11-05", "work_life", "in_person", "booked"); // past, never recorded
  await held(e1.id, "2024-03-29", "relationships"); // FY2023
  await held(e2.id, "2025-04-01", "relationships"); // FY2025
});

describe("getConsultationStats (FY2024)", () => {
  it("totals: held sessions, no-shows and unrecorded past sessions; cancelled ones nowhere", async () => {
    const stats = await getConsultationStats(t.db, { fiscalYear: 2024 });
    expect(stats).toMatchObject({ fiscalYear: 2024, firstDay: "2024-04-01", lastDay: "2025-03-31", threshold: 3 });
    expect(stats.totals).toEqual({ held: 14, upcoming: 0, awaitingRecord: 1, noShow: 1 });
  });

  it("by 部局 (top-level unit, through any depth): 2 → 「3未満」, and the smallest other non-zero 部局 hidden with it", async () => {
    const stats = await getConsultationStats(t.db, { fiscalYear: 2024 });
    const byName = Object.fromEntries(stats.byBureau.map((cell) => [cell.label, { count: cell.count, reason: cell.reason ?? null }]));
    expect(byName).toEqual({
      総務部: { count: null, reason: "small" },
      観光部: { count: null, reason: "secondary" },
      土木部: { count: 7, reason: null },
      農林水産部: { count: 0, reason: null },
    });
  });

  it("by month: April … March in Asia/Tokyo; a lone small month is hidden with the smallest other month", async () => {
    const stats = await getConsultationStats(t.db, { fiscalYear: 2024 });
    expect(stats.byMonth.map((cell) => cell.key)).toEqual(["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]);
    expect(Object.fromEntries(stats.byMonth.map((cell) => [cell.key, cell.suppressed ? cell.reason : cell.count]))).toEqual({
      "2024-04": 0,
      "2024-05": "secondary", // 3, the first of the smallest remaining
      "2024-06": 4,
      "2024-07": "small", // 1
      "2024-08": 0, // the no-show is not a held session
      "2024-09": 0,
      "2024-10": 3,
      "2024-11": 0,
      "2024-12": 0,
      "2025-01": 0,
      "2025-02": 0,
      "2025-03": 3, // 03-31 10:00 JST is still FY2024
    });
  });

  it("by mode (nothing small), by topic (two small cells → just those two) and by age band (age reached in the session's year)", async () => {
    const stats = await getConsultationStats(t.db, { fiscalYear: 2024 });
    const flat = (cells: { key: string; count: number | null; suppressed: boolean; reason?: string }[]) => Object.fromEntries(cells.map((c) => [c.key, c.suppressed ? c.reason : c.count]));
    expect(flat(stats.byMode)).toEqual({ in_person: 10, online: 4 });
    expect(flat(stats.byTopic)).toEqual({ career_plan: 6, transfer: 5, skills: "small", work_life: 0, relationships: 0, other: "small" });
    expect(flat(stats.byAge)).toEqual({ "20s": "small", "30s": "secondary", "40s": 0, "50s": 7, "60plus": 0 });
  });

  it("a hidden cell's count is not in the result at all", async () => {
    const stats = await getConsultationStats(t.db, { fiscalYear: 2024 });
    for (const cells of [stats.byMonth, stats.byMode, stats.byTopic, stats.byBureau, stats.byAge]) {
      for (const cell of cells) if (cell.suppressed) expect(cell.count).toBeNull();
    }
  });

  it("neighbouring years count only their own sessions", async () => {
    const fy2023 = await getConsultationStats(t.db, { fiscalYear: 2023 });
    expect(fy2023.totals.held).toBe(1);
    expect(fy2023.byTopic.find((c) => c.key === "relationships")).toEqual({ key: "relationships", count: null, suppressed: true, reason: "small" });
    const fy2025 = await getConsultationStats(t.db, { fiscalYear: 2025 });
    expect(fy2025.totals.held).toBe(1);
  });

  it("upcoming bookings are a total only, in the year they fall in", async () => {
    const start = fromNow(days(3));
    await insertBooking(t.db, { counselorId: w.people.otherCounselor.id, employeeId: w.people.otherEmployee.id, startsAt: start });
    const stats = await getConsultationStats(t.db, { fiscalYear: fiscalYearOf(tokyoDate(start)) });
    expect(stats.totals.upcoming).toBe(1);
  });
});

describe("the /hr/consultations page", () => {
  it("offers the fiscal years from the first booking to now, latest first", async () => {
    const years = await listStatsFiscalYears(t.db);
    const current = fiscalYearOf(tokyoDate(new Date()));
    expect(years[0]).toBeGreaterThanOrEqual(current);
    expect(years.at(-1)).toBe(2023);
    expect(years).toContain(2024);
  });

  it("the loader sends aggregates only: no names, staff numbers, notes, times or booking ids", async () => {
    const res = await respond(() => loader({ request: request("/hr/consultations?fy=2024", { cookie: hrCookie }), params: {}, context: {} }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.stats).toEqual(JSON.parse(JSON.stringify(await getConsultationStats(t.db, { fiscalYear: 2024 }))));
    expect(Object.keys(data).sort()).toEqual(["stats", "years"]);
    for (const secret of [...names, SECRET_NOTE, "秘密", w.people.counselor.name, "employee", "starts_at", "ics_uid", "T01:00:00"]) expect(text, secret).not.toContain(secret);
  });

  it("an unknown ?fy falls back to the current year", async () => {
    const res = await respond(() => loader({ request: request("/hr/consultations?fy=1999", { cookie: hrCookie }), params: {}, context: {} }));
    expect((await res.json()).stats.fiscalYear).toBe(fiscalYearOf(tokyoDate(new Date())));
  });

  it("the page shows 「3未満」 for the 部局 with 2 sessions and 「＊」 for the one hidden with it; the total stays", async () => {
    const stats = await getConsultationStats(t.db, { fiscalYear: 2024 });
    const html = renderToStaticMarkup(
      createElement(StatsBreakdown, { id: "bureau", title: "部局別", labelHeader: "部局", rows: stats.byBureau, total: stats.totals.held, threshold: stats.threshold, t: translator("ja") }),
    );
    const row = (label: string) => html.slice(html.indexOf(`>${label}</th>`), html.indexOf("</tr>", html.indexOf(`>${label}</th>`)));
    expect(row("総務部")).toContain("3未満");
    expect(row("観光部")).toContain("＊");
    expect(row("観光部")).not.toContain(">5<");
    expect(row("土木部")).toContain(">7<");
    expect(row("農林水産部")).toContain(">0<");
    expect(html).toContain(">14<");
  });
});
