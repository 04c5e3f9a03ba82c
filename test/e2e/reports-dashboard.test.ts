import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYearOf, todayInTokyo } from "~/i18n/format";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { baseUrl, launchBrowser, screenshot, signedInPage } from "../helpers/browser";

// HR's participation dashboard in Chromium against the seeded demo data: 令和8年度 against the target of 50, then
// 令和6年度 as of 2024-10-01 reproducing the prefecture's published 35 people (1.1%). The CSV/XLSX downloads are
// checked by the exports' own browser test.

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("参加状況ダッシュボード in Chromium", () => {
  it("HR sees 令和8年度 against the target of 50, then 令和6年度 as of 2024-10-01: 35 people, 1.1%", async () => {
    const page = await signedInPage(browser, account("hr_admin"));
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "参加状況" }).click();
    await page.waitForURL((url) => url.pathname === "/reports");
    if (fiscalYearOf(todayInTokyo()) !== 2026) {
      await page.getByLabel("年度", { exact: true }).selectOption("2026");
      await page.getByRole("button", { name: "表示", exact: true }).click();
      await page.waitForURL(/fy=2026/);
      await page.getByTestId("report-period").filter({ hasText: "令和8年度" }).waitFor();
    }

    // 令和8年度: the target, a progress bar and the pace.
    await expect(page.getByTestId("report-period").textContent()).resolves.toContain("令和8年度");
    await expect(page.getByTestId("headline-target").textContent()).resolves.toContain("目標 50人");
    const bar = page.getByRole("progressbar", { name: "目標に対する達成状況" });
    await expect(bar.getAttribute("aria-valuemax")).resolves.toBe("50");
    const participants2026 = Number(await page.getByTestId("headline-participants").textContent());
    expect(participants2026).toBeGreaterThan(0);
    expect(participants2026).toBeLessThan(50);
    await expect(bar.getAttribute("aria-valuenow")).resolves.toBe(String(participants2026));
    await expect(page.getByTestId("target-percent").textContent()).resolves.toBe(`目標の${Math.floor((participants2026 / 50) * 100)}%`);
    await expect(page.getByRole("img", { name: /令和8年度 参加者数の月別累計グラフ/ }).count()).resolves.toBe(1);
    await screenshot(page, "reports-1-r8");

    // Switch to 令和6年度 as of 2024-10-01 (the form is a plain GET form).
    await page.getByLabel("年度", { exact: true }).selectOption("2024");
    await page.getByLabel("基準日", { exact: true }).fill("2024-10-01");
    await page.getByRole("button", { name: "表示", exact: true }).click();
    await page.waitForURL(/fy=2024/);
    expect(new URL(page.url()).searchParams.get("asOf")).toBe("2024-10-01");
    await page.getByTestId("report-period").filter({ hasText: "令和6年度" }).filter({ hasText: "2024年10月1日時点" }).waitFor();
    await expect(page.getByTestId("headline-participants").textContent()).resolves.toBe("35");
    await expect(page.getByTestId("headline-rate").textContent()).resolves.toBe("1.1%");
    await expect(page.getByTestId("headline-gross").textContent()).resolves.toBe("延べ 35人");
    await expect(page.getByTestId("side-job").textContent()).resolves.toBe("22");
    await expect(page.getByTestId("via-postings").textContent()).resolves.toContain("13人");
    await expect(page.getByTestId("via-contest").textContent()).resolves.toContain("9人");
    await expect(page.getByTestId("job-challenge").textContent()).resolves.toBe("13");
    await expect(page.getByTestId("contest-proposals").textContent()).resolves.toContain("8");
    await expect(page.getByTestId("contest-adopted").textContent()).resolves.toContain("3");
    await expect(page.getByTestId("contest-stepUp").textContent()).resolves.toContain("5");
    // No target was set for 令和6年度: no progress bar.
    await expect(page.getByRole("progressbar").count()).resolves.toBe(0);
    // The 部局 table adds up to the headline.
    const unitTotal = page.getByTestId("table-units").locator("tfoot td").first();
    await expect(unitTotal.textContent()).resolves.toBe("35");
    // The chart's table: the October column (as of the 1st) is the headline number.
    await expect(page.getByTestId("monthly-table").locator("tbody tr").first().locator("td").nth(6).textContent()).resolves.toBe("35");
    await screenshot(page, "reports-2-r6");

    // The drill-down lists the 35 people.
    await page.getByRole("link", { name: "参加者一覧" }).click();
    await page.waitForURL(/\/reports\/participants\?/);
    await page.getByRole("heading", { level: 1, name: "参加者一覧" }).waitFor();
    await expect(page.getByTestId("participants-summary").textContent()).resolves.toContain("参加者 35人");
    await screenshot(page, "reports-3-participants");
    await page.context().close();
  });

  it("a 所属長 sees their own unit without a target; the participant list is refused", async () => {
    const page = await signedInPage(browser, account("supervisor"));
    await page.goto(`${baseUrl()}/reports`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`${account("supervisor").unitName}の参加状況`);
    await expect(page.getByTestId("no-target").textContent()).resolves.toContain("所属ごとの目標はありません");
    await expect(page.getByRole("progressbar").count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "参加者一覧" }).count()).resolves.toBe(0);
    await expect(page.getByTestId("section-consultations").count()).resolves.toBe(0);
    const res = await page.goto(`${baseUrl()}/reports/participants`);
    expect(res?.status()).toBe(403);
    await page.context().close();
  });
});
