import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.server";
import { formatEmailDate } from "../../emails/postings/shared";

const at = new Date("2026-11-21T05:30:00Z"); // 14:30 in Tokyo

describe("posting emails", () => {
  it("submitted → HR: product subject, the posting, the time in Japan time, the review link", async () => {
    const email = await renderEmail("posting-submitted", {
      recipientName: "吉田 直美",
      postingTitle: "観光振興プロモーション企画",
      scheme: "side_job",
      hostUnitName: "観光振興課",
      submittedByName: "松井 健太",
      submittedAt: at,
      applyFrom: "2026-12-01",
      applyUntil: "2026-12-20",
      reviewUrl: "https://portal.example.jp/hr/postings/7",
    });
    expect(email.subject).toBe("【職員チャレンジポータル】募集の承認依頼：観光振興プロモーション企画");
    expect(email.text).toContain("吉田 直美 様");
    expect(email.text).toContain("庁内複業");
    expect(email.text).toContain("2026年11月21日（土）14:30（日本時間）");
    expect(email.text).toContain("2026年12月1日（火） – 2026年12月20日（日）");
    expect(email.text).toContain("https://portal.example.jp/hr/postings/7");
    expect(email.html).not.toContain("\0");
  });

  it("returned carries HR's comment; approved the window; cancelled the reason", async () => {
    const returned = await renderEmail("posting-returned", {
      recipientName: "松井 健太",
      postingTitle: "観光振興プロモーション企画",
      hostUnitName: "観光振興課",
      comment: "受付期間を見直してください。",
      returnedAt: at,
      editUrl: "https://portal.example.jp/manage/postings/7",
    });
    expect(returned.subject).toBe("【職員チャレンジポータル】募集が差し戻されました：観光振興プロモーション企画");
    expect(returned.text).toContain("受付期間を見直してください。");
    expect(returned.text).toContain("（日本時間）");

    const approved = await renderEmail("posting-approved", {
      recipientName: "松井 健太",
      postingTitle: "観光振興プロモーション企画",
      hostUnitName: "観光振興課",
      approvedAt: at,
      applyFrom: "2026-12-01",
      applyUntil: "2026-12-20",
      postingUrl: "https://portal.example.jp/postings/7",
    });
    expect(approved.subject).toBe("【職員チャレンジポータル】募集が承認されました：観光振興プロモーション企画");
    expect(approved.text).toContain("https://portal.example.jp/postings/7");

    const cancelled = await renderEmail("posting-cancelled", {
      recipientName: "中川 さくら",
      postingTitle: "観光振興プロモーション企画",
      hostUnitName: "観光振興課",
      reason: "予算の見直しのため",
      cancelledAt: at,
      applicationUrl: "https://portal.example.jp/me/applications/3",
    });
    expect(cancelled.subject).toBe("【職員チャレンジポータル】募集が中止されました：観光振興プロモーション企画");
    expect(cancelled.text).toContain("予算の見直しのため");
    expect(cancelled.text).toContain("2026年11月21日（土）14:30（日本時間）");
    expect(cancelled.text).toContain("https://portal.example.jp/me/applications/3");
  });

  it("renders in English with Japan time stated", async () => {
    const email = await renderEmail(
      "posting-cancelled",
      { recipientName: "Sakura Nakagawa", postingTitle: "Tourism promotion", hostUnitName: "Tourism", reason: "Budget review", cancelledAt: at, applicationUrl: "https://x.example/me/applications/3" },
      "en",
    );
    expect(email.subject).toBe("[Staff Challenge Portal] Posting cancelled: Tourism promotion");
    expect(email.text).toContain("Sat 21 Nov 2026, 14:30 (Japan time)");
    expect(formatEmailDate("2026-12-01", "en")).toBe("Tue 1 Dec 2026");
  });
});
