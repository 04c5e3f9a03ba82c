import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { inviteSchema, missingForSubmission, parseYen, proposalFormSchema } from "~/contest/proposal-schemas";
import { roundFormSchema } from "~/contest/round-schemas";
import { translator } from "~/i18n/i18n";

const t = translator("ja");

function formData(values: Record<string, string | undefined>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) data.append(key, value);
  return data;
}

function errorsOf(result: { status?: string; reply: () => { error?: Record<string, string[] | null> | null } }): Record<string, string[]> {
  if (result.status === "success") return {};
  return (result.reply().error ?? {}) as Record<string, string[]>;
}

const proposal = {
  title: "窓口予約のオンライン化",
  background: "窓口の待ち時間が長い。",
  proposal: "オンライン予約を導入する。",
  expectedEffect: "県民の待ち時間が半減する。",
  plan: "半年で試行する。",
  budgetYen: "500000",
  requestedSharePercent: "12.5",
  desiredHostDepartmentId: "42",
};
const parseProposal = (values: Record<string, string | undefined>) => parseWithZod(formData(values), { schema: proposalFormSchema(t) });

describe("proposal form schema", () => {
  it("a draft needs only a title; empty fields become empty text or null", () => {
    const result = parseProposal({ intent: "save", title: "  題名だけ  " });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toEqual({
      intent: "save",
      value: { title: "題名だけ", background: "", proposal: "", expectedEffect: "", plan: "", budgetYen: null, requestedSharePercent: null, desiredHostDepartmentId: null },
    });
    expect(errorsOf(parseProposal({ intent: "save" })).title).toEqual(["提案名を入力してください。"]);
  });

  it("submitting needs every field but the host unit, each error beside its field", () => {
    const errors = errorsOf(parseProposal({ intent: "submit", title: "題名だけ" }));
    expect(Object.keys(errors).sort()).toEqual(["background", "budgetYen", "expectedEffect", "plan", "proposal", "requestedSharePercent"]);
    expect(errors.plan).toEqual(["提出するには、実施計画・スケジュールを入力してください。"]);
    expect(errors.budgetYen).toEqual(["提出するには、概算予算を入力してください（不要な場合は0）。"]);
    const ok = parseProposal({ ...proposal, intent: "submit", desiredHostDepartmentId: undefined });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value.value).toMatchObject({ budgetYen: 500000, requestedSharePercent: 12.5, desiredHostDepartmentId: null });
  });

  it("budget: whole yen ≥ 0, written the way people write it", () => {
    expect(parseYen("1,200,000円")).toBe(1_200_000);
    expect(parseYen("１２０００")).toBe(12_000);
    expect(parseYen("0")).toBe(0);
    expect(parseYen("-5")).toBeNull();
    expect(parseYen("1.5")).toBeNull();
    expect(parseYen("120万")).toBeNull();
    expect(errorsOf(parseProposal({ ...proposal, budgetYen: "-1" })).budgetYen).toEqual(["概算予算は0以上の整数（円）で入力してください（例：1200000）。"]);
    expect(errorsOf(parseProposal({ ...proposal, budgetYen: "99999999999" })).budgetYen).toHaveLength(1);
  });

  it("share of working time: 0–100 with one decimal; lengths are limited", () => {
    expect(errorsOf(parseProposal({ ...proposal, requestedSharePercent: "101" })).requestedSharePercent).toEqual(["0〜100の数で入力してください。"]);
    expect(errorsOf(parseProposal({ ...proposal, requestedSharePercent: "10.25" })).requestedSharePercent).toEqual(["割合は小数第1位まで入力できます。"]);
    expect(errorsOf(parseProposal({ ...proposal, title: "あ".repeat(121) })).title).toEqual(["提案名は120字以内で入力してください。"]);
    expect(errorsOf(parseProposal({ ...proposal, proposal: "あ".repeat(6001) })).proposal).toEqual(["提案内容は6000字以内で入力してください。"]);
    expect(parseProposal({ ...proposal, proposal: "あ".repeat(6000) }).status).toBe("success");
  });

  it("missingForSubmission names what a saved proposal still lacks", () => {
    expect(missingForSubmission({ background: " ", proposal: "x", expectedEffect: "x", plan: "x", budgetYen: 0, requestedSharePercent: null })).toEqual(["background", "requestedSharePercent"]);
    expect(missingForSubmission({ background: "x", proposal: "x", expectedEffect: "x", plan: "x", budgetYen: 0, requestedSharePercent: "0.0" })).toEqual([]);
  });

  it("an invitation needs someone: picked from the search or typed as a 職員番号", () => {
    expect(parseWithZod(formData({ intent: "invite", employeeId: "7" }), { schema: inviteSchema(t) }).status).toBe("success");
    expect(parseWithZod(formData({ intent: "invite", employeeNo: "823456" }), { schema: inviteSchema(t) }).status).toBe("success");
    expect(errorsOf(parseWithZod(formData({ intent: "invite", employeeNo: " " }), { schema: inviteSchema(t) })).employeeNo).toEqual(["職員番号を入力するか、検索結果から選んでください。"]);
  });
});

const round: Record<string, string> = {
  title: "令和8年度 職員チャレンジコンテスト",
  fiscalYear: "2026",
  guidance: "",
  callOpensOn: "2026-03-01",
  callClosesOn: "2026-05-31",
  reviewOpensOn: "2026-06-01",
  reviewClosesOn: "2026-07-31",
  resultsOn: "2026-07-31",
  projectStartOn: "2026-08-01",
  quotaAdopted: "3",
  quotaStepUp: "5",
  reviewersPerProposal: "3",
  reviewVisibility: "after_submit",
  "criteria[0].nameJa": "新規性",
  "criteria[0].nameEn": "Novelty",
  "criteria[0].weight": "1.5",
  "criteria[0].scaleMin": "1",
  "criteria[0].scaleMax": "5",
};
const parseRound = (values: Record<string, string | undefined>, options = {}) => parseWithZod(formData(values), { schema: roundFormSchema(t, options) });

describe("round form schema", () => {
  it("accepts a complete round with typed values", () => {
    const result = parseRound(round);
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value.value).toMatchObject({ fiscalYear: 2026, quotaAdopted: 3, reviewVisibility: "after_submit", guidance: "" });
    expect(result.value.value.criteria).toEqual([{ nameJa: "新規性", nameEn: "Novelty", description: "", weight: 1.5, scaleMin: 1, scaleMax: 5 }]);
    expect(result.value.version).toBeNull();
  });

  it("reports each date out of order beside that date, together with single-field errors", () => {
    const errors = errorsOf(parseRound({ ...round, title: "", reviewOpensOn: "2026-05-30", resultsOn: "2026-07-30" }));
    expect(errors.title).toEqual(["ラウンド名を入力してください。"]);
    expect(errors.reviewOpensOn).toEqual(["審査開始日は募集締切日以降にしてください。"]);
    expect(errors.resultsOn).toEqual(["結果発表日は審査終了日以降にしてください。"]);
    expect(errors.reviewClosesOn).toBeUndefined();
    expect(errorsOf(parseRound({ ...round, callOpensOn: "2026-02-30" })).callOpensOn).toEqual(["日付を正しく入力してください（例：2027-03-01）。"]);
  });

  it("checks quotas, reviewers, and each criterion's name, weight and scale", () => {
    const errors = errorsOf(
      parseRound({ ...round, quotaAdopted: "101", reviewersPerProposal: "0", "criteria[0].nameEn": "", "criteria[0].weight": "0", "criteria[0].scaleMin": "5", "criteria[0].scaleMax": "5" }),
    );
    expect(errors.quotaAdopted).toEqual(["0〜100の整数で入力してください。"]);
    expect(errors.reviewersPerProposal).toEqual(["1〜20人の整数で入力してください。"]);
    expect(errors["criteria[0].nameEn"]).toEqual(["項目名（英語）を入力してください。"]);
    expect(errors["criteria[0].weight"]).toEqual(["重みは0より大きく100以下の数で入力してください。"]);
    expect(errors["criteria[0].scaleMax"]).toEqual(["最高点は最低点より大きくしてください。"]);
    expect(errorsOf(parseRound({ ...round, "criteria[0].weight": "1.005" }))["criteria[0].weight"]).toEqual(["重みは小数第2位まで入力できます。"]);
  });

  it("needs at least one criterion, with distinct names; a locked form ignores the rubric", () => {
    const { "criteria[0].nameJa": _a, "criteria[0].nameEn": _b, "criteria[0].weight": _c, "criteria[0].scaleMin": _d, "criteria[0].scaleMax": _e, ...noCriteria } = round;
    expect(errorsOf(parseRound(noCriteria)).criteria).toEqual(["評価項目を1つ以上設定してください。"]);
    const twice = { ...round, "criteria[1].nameJa": "新規性", "criteria[1].nameEn": "Novelty 2", "criteria[1].weight": "1", "criteria[1].scaleMin": "1", "criteria[1].scaleMax": "5" };
    expect(errorsOf(parseRound(twice)).criteria).toEqual(["項目名「新規性」が重複しています。"]);
    const locked = parseRound({ ...noCriteria, version: "1732150800000000" }, { rubricLocked: true });
    expect(locked.status).toBe("success");
    if (locked.status === "success") {
      expect(locked.value.value.criteria).toBeUndefined();
      expect(locked.value.version).toBe("1732150800000000");
    }
  });
});
