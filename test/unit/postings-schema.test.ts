import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { browseFiltersSchema, cancelSchema, parseBrowseQuery, postingFormSchema, returnSchema } from "~/postings/schema";

const t = translator("ja");
const grades = ["主事", "主任", "係長", "課長補佐", "課長"];
const today = "2026-11-21";

const valid: Record<string, string | string[]> = {
  intent: "save",
  scheme: "side_job",
  title: "観光振興プロモーション企画",
  hostDepartmentId: "12",
  summary: "県内観光地の魅力を発信する企画を一緒に考えます。",
  workContent: "SNS投稿の企画、動画撮影の補助、効果測定を担当します。",
  skills: "観光、SNS運用, 動画編集",
  hoursPerMonth: "10.5",
  periodStart: "2027-01-01",
  periodEnd: "2027-03-31",
  capacity: "2",
  workStyle: "hybrid",
  place: "県庁本館4階",
  maxGrade: "課長補佐",
  employmentTypes: ["regular", "reappointed"],
  selectionMethod: "interview",
  contact: "観光振興課 山田（内線1234）",
  applyFrom: "2026-12-01",
  applyUntil: "2026-12-20",
};

function formData(values: Record<string, string | string[] | undefined>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

const parse = (overrides: Record<string, string | string[] | undefined> = {}) =>
  parseWithZod(formData({ ...valid, ...overrides }), { schema: postingFormSchema(t, { today, grades }) });

function errorsOf(result: ReturnType<typeof parse>): Record<string, string[]> {
  if (result.status === "success") return {};
  return (result.reply().error ?? {}) as Record<string, string[]>;
}

describe("posting form schema", () => {
  it("accepts a complete posting and returns typed values", () => {
    const result = parse();
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value.intent).toBe("save");
    expect(result.value.value).toMatchObject({
      hostDepartmentId: 12,
      hoursPerMonth: 10.5,
      capacity: 2,
      skills: ["観光", "SNS運用", "動画編集"],
      maxGrade: "課長補佐",
      employmentTypes: ["regular", "reappointed"],
    });
  });

  it("reports every missing field at once, in Japanese, beside the field", () => {
    const errors = errorsOf(parseWithZod(formData({ intent: "save" }), { schema: postingFormSchema(t, { today, grades }) }));
    expect(errors.title).toEqual(["募集名を入力してください。"]);
    expect(errors.summary).toEqual(["概要を入力してください。"]);
    expect(errors.workContent).toEqual(["業務内容を入力してください。"]);
    expect(errors.contact).toEqual(["問い合わせ先を入力してください。"]);
    expect(errors.hoursPerMonth).toEqual(["月あたりの従事時間を入力してください。"]);
    expect(errors.capacity).toEqual(["募集人数を入力してください。"]);
    expect(errors.scheme).toEqual(["制度を選んでください。"]);
    expect(errors.employmentTypes).toEqual(["応募できる任用形態を1つ以上選んでください。"]);
    expect(errors.periodStart).toEqual(["日付を入力してください。"]);
  });

  it("limits lengths: title 120, summary 400, work content 4000, contact 200", () => {
    expect(parse({ title: "あ".repeat(120) }).status).toBe("success");
    expect(errorsOf(parse({ title: "あ".repeat(121) })).title).toEqual(["募集名は120字以内で入力してください。"]);
    expect(errorsOf(parse({ summary: "あ".repeat(401) })).summary).toEqual(["概要は400字以内で入力してください。"]);
    expect(errorsOf(parse({ workContent: "あ".repeat(4001) })).workContent).toEqual(["業務内容は4000字以内で入力してください。"]);
    expect(errorsOf(parse({ contact: "   " })).contact).toEqual(["問い合わせ先を入力してください。"]);
  });

  it("hours 0.5–160 with one decimal, capacity 1–100 whole", () => {
    expect(parse({ hoursPerMonth: "0.5" }).status).toBe("success");
    expect(parse({ hoursPerMonth: "160" }).status).toBe("success");
    expect(errorsOf(parse({ hoursPerMonth: "0.4" })).hoursPerMonth).toEqual(["月あたりの従事時間は0.5時間以上160時間以下で入力してください。"]);
    expect(errorsOf(parse({ hoursPerMonth: "160.5" })).hoursPerMonth).toHaveLength(1);
    expect(errorsOf(parse({ hoursPerMonth: "10.25" })).hoursPerMonth).toEqual(["月あたりの従事時間は小数第1位までで入力してください。"]);
    expect(errorsOf(parse({ hoursPerMonth: "十時間" })).hoursPerMonth).toEqual(["月あたりの従事時間は数値で入力してください。"]);
    expect(errorsOf(parse({ capacity: "0" })).capacity).toEqual(["募集人数は1人以上100人以下の整数で入力してください。"]);
    expect(errorsOf(parse({ capacity: "101" })).capacity).toHaveLength(1);
    expect(errorsOf(parse({ capacity: "1.5" })).capacity).toHaveLength(1);
  });

  it("skills: at most 10 tags of at most 30 characters", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `スキル${i}`).join("、");
    expect(parse({ skills: ten }).status).toBe("success");
    expect(errorsOf(parse({ skills: `${ten}、もう一つ` })).skills).toEqual(["求めるスキル・経験は10個までにしてください。"]);
    expect(errorsOf(parse({ skills: `観光、${"長".repeat(31)}` })).skills?.[0]).toContain("30字以内");
    const empty = parse({ skills: "" });
    expect(empty.status === "success" && empty.value.value.skills).toEqual([]);
  });

  it("dates: period end ≥ start, deadline ≥ opening and ≤ period end — reported together with field errors", () => {
    expect(errorsOf(parse({ periodEnd: "2026-12-31" })).periodEnd).toEqual(["実施期間の終了日は開始日以降の日付にしてください。"]);
    expect(errorsOf(parse({ applyUntil: "2026-11-30" })).applyUntil).toEqual(["締切日は受付開始日以降の日付にしてください。"]);
    expect(errorsOf(parse({ applyUntil: "2027-04-01" })).applyUntil).toEqual(["締切日は実施期間の終了日以前の日付にしてください。"]);
    expect(errorsOf(parse({ periodStart: "2027-02-30" })).periodStart).toEqual(["日付を正しく入力してください（例: 2026-12-01）。"]);
    // one missing field does not hide the relation errors
    const both = errorsOf(parse({ title: undefined, periodEnd: "2026-12-31" }));
    expect(Object.keys(both).sort()).toEqual(["periodEnd", "title"]);
  });

  it("the window may start in the past for a draft, but not when submitting", () => {
    expect(parse({ applyFrom: "2026-11-01" }).status).toBe("success");
    expect(errorsOf(parse({ intent: "submit", applyFrom: "2026-11-20" })).applyFrom).toEqual(["承認を申請するときは、受付開始日を今日以降の日付にしてください。"]);
    expect(parse({ intent: "submit", applyFrom: today }).status).toBe("success");
  });

  it("on-site and hybrid work need a place; remote does not", () => {
    expect(errorsOf(parse({ place: "" })).place).toEqual(["対面・併用の場合は勤務場所を入力してください。"]);
    expect(parse({ workStyle: "remote", place: "" }).status).toBe("success");
  });

  it("the grade must be one of the grades (or empty for no limit)", () => {
    expect(errorsOf(parse({ maxGrade: "社長" })).maxGrade).toEqual(["職位は一覧から選んでください。"]);
    const none = parse({ maxGrade: "" });
    expect(none.status === "success" && none.value.value.maxGrade).toBeNull();
  });

  it("messages switch to English", () => {
    const result = parseWithZod(formData({ ...valid, title: "" }), { schema: postingFormSchema(translator("en"), { today, grades }) });
    expect(result.status === "error" && result.reply().error?.title).toEqual(["Enter a title."]);
  });
});

describe("review and cancel forms", () => {
  it("returning needs a comment; cancelling needs a reason", () => {
    const ret = parseWithZod(formData({ intent: "return", comment: "  " }), { schema: returnSchema(t) });
    expect(ret.status === "error" && ret.reply().error?.comment).toEqual(["差戻しの理由を入力してください。"]);
    const cancel = parseWithZod(formData({ intent: "cancel", reason: "" }), { schema: cancelSchema(t) });
    expect(cancel.status === "error" && cancel.reply().error?.reason).toEqual(["中止の理由を入力してください。"]);
    const ok = parseWithZod(formData({ intent: "cancel", reason: " 事業の見直し " }), { schema: cancelSchema(t) });
    expect(ok.status === "success" && ok.value.reason).toBe("事業の見直し");
  });
});

describe("browse query", () => {
  it("keeps valid filters and ignores malformed ones", () => {
    const q = parseBrowseQuery(new URLSearchParams("q=観光&scheme=side_job&bureau=3&maxHours=20&remote=1&from=2027-01&to=2027-13&sort=bogus&page=x"));
    expect(q).toMatchObject({ q: "観光", scheme: "side_job", bureau: 3, maxHours: 20, remote: "1", from: "2027-01", sort: "deadline", page: 1 });
    expect(q.to).toBeUndefined();
    expect(browseFiltersSchema.parse({}).sort).toBe("deadline");
  });
});
