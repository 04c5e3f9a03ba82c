import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../db/client.server";
import { createRound } from "~/contest/rounds.server";
import { addDays } from "~/postings/model";
import { todayInTokyo } from "~/i18n/format";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { baseUrl, launchBrowser, screenshot, signedInPage } from "../helpers/browser";

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const lead = account("employee");
const member = account("posting_manager");
const admin = account("contest_admin");
const reviewer = account("reviewer");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const as = (who: { employeeNo: string }) => signedInPage(browser, who);

describe("チャレンジコンテスト: from a group proposal to project members, in Chromium", () => {
  it("proposes with a member → member accepts → admin assigns → reviewer scores → admin decides and publishes → proposer sees the result", async () => {
    const today = todayInTokyo();
    const stamp = Date.now().toString(36).slice(-4);
    const title = `窓口のキャッシュレス決済導入 ${stamp}`;

    // A round whose call, review and results all fall on today, so the whole journey fits in one test.
    const db = createDb(inject("e2eDatabaseUrl"), { max: 2 });
    const adminId = (await db.selectFrom("employees").select("id").where("employee_no", "=", admin.employeeNo).executeTakeFirstOrThrow()).id;
    const { id: roundId } = await createRound(
      db,
      { title: `試行コンテスト ${stamp}`, fiscalYear: 2026, callOpensOn: addDays(today, -7), callClosesOn: today, reviewOpensOn: today, reviewClosesOn: today, resultsOn: today, projectStartOn: today },
      { actorId: adminId },
    );

    try {
      // 1. The employee drafts a group proposal and invites a colleague by 職員番号.
      const proposer = await as(lead);
      await proposer.goto(`${baseUrl()}/contest/proposals/new?round=${roundId}`);
      await proposer.getByLabel(/^提案名/).fill(title);
      await proposer.getByLabel(/^背景・課題/).fill("県の窓口では現金払いしかできず、県民の不便と職員の精算事務が課題です。");
      await proposer.getByLabel(/^提案内容/).fill("主要な窓口にキャッシュレス決済を導入し、手数料の納付を便利にします。");
      await proposer.getByLabel(/^県民への効果/).fill("県民は来庁時に現金を用意する必要がなくなり、待ち時間も短くなります。");
      await proposer.getByLabel(/^実施計画・スケジュール/).fill("1〜2月 対象窓口の選定、3月 試行導入。");
      await proposer.getByLabel(/^概算予算/).fill("1200000");
      await proposer.getByLabel(/^従事を希望する時間の割合/).fill("10");
      await proposer.getByRole("button", { name: "下書き保存" }).click();
      await proposer.waitForURL(/\/contest\/proposals\/\d+/);
      const proposalId = Number(/\/contest\/proposals\/(\d+)/.exec(proposer.url())![1]);
      await proposer.getByText("職員番号を直接入力して招待する").click();
      await proposer.getByLabel(/^職員番号$/).fill(member.employeeNo);
      await proposer.getByRole("button", { name: "招待する" }).last().click();
      await proposer.getByText("招待を送りました").waitFor();

      // 2. The member accepts the invitation.
      const colleague = await as(member);
      await colleague.goto(`${baseUrl()}/contest/invitations`);
      await colleague.getByRole("button", { name: "承諾する" }).first().click();
      await colleague.getByText("招待を承諾しました").waitFor();

      // 3. The lead submits.
      await proposer.goto(`${baseUrl()}/contest/proposals/${proposalId}`);
      await proposer.getByRole("button", { name: "保存して提出する" }).click();
      await proposer.getByText("提案を提出しました").waitFor();
      await screenshot(proposer, "contest-1-submitted");

      // 4. The admin assigns the reviewer.
      const office = await as(admin);
      await office.goto(`${baseUrl()}/admin/contest/rounds/${roundId}/assignments`);
      const select = office.locator(`#assign-reviewer-${proposalId}`);
      const value = await select.locator("option", { hasText: reviewer.name }).getAttribute("value");
      await select.selectOption(value!);
      await office.getByRole("button", { name: "割り当てる" }).first().click();
      await office.getByText("審査員を割り当て").waitFor();

      // 5. The reviewer scores every criterion and submits.
      const judge = await as(reviewer);
      await judge.goto(`${baseUrl()}/review`);
      await judge.getByRole("link", { name: new RegExp(title) }).first().click();
      await judge.waitForURL(`**/review/proposals/${proposalId}`);
      for (const criterion of ["新規性", "県民への効果", "実現可能性", "発展性", "熱意"]) {
        // The radios are visually replaced by styled labels (sr-only inputs); check them as a click on the label would.
        await judge.getByRole("radio", { name: `${criterion}：4点` }).check({ force: true });
      }
      await judge.getByLabel(/^総評/).fill("県民の利便性向上が明確で、実現性も高い提案です。");
      await judge.getByRole("button", { name: "提出する" }).click();
      await judge.getByText("評価を提出しました").waitFor();

      // 6. The admin decides and publishes.
      await office.goto(`${baseUrl()}/admin/contest/rounds/${roundId}/ranking`);
      // The table's rows are HTML text (app/contest/ranking-rows-html.ts): a title still opens its form in place.
      // A client-side navigation, as a <Link> would make: the page (and this marker) stays.
      await office.evaluate(() => Object.assign(window, { samePage: true }));
      await office.getByTestId("ranking-table").getByRole("link", { name: title }).click();
      await office.waitForURL(new RegExp(`[?&]decide=${proposalId}(&|#|$)`));
      await office.locator(`tr[data-proposal-id="${proposalId}"] a[aria-current="true"]`).waitFor();
      expect(await office.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
      await office.getByRole("radio", { name: "正式採択" }).first().check();
      await office.getByLabel(/^提案者へのコメント/).first().fill("効果が明確です。関係課と連携して進めてください。");
      await office.getByRole("button", { name: "採否を保存する" }).first().click();
      await office.getByText("採否を保存しました").waitFor();
      await office.getByRole("button", { name: "結果を公開する" }).click();
      await office.getByText("結果を公開し、提案者に通知しました").waitFor();
      await screenshot(office, "contest-6-published");

      // 7. The proposer sees the outcome and the feedback, and no reviewer's name.
      await proposer.goto(`${baseUrl()}/contest/proposals/${proposalId}`);
      await proposer.getByText("正式採択").first().waitFor();
      await proposer.getByText("関係課と連携して進めてください").waitFor();
      await expect(proposer.locator("main").textContent()).resolves.not.toContain(reviewer.name);
      await screenshot(proposer, "contest-7-result");

      // 8. The project's members are participants: both have a contest_project record from today.
      const records = await db
        .selectFrom("participations as p")
        .innerJoin("employees as e", "e.id", "p.employee_id")
        .innerJoin("contest_projects as c", "c.id", "p.contest_project_id")
        .select(["e.employee_no", "p.scheme", "p.start_on"])
        .where("c.proposal_id", "=", proposalId)
        .orderBy("e.employee_no")
        .execute();
      expect(records).toEqual([
        { employee_no: lead.employeeNo, scheme: "contest_project", start_on: today },
        { employee_no: member.employeeNo, scheme: "contest_project", start_on: today },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
