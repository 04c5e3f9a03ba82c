import type { Browser } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addDays } from "~/postings/model";
import { todayInTokyo } from "~/i18n/format";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { baseUrl, launchBrowser, screenshot, signedInPage } from "../helpers/browser";

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const manager = account("posting_manager");
const hr = account("hr_admin");
const employee = account("employee");
const supervisor = account("supervisor");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const as = (who: { employeeNo: string }) => signedInPage(browser, who);

describe("庁内複業: from a draft to a counted participant, in Chromium", () => {
  it("host drafts → HR approves → employee finds it by keyword and applies → supervisor consents → host accepts → 参加中", async () => {
    const startedAt = new Date();
    const today = todayInTokyo();
    const stamp = Date.now().toString(36).slice(-4);
    const title = `観光データ可視化ダッシュボードの試作 ${stamp}`;

    // 1. The posting manager drafts the posting and asks HR to approve it.
    const host = await as(manager);
    await host.goto(`${baseUrl()}/manage/postings/new`);
    await host.getByRole("radio", { name: "庁内複業" }).check();
    await host.getByLabel(/^募集名/).fill(title);
    await host.getByLabel(/^概要/).fill("観光統計を分かりやすく可視化するダッシュボードを試作します。");
    await host.getByLabel(/^業務内容/).fill("観光客数や宿泊データを整理し、BIツールでダッシュボードを作成します。");
    await host.getByLabel(/^求めるスキル/).fill("データ分析、観光");
    await host.locator("#hoursPerMonth").fill("10");
    await host.getByLabel(/^募集人数/).fill("2");
    await host.getByLabel(/^実施期間（開始日）/).fill(today);
    await host.getByLabel(/^実施期間（終了日）/).fill(addDays(today, 90));
    await host.getByRole("radio", { name: "リモート", exact: true }).check();
    await host.getByRole("radio", { name: "書類選考" }).check();
    await host.getByLabel(/^問い合わせ先/).fill("デジタル化推進室（内線3456）");
    await host.getByLabel(/^応募受付（開始日）/).fill(today);
    await host.getByLabel(/^応募受付（締切日）/).fill(addDays(today, 14));
    await host.getByRole("button", { name: "保存して承認を申請" }).click();
    await host.waitForURL(/\/manage\/postings\/\d+/);
    const postingId = Number(/\/manage\/postings\/(\d+)/.exec(host.url())![1]);
    await host.getByText("承認待ち").first().waitFor();
    await screenshot(host, "journey-1-submitted");

    // 2. HR approves it from the queue.
    const hrPage = await as(hr);
    await hrPage.goto(`${baseUrl()}/hr/postings`);
    await hrPage.getByRole("link", { name: title }).click();
    await hrPage.getByRole("button", { name: "承認して公開する" }).click();
    await hrPage.getByText("公開しました").first().waitFor();

    // 3. The employee finds it by a keyword inside the title and applies; a too-short motivation is refused
    //    beside the field and what was typed stays.
    const applicant = await as(employee);
    await applicant.goto(`${baseUrl()}/postings`);
    await applicant.getByLabel(/^キーワード/).fill("データ可視化");
    await applicant.getByRole("button", { name: "この条件で探す" }).click();
    // The result cards are HTML text (app/postings/posting-cards-html.ts): the card's link still navigates in place.
    await applicant.evaluate(() => Object.assign(window, { samePage: true }));
    await applicant.getByRole("link", { name: title }).click();
    await applicant.waitForURL(`**/postings/${postingId}`);
    expect(await applicant.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    await applicant.getByRole("link", { name: "この募集に応募する" }).click();
    await applicant.waitForURL(`**/postings/${postingId}/apply`);
    await applicant.getByText(`所属長 ${supervisor.name} さん`).waitFor();
    await applicant.getByLabel(/^志望動機/).fill("データが好きです。");
    await applicant.getByLabel(/^関連する経験/).fill("統計調査の集計を3年担当しました。");
    await applicant.getByRole("button", { name: "所属長の同意を依頼して応募する" }).click();
    await applicant.locator("#motivation-error").waitFor();
    await expect(applicant.locator("#motivation-error").textContent()).resolves.toContain("20字以上");
    await expect(applicant.getByLabel(/^関連する経験/).inputValue()).resolves.toBe("統計調査の集計を3年担当しました。");
    await screenshot(applicant, "journey-3-apply-error");
    await applicant.getByLabel(/^志望動機/).fill("観光統計の集計を担当してきた経験を活かし、県民に伝わる可視化に挑戦したいと考えています。");
    await applicant.getByRole("button", { name: "所属長の同意を依頼して応募する" }).click();
    await applicant.waitForURL(/\/me\/applications\/\d+/);
    await applicant.getByText("同意待ち").first().waitFor();

    // Before consent the host does not see the application at all.
    await host.goto(`${baseUrl()}/manage/applicants/${postingId}`);
    await expect(host.getByText(employee.name).count()).resolves.toBe(0);

    // 4. The supervisor consents from the inbox.
    const head = await as(supervisor);
    await head.goto(`${baseUrl()}/supervisor/consents`);
    await head.getByRole("link", { name: new RegExp(title) }).first().click();
    await head.getByRole("button", { name: "同意する" }).click();
    await head.getByText("応募に同意しました").waitFor();

    // 5. The host accepts.
    await host.goto(`${baseUrl()}/manage/applicants/${postingId}`);
    await host.getByRole("link", { name: employee.name }).click();
    await host.waitForURL(/\/manage\/applications\/\d+/);
    await host.getByRole("button", { name: "採用する" }).click();
    await host.getByText("採用を決定し").waitFor();
    await screenshot(host, "journey-5-accepted");

    // 6. The employee's page shows 参加中.
    await applicant.goto(`${baseUrl()}/me/applications`);
    const row = applicant.getByRole("row").filter({ hasText: title });
    await row.getByText("参加中").waitFor();
    await screenshot(applicant, "journey-6-participating");

    // The expected emails sit in the outbox.
    const db = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
    await db.connect();
    try {
      const { rows } = await db.query<{ template: string; to_address: string }>("SELECT template, to_address FROM outbox_emails WHERE created_at >= $1 ORDER BY id", [startedAt]);
      const sent = rows.map((r) => `${r.template} → ${r.to_address}`);
      expect(sent).toEqual(
        expect.arrayContaining([
          `posting-submitted → ${hr.email}`,
          `posting-approved → ${manager.email}`,
          `application-submitted → ${supervisor.email}`,
          `application-consented → ${employee.email}`,
          `application-consented-host → ${manager.email}`,
          `application-decision → ${employee.email}`,
        ]),
      );
      const participation = await db.query("SELECT scheme, start_on::text, end_on::text FROM participations p JOIN employees e ON e.id = p.employee_id WHERE e.employee_no = $1 AND p.title = $2", [employee.employeeNo, title]);
      expect(participation.rows).toEqual([{ scheme: "side_job", start_on: today, end_on: addDays(today, 90) }]);
    } finally {
      await db.end();
    }
  });
});
