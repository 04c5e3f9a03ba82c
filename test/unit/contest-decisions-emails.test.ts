import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.server";
import { defaultProjectEnd } from "~/contest/projects.server";

const base = {
  recipientName: "中川 さくら",
  roundTitle: "チャレンジコンテスト",
  fiscalYear: 2024,
  proposalTitle: "観光データで県民参加型のまちづくり",
  url: "https://portal.example.jp/contest/proposals/7",
};

describe("contest result email", () => {
  it("adopted: product subject, the outcome, the feedback, the project's host and period, the project link", async () => {
    const email = await renderEmail("contest-decision-result", {
      ...base,
      outcome: "adopted",
      feedback: "県民参加の仕組みが高く評価されました。\n実施に向けて関係課と調整してください。",
      project: { hostName: "デジタル化推進室", startOn: "2024-08-01", endOn: "2025-07-31", url: "https://portal.example.jp/contest/projects/3" },
    });
    expect(email.subject).toBe("【職員チャレンジポータル】チャレンジコンテストの審査結果：観光データで県民参加型のまちづくり");
    expect(email.text).toContain("中川 さくら 様");
    expect(email.text).toContain("令和6年度「チャレンジコンテスト」");
    expect(email.text).toContain("正式採択");
    expect(email.text).toContain("県民参加の仕組みが高く評価されました。");
    expect(email.text).toContain("デジタル化推進室");
    expect(email.text).toContain("2024年8月1日（木） – 2025年7月31日（木）");
    expect(email.text).toContain("https://portal.example.jp/contest/projects/3");
    expect(email.text).toContain("個々の審査員の氏名や採点はお知らせしていません");
    expect(email.html).not.toContain("\0");
  });

  it("step-up and not adopted say so; not adopted links to the proposal and has no project lines", async () => {
    const stepUp = await renderEmail("contest-decision-result", { ...base, outcome: "step_up", feedback: null, project: { hostName: "観光振興課", startOn: "2024-08-01", endOn: null, url: "https://portal.example.jp/contest/projects/4" } });
    expect(stepUp.text).toContain("ステップアップ枠で採択");
    expect(stepUp.text).toContain("期間の定めなし");
    expect(stepUp.text).not.toContain("審査を踏まえたコメント");

    const rejected = await renderEmail("contest-decision-result", { ...base, outcome: "not_adopted", feedback: "費用対効果の説明を補強してください。", project: null });
    expect(rejected.text).toContain("不採択");
    expect(rejected.text).toContain("費用対効果の説明を補強してください。");
    expect(rejected.text).toContain("https://portal.example.jp/contest/proposals/7");
    expect(rejected.text).not.toContain("実施所属");
    expect(rejected.text).toContain("次回のチャレンジコンテストにも");
  });

  it("English when the recipient chose it", async () => {
    const email = await renderEmail("contest-decision-result", { ...base, outcome: "step_up", feedback: null, project: null }, "en");
    expect(email.subject).toBe("[Staff Challenge Portal] Challenge contest result: 観光データで県民参加型のまちづくり");
    expect(email.text).toContain("Adopted for the step-up track");
    expect(email.text).toContain("FY2024");
  });
});

describe("project member added email", () => {
  it("names the project, host and the member's own period", async () => {
    const email = await renderEmail("contest-project-member-added", {
      recipientName: "加藤 新人",
      projectTitle: "庁内の会議資料のペーパーレス化",
      hostName: "企画調整室",
      startOn: "2026-12-01",
      endOn: "2027-07-31",
      url: "https://portal.example.jp/contest/projects/9",
    });
    expect(email.subject).toBe("【職員チャレンジポータル】チャレンジプロジェクトのメンバーに追加されました：庁内の会議資料のペーパーレス化");
    expect(email.text).toContain("加藤 新人 様");
    expect(email.text).toContain("企画調整室");
    expect(email.text).toContain("2026年12月1日（火） – 2027年7月31日（土）");
    expect(email.text).toContain("https://portal.example.jp/contest/projects/9");
  });
});

describe("defaultProjectEnd", () => {
  it("is one year after the start, minus a day", () => {
    expect(defaultProjectEnd("2024-08-01")).toBe("2025-07-31");
    expect(defaultProjectEnd("2026-04-01")).toBe("2027-03-31");
    // 29 February: the same day next year does not exist (→ 1 March), minus a day → 28 February
    expect(defaultProjectEnd("2024-02-29")).toBe("2025-02-28");
  });
});
