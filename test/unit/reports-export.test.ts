import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ParticipationReport } from "../../app/reports/participation.server";
import type { CountedParticipantRow } from "../../app/reports/participant-rows.server";
import {
  contentDisposition,
  csvField,
  exportFileName,
  formatRate,
  parseExportQuery,
  participantsTable,
  resolveExportAccess,
  summaryTable,
  toCsv,
  toXlsx,
  type ExportTable,
} from "../../app/reports/export.server";
import { parseCsv } from "../../app/people/import/csv";

const report: ParticipationReport = {
  fiscalYear: 2024,
  label: "令和6年度",
  asOf: "2024-10-01",
  headcount: 3142,
  target: null,
  participants: 35,
  grossParticipants: 36,
  participationRate: 35 / 3142,
  sideJob: { participants: 22, viaPostings: 13, viaContest: 9 },
  jobChallenge: { participants: 14 },
  contest: { proposals: 8, adopted: 3, stepUp: 5, engaged: 13 },
  consultations: { count: 15 },
};

const row = (over: Partial<CountedParticipantRow>): CountedParticipantRow => ({
  employeeId: 1,
  employeeNo: "100001",
  name: "中川 さくら",
  nameKana: "なかがわ さくら",
  departmentName: "観光振興課",
  scheme: "side_job",
  sideWork: true,
  title: "観光データ分析",
  hostDepartmentName: "デジタル化推進室",
  startOn: "2024-06-01",
  endOn: "2025-03-31",
  ...over,
});

/** The CSV text back as rows of cells, after checking the BOM and that every line ends in CRLF. */
function readCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const body = text.slice(1);
  expect(body.endsWith("\r\n")).toBe(true);
  // no bare LF outside quoted fields in our output: every LF is preceded by CR
  expect(/(^|[^\r])\n/.test(body.replace(/"[^"]*"/g, ""))).toBe(false);
  const parsed = parseCsv(body);
  expect(parsed.errors).toEqual([]);
  return parsed.records.map((r) => r.fields);
}

const asMap = (rows: string[][]) => new Map(rows.slice(1).map(([k, v]) => [k, v]));

describe("formatRate", () => {
  it("shows the fraction as a percentage with one decimal", () => {
    expect(formatRate(35 / 3142)).toBe("1.1%");
    expect(formatRate(0)).toBe("0.0%");
    expect(formatRate(0.5)).toBe("50.0%");
    expect(formatRate(0.01249)).toBe("1.2%");
  });
});

describe("summaryTable", () => {
  it("lists every figure of the report for HR, consultations included, an unset target as 未設定", () => {
    const table = summaryTable(report, { includeConsultations: true, scopeName: null });
    expect(table.sheetName).toBe("概要");
    expect(table.headers).toEqual(["項目", "値"]);
    expect(table.rows).toEqual([
      ["年度", "令和6年度"],
      ["基準日", { date: "2024-10-01" }],
      ["対象", "全庁"],
      ["目標", "未設定"],
      ["参加者（実人数）", 35],
      ["参加者（延べ）", 36],
      ["職員数", 3142],
      ["参加率", { percent: 35 / 3142 }],
      ["庁内複業（計）", 22],
      ["庁内複業（募集）", 13],
      ["庁内複業（コンテスト）", 9],
      ["ジョブチャレンジ", 14],
      ["提案数", 8],
      ["正式採択", 3],
      ["ステップアップ枠", 5],
      ["従事者数", 13],
      ["相談件数", 15],
    ]);
    expect(summaryTable({ ...report, target: 50 }, { includeConsultations: true, scopeName: null }).rows[3]).toEqual(["目標", 50]);
  });

  it("a unit's summary names the unit and has neither the prefecture's target nor consultations", () => {
    const table = summaryTable(report, { includeConsultations: false, scopeName: "観光振興課" });
    const keys = table.rows.map((r) => r[0]);
    expect(table.rows[2]).toEqual(["対象", "観光振興課"]);
    expect(keys).not.toContain("目標");
    expect(keys).not.toContain("相談件数");
    expect(keys).toContain("参加者（実人数）");
  });
});

describe("participantsTable", () => {
  it("one row per record with the scheme as the summary breaks it down; an open end is empty", () => {
    const table = participantsTable([
      row({}),
      row({ scheme: "contest_project", sideWork: true, title: "県産材PR", startOn: "2024-08-01", endOn: null }),
      row({ employeeNo: "100002", name: "高畑 誠", scheme: "job_challenge", sideWork: false, title: "DX推進", startOn: "2024-04-01", endOn: "2024-09-30" }),
    ]);
    expect(table.headers).toEqual(["職員番号", "氏名", "所属", "制度", "名称", "開始日", "終了日"]);
    expect(table.rows).toEqual([
      ["100001", "中川 さくら", "観光振興課", "庁内複業（募集）", "観光データ分析", { date: "2024-06-01" }, { date: "2025-03-31" }],
      ["100001", "中川 さくら", "観光振興課", "庁内複業（コンテスト）", "県産材PR", { date: "2024-08-01" }, null],
      ["100002", "高畑 誠", "観光振興課", "ジョブチャレンジ", "DX推進", { date: "2024-04-01" }, { date: "2024-09-30" }],
    ]);
  });
});

describe("toCsv", () => {
  it("writes UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting that parses back to the same cells", () => {
    const table: ExportTable = {
      sheetName: "x",
      headers: ["項目", "値"],
      rows: [
        ["カンマ,あり", 1],
        ['引用符"あり', null],
        ["改行\nあり", { percent: 0.011 }],
        ["日付", { date: "2024-10-01" }],
      ],
    };
    const text = toCsv(table);
    expect(text).toBe('\uFEFF項目,値\r\n"カンマ,あり",1\r\n"引用符""あり",\r\n"改行\nあり",1.1%\r\n日付,2024-10-01\r\n');
    expect(readCsv(text)).toEqual([
      ["項目", "値"],
      ["カンマ,あり", "1"],
      ['引用符"あり', ""],
      ["改行\nあり", "1.1%"],
      ["日付", "2024-10-01"],
    ]);
  });

  it("defuses text Excel would run as a formula, but never numbers or dates", () => {
    const text = toCsv({ sheetName: "x", headers: ["a", "b", "c", "d"], rows: [["=HYPERLINK(\"http://x\")", "+1", "-DX-", "@SUM(A1)"], ["ok", -1, { date: "2024-04-01" }, null]] });
    const rows = readCsv(text);
    expect(rows[1]).toEqual(["'=HYPERLINK(\"http://x\")", "'+1", "'-DX-", "'@SUM(A1)"]);
    expect(rows[2]).toEqual(["ok", "-1", "2024-04-01", ""]);
  });

  it("csvField quotes only when needed", () => {
    expect(csvField("abc")).toBe("abc");
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField("")).toBe("");
  });

  it("the summary CSV reads back to the report's numbers", () => {
    const map = asMap(readCsv(toCsv(summaryTable(report, { includeConsultations: true, scopeName: null }))));
    expect(map.get("参加者（実人数）")).toBe("35");
    expect(map.get("参加率")).toBe("1.1%");
    expect(map.get("庁内複業（募集）")).toBe("13");
    expect(map.get("基準日")).toBe("2024-10-01");
    expect(map.get("相談件数")).toBe("15");
  });
});

describe("toXlsx", () => {
  it("writes one sheet per table with a bold header, numbers, dates and a percentage that read back", async () => {
    const buffer = await toXlsx([
      summaryTable(report, { includeConsultations: true, scopeName: null }),
      participantsTable([row({}), row({ employeeNo: "100003", endOn: null, title: "=1+1" })]),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["概要", "参加者一覧"]);

    const summary = workbook.getWorksheet("概要")!;
    expect(summary.getRow(1).getCell(1).value).toBe("項目");
    expect(summary.getRow(1).getCell(1).font?.bold).toBe(true);
    const values = new Map<string, ExcelJS.CellValue>();
    summary.eachRow((r, n) => {
      if (n > 1) values.set(String(r.getCell(1).value), r.getCell(2).value);
    });
    expect(values.get("参加者（実人数）")).toBe(35);
    expect(values.get("目標")).toBe("未設定");
    expect(values.get("基準日")).toEqual(new Date(Date.UTC(2024, 9, 1)));
    const rate = summary.getRow([...values.keys()].indexOf("参加率") + 2).getCell(2);
    expect(rate.value).toBeCloseTo(35 / 3142, 10);
    expect(rate.numFmt).toBe("0.0%");
    expect(summary.getColumn(1).width).toBeGreaterThanOrEqual(20);

    const list = workbook.getWorksheet("参加者一覧")!;
    expect(list.getRow(1).values).toEqual([undefined, "職員番号", "氏名", "所属", "制度", "名称", "開始日", "終了日"]);
    expect(list.getRow(1).font?.bold).toBe(true);
    expect(list.rowCount).toBe(3);
    expect(list.getRow(2).getCell(6).value).toEqual(new Date(Date.UTC(2024, 5, 1)));
    expect(list.getRow(3).getCell(7).value).toBeNull();
    // a string cell, never a formula
    expect(list.getRow(3).getCell(5).value).toBe("=1+1");
    expect(list.getRow(3).getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(list.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });
});

describe("file names", () => {
  it("names the file in Japanese with the year label and date, with an ASCII fallback", () => {
    expect(exportFileName({ kind: "summary", label: "令和6年度", fiscalYear: 2024, asOf: "2024-10-01", scopeName: null, format: "csv" })).toEqual({
      fileName: "参加状況_令和6年度_2024-10-01.csv",
      asciiFallback: "participation-summary_FY2024_2024-10-01.csv",
    });
    expect(exportFileName({ kind: "participants", label: "令和6年度", fiscalYear: 2024, asOf: "2024-10-01", scopeName: "広聴・県民相談課", format: "xlsx" }).fileName).toBe(
      "参加者一覧_令和6年度_2024-10-01_広聴・県民相談課.xlsx",
    );
    expect(exportFileName({ kind: "summary", label: "令和6年度", fiscalYear: 2024, asOf: "2024-10-01", scopeName: 'a/b"c d', format: "csv" }).fileName).toBe(
      "参加状況_令和6年度_2024-10-01_a_b_c_d.csv",
    );
  });

  it("Content-Disposition carries filename* in UTF-8 per RFC 5987", () => {
    const header = contentDisposition("参加状況_令和6年度_2024-10-01（案）'*.csv", "fallback.csv");
    expect(header.startsWith('attachment; filename="fallback.csv"; filename*=UTF-8\'\'')).toBe(true);
    const encoded = header.split("UTF-8''")[1];
    expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodeURIComponent(encoded)).toBe("参加状況_令和6年度_2024-10-01（案）'*.csv");
  });
});

describe("parseExportQuery", () => {
  const q = (s: string) => parseExportQuery(new URLSearchParams(s), "2026-11-22");
  it("defaults to the current fiscal year, no as-of date and the summary", () => {
    expect(q("")).toEqual({ ok: true, fiscalYear: 2026, asOf: undefined, kind: "summary", unit: null });
    expect(parseExportQuery(new URLSearchParams(""), "2027-03-31")).toMatchObject({ fiscalYear: 2026 });
    expect(q("fy=2024&asOf=2024-10-01&kind=participants&unit=12")).toEqual({ ok: true, fiscalYear: 2024, asOf: "2024-10-01", kind: "participants", unit: 12 });
    expect(q("fy=2024&asOf=2025-03-31")).toMatchObject({ ok: true, asOf: "2025-03-31" });
    expect(q("asOf=2026-04-01")).toMatchObject({ ok: true, fiscalYear: 2026, asOf: "2026-04-01" });
  });
  it("refuses what it cannot read", () => {
    for (const bad of ["fy=24", "fy=abcd", "fy=1999", "asOf=2024-02-30", "asOf=2024/10/01", "fy=2024&asOf=2025-04-01", "fy=2024&asOf=2024-03-31", "asOf=2027-04-01", "kind=all", "unit=0", "unit=x", "unit=-1"]) {
      expect(q(bad).ok, bad).toBe(false);
    }
  });
});

describe("resolveExportAccess", () => {
  it("hr_admin: both kinds, the whole prefecture or a chosen unit, consultations included", () => {
    const hr = { isHr: true, supervisorUnits: [] };
    expect(resolveExportAccess(hr, { kind: "participants", unit: null })).toEqual({ allowed: true, departmentId: null, includeConsultations: true });
    expect(resolveExportAccess(hr, { kind: "summary", unit: 7 })).toEqual({ allowed: true, departmentId: 7, includeConsultations: true });
  });

  it("supervisor: the summary of their own unit only (the first in the given order by default), no consultations", () => {
    const sup = { isHr: false, supervisorUnits: [9, 4] };
    expect(resolveExportAccess(sup, { kind: "summary", unit: null })).toEqual({ allowed: true, departmentId: 9, includeConsultations: false });
    expect(resolveExportAccess(sup, { kind: "summary", unit: 4 })).toEqual({ allowed: true, departmentId: 4, includeConsultations: false });
    expect(resolveExportAccess(sup, { kind: "summary", unit: 5 })).toEqual({ allowed: false });
    expect(resolveExportAccess(sup, { kind: "participants", unit: null })).toEqual({ allowed: false });
    expect(resolveExportAccess(sup, { kind: "participants", unit: 9 })).toEqual({ allowed: false });
  });

  it("everyone else: nothing", () => {
    const nobody = { isHr: false, supervisorUnits: [] };
    expect(resolveExportAccess(nobody, { kind: "summary", unit: null })).toEqual({ allowed: false });
    expect(resolveExportAccess(nobody, { kind: "summary", unit: 3 })).toEqual({ allowed: false });
  });
});
