import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.server";
import { formatEmailDateTime } from "../../emails/time";
import { retryDelaySeconds } from "../../app/jobs/backoff";

const props = { name: "山田 太郎", resetUrl: "https://portal.example.jp/reset-password/abc_DEF-123", expiresInMinutes: 60 };

describe("password-reset email", () => {
  it("renders a Japanese HTML part with the shared layout", async () => {
    const email = await renderEmail("password-reset", props);
    expect(email.subject).toBe("【職員チャレンジポータル】パスワード再設定のご案内");
    expect(email.html).toContain('lang="ja"');
    expect(email.html).toContain("職員チャレンジポータル");
    expect(email.html).toContain("山田 太郎 様");
    expect(email.html).toContain(`href="${props.resetUrl}"`);
    expect(email.html).toContain("有効期限は60分間");
    // The shared footer: an automatic message from 人事課's system, not to be replied to.
    expect(email.html).toContain("人事課");
    expect(email.html).toContain("自動送信");
    expect(email.html).toContain("返信されても対応できません");
  });

  it("never contains NUL bytes, wherever React's 2 KB stream chunks split the Japanese text", async () => {
    // React 18 leaves NUL bytes at chunk boundaries inside multi-byte characters; shifting the text by one
    // character at a time puts a boundary inside a character for some of these.
    for (let shift = 0; shift < 12; shift++) {
      const email = await renderEmail("password-reset", { ...props, name: `山田${"あ".repeat(shift)} 太郎` });
      expect(email.html).not.toContain("\0");
    }
  });

  it("renders a plain-text part containing the link and no markup", async () => {
    const email = await renderEmail("password-reset", props);
    expect(email.text).toContain(props.resetUrl);
    expect(email.text).toContain("山田 太郎 様");
    expect(email.text).toContain("パスワードを再設定する");
    expect(email.text).toContain("自動送信");
    expect(email.text).not.toMatch(/<[a-z]/i);
    // The link appears once in the text part: the HTML-only fallback paragraph is skipped there.
    expect(email.text.split(props.resetUrl)).toHaveLength(2);
  });

  it("states an absolute deadline in Japan time when given", async () => {
    const email = await renderEmail("password-reset", { ...props, expiresAt: new Date("2026-11-21T05:30:00Z") });
    expect(email.text).toContain("2026年11月21日（土）14:30（日本時間）まで");
  });

  it("renders in English on request", async () => {
    const email = await renderEmail("password-reset", { ...props, name: "Taro Yamada" }, "en");
    expect(email.subject).toBe("[Staff Challenge Portal] Resetting your password");
    expect(email.html).toContain('lang="en"');
    expect(email.text).toContain("Dear Taro Yamada,");
    expect(email.text).toContain(props.resetUrl);
  });
});

describe("email times", () => {
  it("always print Asia/Tokyo with the zone named", () => {
    expect(formatEmailDateTime("2026-03-31T15:05:00Z", "ja")).toBe("2026年4月1日（水）00:05（日本時間）");
    expect(formatEmailDateTime("2026-03-31T15:05:00Z", "en")).toBe("Wed 1 Apr 2026, 00:05 (Japan time)");
  });
});

describe("retry backoff", () => {
  it("doubles from one minute and stops at six hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(9)).toBe(15_360);
    expect(retryDelaySeconds(10)).toBe(6 * 3600);
    expect(retryDelaySeconds(100)).toBe(6 * 3600);
  });
});
