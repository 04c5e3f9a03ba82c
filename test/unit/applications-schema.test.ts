import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { applySchema, capSettingSchema, consentSchema, hostActionSchema, parseTokyoLocalDateTime } from "~/applications/schemas";
import { translator } from "~/i18n/i18n";

const t = translator("ja");
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const apply = (fields: Record<string, string>) => parseWithZod(form(fields), { schema: applySchema(t) });
const errorsOf = (submission: ReturnType<typeof apply>) => (submission.status === "error" ? submission.error : {}) ?? {};

describe("application form schema", () => {
  it("refuses a 19-character motivation, accepts 20, refuses 2001", () => {
    const short = apply({ motivation: "あ".repeat(19) });
    expect(short.status).toBe("error");
    expect(errorsOf(short).motivation?.[0]).toBe("志望動機は20字以上で入力してください（現在19字）。");
    expect(apply({ motivation: "あ".repeat(20) }).status).toBe("success");
    expect(apply({ motivation: "あ".repeat(2000) }).status).toBe("success");
    const long = apply({ motivation: "あ".repeat(2001) });
    expect(long.status).toBe("error");
    expect(errorsOf(long).motivation?.[0]).toContain("2000字以内");
  });

  it("requires the motivation and ignores surrounding spaces when counting", () => {
    expect(errorsOf(apply({})).motivation?.[0]).toBe("志望動機を入力してください。");
    expect(errorsOf(apply({ motivation: "　  " })).motivation?.[0]).toBe("志望動機を入力してください。");
    expect(apply({ motivation: `   ${"あ".repeat(19)}   ` }).status).toBe("error");
  });

  it("counts characters as PostgreSQL does (an emoji is one character)", () => {
    expect(apply({ motivation: "😀".repeat(20) }).status).toBe("success");
    expect(apply({ motivation: "😀".repeat(19) }).status).toBe("error");
  });

  it("keeps experience optional up to 2000 characters and hours optional in (0, 160] with one decimal", () => {
    const ok = apply({ motivation: "あ".repeat(20), experience: "い".repeat(2000), hoursAvailable: "12.5" });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toMatchObject({ hoursAvailable: 12.5 });
    expect(errorsOf(apply({ motivation: "あ".repeat(20), experience: "い".repeat(2001) })).experience).toBeTruthy();
    expect(errorsOf(apply({ motivation: "あ".repeat(20), hoursAvailable: "0" })).hoursAvailable).toBeTruthy();
    expect(errorsOf(apply({ motivation: "あ".repeat(20), hoursAvailable: "161" })).hoursAvailable).toBeTruthy();
    expect(errorsOf(apply({ motivation: "あ".repeat(20), hoursAvailable: "1.25" })).hoursAvailable?.[0]).toBe("時間は小数第1位まで入力できます。");
    expect(errorsOf(apply({ motivation: "あ".repeat(20), hoursAvailable: "たくさん" })).hoursAvailable?.[0]).toBe("数値で入力してください。");
  });

  it("requires a reason to decline consent and to not select", () => {
    const decline = parseWithZod(form({ intent: "decline", reason: "  " }), { schema: consentSchema(t) });
    expect(decline.status).toBe("error");
    expect(parseWithZod(form({ intent: "consent" }), { schema: consentSchema(t) }).status).toBe("success");
    expect(parseWithZod(form({ intent: "not_selected" }), { schema: hostActionSchema(t) }).status).toBe("error");
    expect(parseWithZod(form({ intent: "not_selected", reason: "今回は経験者を優先しました。" }), { schema: hostActionSchema(t) }).status).toBe("success");
  });

  it("reads interview times as Japan time and refuses the past", () => {
    expect(parseTokyoLocalDateTime("2026-12-01T14:00")?.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(parseTokyoLocalDateTime("2026-12-01 14:00")).toBeNull();
    const past = parseWithZod(form({ intent: "interview", interviewAt: "2020-01-01T10:00", place: "会議室A" }), { schema: hostActionSchema(t) });
    expect(past.status).toBe("error");
    const future = new Date(Date.now() + 7 * 86400_000 + 9 * 3600_000).toISOString().slice(0, 16);
    expect(parseWithZod(form({ intent: "interview", interviewAt: future, place: "会議室A" }), { schema: hostActionSchema(t) }).status).toBe("success");
  });

  it("accepts a cap of 1–50 whole percent only", () => {
    const cap = (percent: string) => parseWithZod(form({ percent }), { schema: capSettingSchema(t) }).status;
    expect(cap("1")).toBe("success");
    expect(cap("50")).toBe("success");
    expect(cap("0")).toBe("error");
    expect(cap("51")).toBe("error");
    expect(cap("20.5")).toBe("error");
  });
});
