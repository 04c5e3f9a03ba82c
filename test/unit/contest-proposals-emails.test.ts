import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.server";

describe("contest proposal emails", () => {
  it("invitation: product subject, who invites, the deadline, the link to read and answer", async () => {
    const email = await renderEmail("contest-proposal-invitation", {
      inviteeName: "立山 翔",
      leadName: "中川 さくら",
      leadUnit: "観光振興課",
      proposalTitle: "観光案内のAI化",
      roundTitle: "令和8年度 職員チャレンジコンテスト",
      callClosesOn: "2027-01-31",
      url: "https://portal.example.jp/contest/proposals/12",
    });
    expect(email.subject).toBe("【職員チャレンジポータル】チャレンジコンテストのメンバーに招待されました：観光案内のAI化");
    expect(email.text).toContain("立山 翔 様");
    expect(email.text).toContain("観光振興課の 中川 さくら さん");
    expect(email.text).toContain("2027年1月31日（日）");
    expect(email.text).toContain("https://portal.example.jp/contest/proposals/12");
    expect(email.html).not.toContain("\0");
    const en = await renderEmail(
      "contest-proposal-invitation",
      { inviteeName: "Sho", leadName: "Sakura", leadUnit: "Tourism", proposalTitle: "AI guide", roundTitle: "FY2026", callClosesOn: "2027-01-31", url: "https://x.example/p/1" },
      "en",
    );
    expect(en.subject).toBe("[Staff Challenge Portal] You are invited to join a contest proposal: AI guide");
  });

  it("receipt: the submission time in Japan time, members, and until when it can change", async () => {
    const email = await renderEmail("contest-proposal-submitted", {
      recipientName: "中川 さくら",
      proposalTitle: "観光案内のAI化",
      roundTitle: "令和8年度 職員チャレンジコンテスト",
      leadName: "中川 さくら",
      memberNames: ["立山 翔", "黒部 花子"],
      submittedAt: new Date("2026-12-10T15:30:00Z"), // 2026-12-11 00:30 in Tokyo
      callClosesOn: "2027-01-31",
      resultsOn: "2027-03-15",
      url: "https://portal.example.jp/contest/proposals/12",
    });
    expect(email.subject).toBe("【職員チャレンジポータル】提案を受け付けました：観光案内のAI化");
    expect(email.text).toContain("2026年12月11日（金）00:30（日本時間）");
    expect(email.text).toContain("立山 翔、黒部 花子");
    expect(email.text).toContain("2027年3月15日（月）");
    const alone = await renderEmail("contest-proposal-submitted", {
      recipientName: "中川 さくら",
      proposalTitle: "観光案内のAI化",
      roundTitle: "令和8年度",
      leadName: "中川 さくら",
      memberNames: [],
      submittedAt: new Date(),
      callClosesOn: "2027-01-31",
      resultsOn: "2027-03-15",
      url: "https://portal.example.jp/contest/proposals/12",
    });
    expect(alone.text).toContain("なし（個人での提案）");
  });
});
