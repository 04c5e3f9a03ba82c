import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "~/people/import/csv";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { baseUrl, launchBrowser, screenshot, signedInPage } from "../helpers/browser";

// HR opens the dashboard for 令和6年度 as of 2024-10-01, downloads the summary as CSV and as XLSX from the page's
// links, and the files say what the prefecture published: 35 people (1.1%), 庁内複業 22, ジョブチャレンジ 13.

const hr = DEMO_ACCOUNTS.find((a) => a.role === "hr_admin")!;
const dir = mkdtempSync(path.join(tmpdir(), "reports-exports-"));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Clicks the dashboard's download link; saves the file; returns its name and bytes. */
async function downloadFrom(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const link = page.getByTestId(testId);
  await link.waitFor();
  const [download]: [Download, void] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(await download.failure()).toBeNull();
  const saved = path.join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  return { name: download.suggestedFilename(), bytes: readFileSync(saved) };
}

describe("参加状況のダウンロード, in Chromium", () => {
  it("HR downloads the 令和6年度 summary as CSV and XLSX from /reports and both carry 35 / 22 / 13 / 1.1%", async () => {
    const page = await signedInPage(browser, hr);
    await page.goto(`${baseUrl()}/reports?fy=2024&asOf=2024-10-01`);
    await page.getByTestId("reports-dashboard").waitFor();
    await screenshot(page, "reports-exports-1-dashboard");

    // CSV: UTF-8 with BOM, 項目,値 rows
    const csv = await downloadFrom(page, "download-summary-csv");
    expect(csv.name).toBe("参加状況_令和6年度_2024-10-01.csv");
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString("utf-8");
    expect(text).toContain("\r\n");
    const parsed = parseCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records[0].fields).toEqual(["項目", "値"]);
    const values = new Map(parsed.records.slice(1).map((r) => [r.fields[0], r.fields[1]]));
    expect(values.get("年度")).toBe("令和6年度");
    expect(values.get("基準日")).toBe("2024-10-01");
    expect(values.get("参加者（実人数）")).toBe("35");
    expect(values.get("庁内複業（計）")).toBe("22");
    expect(values.get("庁内複業（募集）")).toBe("13");
    expect(values.get("庁内複業（コンテスト）")).toBe("9");
    expect(values.get("ジョブチャレンジ")).toBe("13");
    expect(values.get("参加率")).toBe("1.1%");

    // XLSX: sheet 概要 with the same figures as numbers
    const xlsx = await downloadFrom(page, "download-summary-xlsx");
    expect(xlsx.name).toBe("参加状況_令和6年度_2024-10-01.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("概要");
    expect(sheet).toBeDefined();
    const cells = new Map<string, ExcelJS.Cell>();
    sheet!.eachRow((row, n) => {
      if (n > 1) cells.set(String(row.getCell(1).value), row.getCell(2));
    });
    expect(cells.get("参加者（実人数）")?.value).toBe(35);
    expect(cells.get("庁内複業（計）")?.value).toBe(22);
    expect(cells.get("ジョブチャレンジ")?.value).toBe(13);
    const rate = cells.get("参加率")!;
    expect(rate.numFmt).toBe("0.0%");
    expect(((rate.value as number) * 100).toFixed(1)).toBe("1.1");
    // every figure of the CSV is in the workbook too
    expect([...cells.keys()]).toEqual([...values.keys()]);

    // HR's participant list: one row per counted record, 35 people
    const list = await downloadFrom(page, "download-participants-csv");
    expect(list.name).toBe("参加者一覧_令和6年度_2024-10-01.csv");
    const rows = parseCsv(list.bytes.subarray(3).toString("utf-8")).records.map((r) => r.fields);
    expect(rows[0]).toEqual(["職員番号", "氏名", "所属", "制度", "名称", "開始日", "終了日"]);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(35);
  });
});
