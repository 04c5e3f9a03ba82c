import { describe, expect, it } from "vitest";
import { foldForSearch, isKana, toHiragana } from "~/people/kana";
import { fiscalYearLabel, fiscalYearOf, formatDate, todayInTokyo } from "~/i18n/format";

describe("kana folding", () => {
  it("folds katakana, half-width kana and spaces", () => {
    expect(toHiragana("ヤマダ タロウ")).toBe("やまだ たろう");
    expect(foldForSearch("ﾔﾏﾀﾞ　タロウ")).toBe("やまだたろう");
    expect(foldForSearch("やまだ")).toBe(foldForSearch("ヤマダ"));
  });
  it("recognises kana", () => {
    expect(isKana("ヤマダ タロウ")).toBe(true);
    expect(isKana("やまだ ー")).toBe(true);
    expect(isKana("山田")).toBe(false);
  });
});

describe("dates in Asia/Tokyo and fiscal years", () => {
  it("takes today's date in Tokyo, not UTC", () => {
    expect(todayInTokyo(new Date("2026-03-31T15:30:00Z"))).toBe("2026-04-01");
  });
  it("labels fiscal years in 令和", () => {
    expect(fiscalYearOf("2024-03-31")).toBe(2023);
    expect(fiscalYearOf("2024-04-01")).toBe(2024);
    expect(fiscalYearLabel(2024)).toBe("令和6年度");
    expect(fiscalYearLabel(2026)).toBe("令和8年度");
    expect(fiscalYearLabel(2026, "en")).toBe("FY2026");
  });
  it("formats a calendar date without shifting it", () => {
    expect(formatDate("2024-04-01", "ja")).toBe("2024年4月1日");
  });
});
