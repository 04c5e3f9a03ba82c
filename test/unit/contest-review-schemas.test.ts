import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  autoAssignSchema,
  conflictOverrideSchema,
  declareConflictSchema,
  pseudonymLetter,
  reviewFormSchema,
  reviewWindowState,
} from "~/contest/review-schemas";
import { translator } from "~/i18n/i18n";

const t = translator("ja");
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const criteria = [
  { id: 11, scale_min: 1, scale_max: 5 },
  { id: 12, scale_min: 1, scale_max: 5 },
  { id: 13, scale_min: 0, scale_max: 10 },
];
const review = (fields: Record<string, string>) => parseWithZod(form(fields), { schema: reviewFormSchema(t, criteria) });
const rows = (scores: Array<[number, string?, string?]>) =>
  Object.fromEntries(
    scores.flatMap(([id, score, comment], i) => [
      [`scores[${i}].criterionId`, String(id)],
      ...(score !== undefined ? [[`scores[${i}].score`, score]] : []),
      ...(comment !== undefined ? [[`scores[${i}].comment`, comment]] : []),
    ]),
  );
const errorsOf = (submission: { status?: string; error?: Record<string, string[] | null> | null }) => (submission.status === "error" ? submission.error ?? {} : {});

describe("review form schema", () => {
  it("a draft takes any subset of scores, even none", () => {
    expect(review({ intent: "save", ...rows([[11], [12], [13]]) }).status).toBe("success");
    const partial = review({ intent: "save", ...rows([[11, "4"], [12], [13]]), overallComment: "途中" });
    expect(partial.status).toBe("success");
    if (partial.status === "success") expect(partial.value.scores?.map((s) => s.score)).toEqual([4, undefined, undefined]);
  });

  it("submitting needs every criterion scored and the overall comment", () => {
    const missing = review({ intent: "submit", ...rows([[11, "4"], [12], [13, "7"]]) });
    expect(missing.status).toBe("error");
    expect(errorsOf(missing)["scores[1].score"]).toEqual(["評点を選んでください。"]);
    expect(errorsOf(missing).overallComment).toEqual(["提出するには総評を入力してください。"]);
    expect(errorsOf(missing)["scores[0].score"]).toBeUndefined();

    // A criterion left out of the form altogether also blocks submission (form-level error).
    const absent = review({ intent: "submit", ...rows([[11, "4"], [12, "3"]]), overallComment: "良い提案です。" });
    expect(errorsOf(absent)[""]).toEqual(["提出するには、すべての評価項目の評点を選んでください。"]);

    expect(review({ intent: "submit", ...rows([[11, "4"], [12, "3"], [13, "0"]]), overallComment: "良い提案です。" }).status).toBe("success");
  });

  it("keeps every score inside its criterion's scale and whole", () => {
    expect(errorsOf(review({ intent: "save", ...rows([[11, "6"]]) }))["scores[0].score"]).toEqual(["評点は1〜5の範囲で選んでください。"]);
    expect(errorsOf(review({ intent: "save", ...rows([[11, "0"]]) }))["scores[0].score"]).toEqual(["評点は1〜5の範囲で選んでください。"]);
    expect(review({ intent: "save", ...rows([[13, "10"]]) }).status).toBe("success");
    expect(errorsOf(review({ intent: "save", ...rows([[13, "11"]]) }))["scores[0].score"]).toEqual(["評点は0〜10の範囲で選んでください。"]);
    expect(errorsOf(review({ intent: "save", ...rows([[11, "3.5"]]) }))["scores[0].score"]).toEqual(["評点が正しくありません。"]);
  });

  it("refuses a criterion of another round and a criterion given twice", () => {
    expect(errorsOf(review({ intent: "save", ...rows([[99, "3"]]) }))["scores[0].criterionId"]).toBeTruthy();
    expect(errorsOf(review({ intent: "save", ...rows([[11, "3"], [11, "4"]]) }))["scores[1].criterionId"]).toBeTruthy();
  });

  it("a criterion comment needs its score (scores store the comment), and lengths are bounded by code points", () => {
    expect(errorsOf(review({ intent: "save", ...rows([[11, undefined, "コメント"]]) }))["scores[0].score"]).toEqual(["コメントを保存するには、この項目の評点も選んでください。"]);
    expect(review({ intent: "save", ...rows([[11, "3", "😀".repeat(2000)]]) }).status).toBe("success");
    expect(errorsOf(review({ intent: "save", ...rows([[11, "3", "あ".repeat(2001)]]) }))["scores[0].comment"]).toEqual(["2000字以内で入力してください。"]);
    expect(errorsOf(review({ intent: "save", overallComment: "あ".repeat(4001) })).overallComment).toEqual(["4000字以内で入力してください。"]);
  });

  it("refuses an unknown intent", () => {
    expect(review({ intent: "publish" }).status).toBe("error");
  });
});

describe("conflict and assignment schemas", () => {
  it("a declaration needs a reason of at most 500 characters", () => {
    const parse = (fields: Record<string, string>) => parseWithZod(form(fields), { schema: declareConflictSchema(t) });
    expect(errorsOf(parse({ intent: "declare", proposalId: "5" })).reason).toEqual(["理由を入力してください。"]);
    expect(errorsOf(parse({ intent: "declare", proposalId: "5", reason: "　 " })).reason).toEqual(["理由を入力してください。"]);
    expect(errorsOf(parse({ intent: "declare", proposalId: "5", reason: "あ".repeat(501) })).reason).toEqual(["500字以内で入力してください。"]);
    const ok = parse({ intent: "declare", proposalId: "5", reason: " 提案者は同じ係の職員です。 " });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toEqual({ intent: "declare", proposalId: 5, reason: "提案者は同じ係の職員です。" });
  });

  it("an admin override needs the pair, a state and a reason", () => {
    const parse = (fields: Record<string, string>) => parseWithZod(form(fields), { schema: conflictOverrideSchema(t) });
    expect(parse({ intent: "override", proposalId: "1", reviewerId: "2", state: "cleared", reason: "別の係で接点なし" }).status).toBe("success");
    expect(parse({ intent: "override", proposalId: "1", reviewerId: "2", state: "maybe", reason: "x" }).status).toBe("error");
    expect(errorsOf(parse({ intent: "override", proposalId: "", reviewerId: "2", state: "conflict", reason: "x" })).proposalId).toBeTruthy();
    expect(errorsOf(parse({ intent: "override", proposalId: "1", reviewerId: "2", state: "conflict" })).reason).toEqual(["理由を入力してください。"]);
  });

  it("reviewers per proposal: a whole number from 1 to 20", () => {
    const parse = (perProposal: string) => parseWithZod(form({ intent: "auto", perProposal }), { schema: autoAssignSchema(t) });
    expect(parse("3").status).toBe("success");
    expect(parse("20").status).toBe("success");
    for (const bad of ["0", "21", "2.5", "", "三"]) expect(errorsOf(parse(bad)).perProposal, bad).toEqual(["1〜20の整数で入力してください。"]);
  });
});

describe("pure rules", () => {
  it("the review window is open from review_opens_on to review_closes_on inclusive", () => {
    const round = { review_opens_on: "2026-06-01", review_closes_on: "2026-07-31" };
    expect(reviewWindowState(round, "2026-05-31")).toBe("before");
    expect(reviewWindowState(round, "2026-06-01")).toBe("open");
    expect(reviewWindowState(round, "2026-07-31")).toBe("open");
    expect(reviewWindowState(round, "2026-08-01")).toBe("closed");
  });

  it("pseudonyms run A…Z, then AA, AB", () => {
    expect([0, 1, 2, 25, 26, 27, 51, 52].map(pseudonymLetter)).toEqual(["A", "B", "C", "Z", "AA", "AB", "AZ", "BA"]);
  });
});
