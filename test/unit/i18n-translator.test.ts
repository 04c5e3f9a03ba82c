import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { registerMessages } from "~/i18n/registry";

registerMessages({
  ja: {
    "test.translator.plain": "保存しました",
    "test.translator.vars": "{name}さんの{count}件目",
    "test.translator.edges": "{a}と{a}、{b}",
    "test.translator.jaOnly": "日本語だけ {x}",
  },
  en: {
    "test.translator.plain": "Saved",
    "test.translator.vars": "{name}: no. {count}",
    "test.translator.edges": "{a} and {a}, {b}",
  },
});

describe("translator", () => {
  it("fills placeholders wherever they are, as often as they appear", () => {
    const t = translator("ja");
    expect(t("test.translator.plain")).toBe("保存しました");
    expect(t("test.translator.vars", { name: "山田", count: 3 })).toBe("山田さんの3件目");
    expect(t("test.translator.edges", { a: "前", b: "後" })).toBe("前と前、後");
    expect(t("test.translator.vars", { name: "山田", count: 0 })).toBe("山田さんの0件目");
  });

  it("leaves a placeholder without a value as it is, and does not read placeholders inside values", () => {
    const t = translator("ja");
    expect(t("test.translator.vars", { name: "{count}" })).toBe("{count}さんの{count}件目");
    expect(t("test.translator.edges", { a: "$&", b: "$1" })).toBe("$&と$&、$1");
  });

  it("gives the same text on every call (templates are split once and reused)", () => {
    const t = translator("en");
    for (let i = 0; i < 3; i++) expect(t("test.translator.vars", { name: `N${i}`, count: i })).toBe(`N${i}: no. ${i}`);
  });

  it("falls back to Japanese, then to the key itself", () => {
    const t = translator("en");
    expect(t("test.translator.jaOnly", { x: "1" })).toBe("日本語だけ 1");
    expect(t("test.translator.missing {x}", { x: "1" })).toBe("test.translator.missing 1");
    expect(t("test.translator.missing")).toBe("test.translator.missing");
  });
});
