import type { DB } from "../../db/client.server";
import type { ParticipationScheme } from "../../db/schema";
import type { HistoryRow } from "../../app/reports/history.server";
import type { ParticipationReport } from "../../app/reports/participation.server";
import { createDepartment, createEmployee } from "../helpers/factories";

// Hand-made fixtures of the participation dashboard tests (FY2024 = 令和6年度; D = 2024-10-01).
//
//   A局 ─ A1課 ─ A1係          B局 ─ B1課          C局 ─ C1課          Z局 ─ Z1課
//        └ A2課
//
//   who        unit  grade  born  employed                 records (host)                                  counts as of D?
//   e1 相川    A1課  主事   1998  yes                      side_job 2024-05-10 → open (B1)                  yes  庁内複業（募集）
//   e2 井上    A1係  主任   1990  yes                      job_challenge 2024-08-01 → 2025-03-31 (B1)      yes  ジョブチャレンジ
//   e3 上田    A2課  係長   1980  yes                      contest_project 2024-08-01 → open (B1)          yes  庁内複業（コンテスト）
//   e4 小野    B1課  主事   1970  yes                      contest_project 2024-08-01 → open (B1 = own)    engaged only, not side work
//   e5 加藤    B1課  課長   1964  yes                      —
//   e6 江藤    A1課  主事   1994  left 2024-06-30          side_job 2024-04-15 → 2024-06-30 (B1)           yes (participant, not headcount)
//   e7 菊池    A2課  主任   1985  hired 2024-11-01         job_challenge 2024-12-01 → open (B1)            no (starts after D; yes at year end)
//   e8 木村    B1課  主任   1992  yes                      side_job 2024-09-01 + job_challenge 2024-09-15  yes, once
//   e9 久保    A2課  主事   2000  yes                      side_job 2023-10-01 → 2024-04-30 (B1)           yes (spans two years)
//   e10 小林   B1課  技師   1975  yes                      job_challenge 2023-05-01 → 2024-03-31 (A2)      no (ended before April)
//   supervisor A1課  課長   1970  yes   supervisor of A1課
//   hr         Z1課  係長   1984  yes   hr_admin, also the counsellor of the bookings below
//   employee   Z1課  主事   2001  yes   no role
//   twoUnits   Z1課  課長   1968  hired 2025-04-01   supervisor of A2課 and B1課
//   c1, c2     C1課  主事         hired 2025-04-01   side_job 2025-05-20 / job_challenge 2025-08-03 (B1) — FY2025 only
//
// As of D, prefecture: participants 6, headcount 11, gross 7, sideJob 5 (postings 4, contest 1), jobChallenge 2,
// engaged 2; consultations 6 (May 4, July 1, October 1). The FY2024 target is 10.

export interface ReportsWorld {
  units: Record<"bureauA" | "a1" | "a1x" | "a2" | "bureauB" | "b1" | "bureauC" | "c1" | "bureauZ" | "z1", { id: number; name: string }>;
  people: Record<"e1" | "e2" | "e3" | "e4" | "e5" | "e6" | "e7" | "e8" | "e9" | "e10" | "supervisor" | "hr" | "employee" | "twoUnits" | "c1" | "c2", { id: number; name: string }>;
}

export async function buildReportsWorld(db: DB): Promise<ReportsWorld> {
  const bureauA = await createDepartment(db, { name: "A局", code: "A00" });
  const a1 = await createDepartment(db, { name: "A1課", code: "A10", parentId: bureauA.id });
  const a1x = await createDepartment(db, { name: "A1係", code: "A11", parentId: a1.id });
  const a2 = await createDepartment(db, { name: "A2課", code: "A20", parentId: bureauA.id });
  const bureauB = await createDepartment(db, { name: "B局", code: "B00" });
  const b1 = await createDepartment(db, { name: "B1課", code: "B10", parentId: bureauB.id });
  const bureauC = await createDepartment(db, { name: "C局", code: "C00" });
  const c1u = await createDepartment(db, { name: "C1課", code: "C10", parentId: bureauC.id });
  const bureauZ = await createDepartment(db, { name: "Z局", code: "Z00" });
  const z1 = await createDepartment(db, { name: "Z1課", code: "Z10", parentId: bureauZ.id });

  const person = (departmentId: number, name: string, nameKana: string, grade: string, birthYear: number, extra: { hiredOn?: string; leftOn?: string } = {}) =>
    createEmployee(db, { departmentId, name, nameKana, grade, birthYear, hiredOn: extra.hiredOn ?? "2015-04-01", leftOn: extra.leftOn ?? null });

  const e1 = await person(a1.id, "相川 一郎", "アイカワ イチロウ", "主事", 1998);
  const e2 = await person(a1x.id, "井上 二郎", "イノウエ ジロウ", "主任", 1990);
  const e3 = await person(a2.id, "上田 三郎", "ウエダ サブロウ", "係長", 1980);
  const e4 = await person(b1.id, "小野 四郎", "オノ シロウ", "主事", 1970);
  const e5 = await person(b1.id, "加藤 五郎", "カトウ ゴロウ", "課長", 1964);
  const e6 = await person(a1.id, "江藤 六郎", "エトウ ロクロウ", "主事", 1994, { leftOn: "2024-06-30" });
  const e7 = await person(a2.id, "菊池 七郎", "キクチ シチロウ", "主任", 1985, { hiredOn: "2024-11-01" });
  const e8 = await person(b1.id, "木村 八郎", "キムラ ハチロウ", "主任", 1992);
  const e9 = await person(a2.id, "久保 九郎", "クボ クロウ", "主事", 2000);
  const e10 = await person(b1.id, "小林 十郎", "コバヤシ ジュウロウ", "技師", 1975);
  const supervisor = await createEmployee(db, { departmentId: a1.id, name: "佐藤 課長", nameKana: "サトウ カチョウ", grade: "課長", birthYear: 1970, roles: [{ role: "supervisor", departmentId: a1.id }] });
  const hr = await createEmployee(db, { departmentId: z1.id, name: "人事 花子", nameKana: "ジンジ ハナコ", grade: "係長", birthYear: 1984, roles: [{ role: "hr_admin" }] });
  const employee = await createEmployee(db, { departmentId: z1.id, name: "一般 職員", nameKana: "イッパン ショクイン", grade: "主事", birthYear: 2001 });
  const twoUnits = await createEmployee(db, {
    departmentId: z1.id,
    name: "兼務 所属長",
    nameKana: "ケンム ショゾクチョウ",
    grade: "課長",
    birthYear: 1968,
    hiredOn: "2025-04-01",
    roles: [
      { role: "supervisor", departmentId: a2.id },
      { role: "supervisor", departmentId: b1.id },
    ],
  });
  const c1 = await person(c1u.id, "千葉 一", "チバ ハジメ", "主事", 1999, { hiredOn: "2025-04-01" });
  const c2 = await person(c1u.id, "千田 二", "チダ ニ", "主事", 1999, { hiredOn: "2025-04-01" });

  const record = (employeeId: number, scheme: ParticipationScheme, title: string, hostId: number, startOn: string, endOn: string | null = null) =>
    db.insertInto("participations").values({ employee_id: employeeId, scheme, title, host_department_id: hostId, start_on: startOn, end_on: endOn, source: "import", import_key: `t-${employeeId}-${scheme}-${startOn}` }).execute();

  await record(e1.id, "side_job", "観光データ分析", b1.id, "2024-05-10");
  await record(e2.id, "job_challenge", "DX推進プロジェクト", b1.id, "2024-08-01", "2025-03-31");
  await record(e3.id, "contest_project", "コンテスト事業X", b1.id, "2024-08-01");
  await record(e4.id, "contest_project", "コンテスト事業X", b1.id, "2024-08-01");
  await record(e6.id, "side_job", "広報支援", b1.id, "2024-04-15", "2024-06-30");
  await record(e7.id, "job_challenge", "移住促進プロジェクト", b1.id, "2024-12-01");
  await record(e8.id, "side_job", "観光データ分析", b1.id, "2024-09-01");
  await record(e8.id, "job_challenge", "移住促進プロジェクト", b1.id, "2024-09-15");
  await record(e9.id, "side_job", "広報支援", b1.id, "2023-10-01", "2024-04-30");
  await record(e10.id, "job_challenge", "前年度の公募", a2.id, "2023-05-01", "2024-03-31");
  await record(c1.id, "side_job", "新規事業", b1.id, "2025-05-20");
  await record(c2.id, "job_challenge", "新規公募", b1.id, "2025-08-03");

  await db.insertInto("participation_targets").values({ fiscal_year: 2024, target: 10, updated_by: hr.id }).execute();

  // Consultations with hr as the counsellor. Counted (DESIGN §3): not cancelled, not no-show, started by the end of D.
  await db.insertInto("counselor_profiles").values({ employee_id: hr.id, display_name: "人事 花子", offers_online: false, room: "相談室" }).execute();
  let n = 0;
  const booking = (employeeId: number, at: string, status: "booked" | "completed" | "no_show" | "cancelled") => {
    const startsAt = new Date(`${at}:00+09:00`);
    const endsAt = new Date(startsAt.getTime() + 50 * 60_000);
    n += 1;
    return db
      .insertInto("consultation_bookings")
      .values({
        counselor_id: hr.id,
        employee_id: employeeId,
        starts_at: startsAt,
        ends_at: endsAt,
        blocked_until: new Date(endsAt.getTime() + 10 * 60_000),
        mode: "in_person",
        topic: "career_plan",
        status,
        cancelled_at: status === "cancelled" ? new Date() : null,
        ics_uid: `reports-${process.pid}-${n}@portal.test`,
      })
      .execute();
  };
  await booking(employee.id, "2024-03-29T10:00", "completed"); // FY2023
  await booking(employee.id, "2024-05-10T10:00", "completed");
  await booking(e1.id, "2024-05-15T10:00", "completed");
  await booking(employee.id, "2024-05-20T10:00", "completed");
  await booking(employee.id, "2024-05-27T10:00", "booked"); // past, never recorded: still counts
  await booking(employee.id, "2024-06-03T10:00", "cancelled");
  await booking(employee.id, "2024-06-10T10:00", "no_show");
  await booking(employee.id, "2024-07-01T10:00", "completed");
  await booking(employee.id, "2024-10-01T18:00", "completed"); // D, evening: counts
  await booking(employee.id, "2024-10-02T09:00", "completed"); // after D

  const named = <T extends { id: number; name: string }>(x: T) => ({ id: x.id, name: x.name });
  return {
    units: { bureauA, a1, a1x, a2, bureauB, b1, bureauC, c1: c1u, bureauZ, z1 },
    people: Object.fromEntries(Object.entries({ e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, supervisor, hr, employee, twoUnits, c1, c2 }).map(([k, v]) => [k, named(v)])) as ReportsWorld["people"],
  };
}

/** { label: { participants, headcount, rate } } of breakdown rows, for compact expectations. */
export function breakdownsOf(rows: [string, { participants: number; headcount: number; rate: number | null }][]) {
  return Object.fromEntries(rows.map(([label, r]) => [label, { participants: r.participants, headcount: r.headcount, rate: r.rate }]));
}

/** The year-over-year row a full participationReport of that year implies: what the history table must show. */
export function historyRowOf(r: ParticipationReport): HistoryRow {
  return {
    fiscalYear: r.fiscalYear,
    label: r.label,
    asOf: r.asOf,
    participants: r.participants,
    sideJob: r.sideJob.participants,
    jobChallenge: r.jobChallenge.participants,
    grossParticipants: r.grossParticipants,
    headcount: r.headcount,
    participationRate: r.participationRate,
    target: r.target,
  };
}
