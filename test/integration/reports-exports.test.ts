import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/people/import/csv";
import { listCountedParticipants } from "../../app/reports/participant-rows.server";
import { participationReport, type ParticipationReport } from "../../app/reports/participation.server";
import { loader as csvLoader } from "../../app/routes/reports.export[.]csv";
import { loader as xlsxLoader } from "../../app/routes/reports.export[.]xlsx";
import { seedDemo } from "../../seeds/index.server";
import { useTestDatabase } from "../helpers/db";
import { request, respond, sessionCookie } from "../helpers/factories";

// The downloads of the participation report on the demo data: what the files say must be the report's numbers,
// and only hr_admin (both kinds) and a supervisor (their unit's summary) may download.

const t = useTestDatabase();
const cookies = { hr: "", supervisor: "", employee: "" };
let supervisorUnit = { id: 0, name: "" };
let report: ParticipationReport;

const Q = "fy=2024&asOf=2024-10-01";

async function download(format: "csv" | "xlsx", query: string, cookie?: string): Promise<Response> {
  const loader = format === "csv" ? csvLoader : xlsxLoader;
  return respond(() => loader({ request: request(`/reports/export.${format}?${query}`, { cookie }), params: {}, context: {} }));
}

async function csvRows(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(3));
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.split("\r\n").every((line) => !line.includes("\n"))).toBe(true);
  const parsed = parseCsv(text);
  expect(parsed.errors).toEqual([]);
  return parsed.records.map((r) => r.fields);
}

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

function sheetRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

function fileNameOf(res: Response): string {
  const header = res.headers.get("Content-Disposition") ?? "";
  expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  return decodeURIComponent(header.split("UTF-8''")[1]);
}

/** 項目 → 値 of the summary CSV. */
const summaryMap = (rows: string[][]) => {
  expect(rows[0]).toEqual(["項目", "値"]);
  return new Map(rows.slice(1).map(([k, v]) => [k, v]));
};

beforeAll(async () => {
  await seedDemo(t.db);
  const people = await t.db.selectFrom("employees").select(["id", "employee_no"]).where("employee_no", "in", ["900001", "900002", "900004"]).execute();
  const idOf = (no: string) => people.find((p) => p.employee_no === no)!.id;
  cookies.hr = await sessionCookie(idOf("900004"));
  cookies.supervisor = await sessionCookie(idOf("900002"));
  cookies.employee = await sessionCookie(idOf("900001"));
  supervisorUnit = await t.db
    .selectFrom("role_grants as g")
    .innerJoin("departments as d", "d.id", "g.department_id")
    .select(["d.id", "d.name"])
    .where("g.employee_id", "=", idOf("900002"))
    .where("g.role", "=", "supervisor")
    .executeTakeFirstOrThrow();
  report = await participationReport(t.db, { fiscalYear: 2024, asOf: "2024-10-01" });
}, 120_000);

describe("HR downloads", () => {
  it("summary CSV: UTF-8 with BOM, CRLF, a Japanese file name, no-store, and the report's numbers", async () => {
    const res = await download("csv", `${Q}&kind=summary`, cookies.hr);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(fileNameOf(res)).toBe("参加状況_令和6年度_2024-10-01.csv");
    const map = summaryMap(await csvRows(res));
    expect(Object.fromEntries(map)).toEqual({
      年度: "令和6年度",
      基準日: "2024-10-01",
      対象: "全庁",
      目標: "未設定",
      "参加者（実人数）": "35",
      "参加者（延べ）": String(report.grossParticipants),
      職員数: String(report.headcount),
      参加率: "1.1%",
      "庁内複業（計）": "22",
      "庁内複業（募集）": "13",
      "庁内複業（コンテスト）": "9",
      ジョブチャレンジ: "13",
      提案数: "8",
      正式採択: "3",
      ステップアップ枠: "5",
      従事者数: "13",
      相談件数: String(report.consultations.count),
    });
  });

  it("participants CSV: exactly the counted records, one row each, sorted by unit then name; audit-logged", async () => {
    const res = await download("csv", `${Q}&kind=participants`, cookies.hr);
    expect(res.status).toBe(200);
    expect(fileNameOf(res)).toBe("参加者一覧_令和6年度_2024-10-01.csv");
    const rows = await csvRows(res);
    expect(rows[0]).toEqual(["職員番号", "氏名", "所属", "制度", "名称", "開始日", "終了日"]);
    const data = rows.slice(1);
    expect(new Set(data.map((r) => r[0])).size).toBe(35);
    const expected = await listCountedParticipants(t.db, { fiscalYear: 2024, asOf: "2024-10-01" });
    expect(data).toHaveLength(expected.length);
    expect(data.map((r) => [r[0], r[2], r[5], r[6]])).toEqual(expected.map((r) => [r.employeeNo, r.departmentName, r.startOn, r.endOn ?? ""]));
    const schemes = data.map((r) => r[3]);
    expect(new Set(data.filter((r) => r[3] === "ジョブチャレンジ").map((r) => r[0])).size).toBe(13);
    expect(new Set(data.filter((r) => r[3] === "庁内複業（募集）").map((r) => r[0])).size).toBe(13);
    expect(new Set(data.filter((r) => r[3] === "庁内複業（コンテスト）").map((r) => r[0])).size).toBe(9);
    expect(schemes.every((s) => ["ジョブチャレンジ", "庁内複業（募集）", "庁内複業（コンテスト）"].includes(s))).toBe(true);
    const audit = await t.db.selectFrom("audit_log").select(["detail"]).where("action", "=", "report.export").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ kind: "participants", format: "csv", asOf: "2024-10-01", rows: expected.length });
  });

  it("summary XLSX: sheet 概要 with a bold header and the same numbers", async () => {
    const res = await download("xlsx", `${Q}&kind=summary`, cookies.hr);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(fileNameOf(res)).toBe("参加状況_令和6年度_2024-10-01.xlsx");
    const book = await workbook(res);
    expect(book.worksheets.map((s) => s.name)).toEqual(["概要"]);
    const sheet = book.getWorksheet("概要")!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const values = new Map(sheetRows(sheet).slice(1).map(([k, v]) => [String(k), v]));
    expect(values.get("参加者（実人数）")).toBe(35);
    expect(values.get("庁内複業（計）")).toBe(22);
    expect(values.get("ジョブチャレンジ")).toBe(13);
    expect(values.get("職員数")).toBe(report.headcount);
    expect(values.get("参加率")).toBeCloseTo(report.participationRate, 12);
    expect(Math.round((values.get("参加率") as number) * 1000) / 10).toBe(1.1);
    expect(values.get("基準日")).toEqual(new Date(Date.UTC(2024, 9, 1)));
  });

  it("participants XLSX: 概要 and 参加者一覧 with every counted record", async () => {
    const res = await download("xlsx", `${Q}&kind=participants`, cookies.hr);
    expect(res.status).toBe(200);
    const book = await workbook(res);
    expect(book.worksheets.map((s) => s.name)).toEqual(["概要", "参加者一覧"]);
    const rows = sheetRows(book.getWorksheet("参加者一覧")!);
    expect(rows[0]).toEqual(["職員番号", "氏名", "所属", "制度", "名称", "開始日", "終了日"]);
    const expected = await listCountedParticipants(t.db, { fiscalYear: 2024, asOf: "2024-10-01" });
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((r) => r.employeeNo));
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(35);
  });

  it("refuses a query it cannot read with 400", async () => {
    for (const query of ["fy=24", "fy=2024&asOf=2024-02-30", "fy=2024&kind=everything", "fy=2024&unit=abc"]) {
      expect((await download("csv", query, cookies.hr)).status, query).toBe(400);
    }
    expect((await download("xlsx", "fy=2024&unit=99999999", cookies.hr)).status).toBe(404);
  });
});

describe("supervisor and others", () => {
  it("a supervisor downloads their unit's summary, without consultations or the prefecture's target", async () => {
    const res = await download("csv", `${Q}&kind=summary`, cookies.supervisor);
    expect(res.status).toBe(200);
    expect(fileNameOf(res)).toBe(`参加状況_令和6年度_2024-10-01_${supervisorUnit.name}.csv`);
    const map = summaryMap(await csvRows(res));
    const unitReport = await participationReport(t.db, { fiscalYear: 2024, asOf: "2024-10-01", departmentId: supervisorUnit.id });
    expect(map.get("対象")).toBe(supervisorUnit.name);
    expect(map.get("職員数")).toBe(String(unitReport.headcount));
    expect(map.get("参加者（実人数）")).toBe(String(unitReport.participants));
    expect(unitReport.headcount).toBeLessThan(report.headcount);
    expect(map.has("相談件数")).toBe(false);
    expect(map.has("目標")).toBe(false);
    // asking for their own unit explicitly is the same; the XLSX too
    expect((await download("csv", `${Q}&kind=summary&unit=${supervisorUnit.id}`, cookies.supervisor)).status).toBe(200);
    expect((await download("xlsx", `${Q}&kind=summary`, cookies.supervisor)).status).toBe(200);
  });

  it("a supervisor cannot download the participant list, nor another unit's summary (403)", async () => {
    expect((await download("csv", `${Q}&kind=participants`, cookies.supervisor)).status).toBe(403);
    expect((await download("xlsx", `${Q}&kind=participants`, cookies.supervisor)).status).toBe(403);
    const other = await t.db.selectFrom("departments").select("id").where("id", "!=", supervisorUnit.id).where("parent_id", "is not", null).executeTakeFirstOrThrow();
    expect((await download("csv", `${Q}&kind=summary&unit=${other.id}`, cookies.supervisor)).status).toBe(403);
  });

  it("an employee gets nothing (403); a signed-out visitor is sent to sign in", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      for (const kind of ["summary", "participants"]) {
        expect((await download(format, `${Q}&kind=${kind}`, cookies.employee)).status, `${format} ${kind}`).toBe(403);
      }
      const anonymous = await download(format, `${Q}&kind=summary`);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    }
  });
});
