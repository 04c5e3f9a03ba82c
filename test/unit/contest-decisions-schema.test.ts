import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { decideSchema, decisionErrorMessage, FEEDBACK_MAX, updateProjectSchema } from "~/contest/decision-schemas";
import { translator } from "~/i18n/i18n";

const t = translator("ja");
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

describe("decideSchema", () => {
  it("requires an outcome, and feedback for 不採択 only", () => {
    const none = parseWithZod(form({ intent: "decide", proposalId: "3" }), { schema: decideSchema(t) });
    expect(none.status).toBe("error");
    expect(none.reply().error?.outcome).toEqual(["採否を選択してください。"]);

    const rejected = parseWithZod(form({ intent: "decide", proposalId: "3", outcome: "not_adopted", feedback: "   " }), { schema: decideSchema(t) });
    expect(rejected.reply().error?.feedback).toEqual(["不採択とする場合は、提案者へのコメントを入力してください。"]);

    const adopted = parseWithZod(form({ intent: "decide", proposalId: "3", outcome: "adopted" }), { schema: decideSchema(t) });
    expect(adopted.status).toBe("success");
    expect(adopted.status === "success" && adopted.value).toEqual({ intent: "decide", proposalId: 3, outcome: "adopted" });
  });

  it("reads the over-quota confirmation, refuses unknown outcomes and over-long feedback", () => {
    const confirmed = parseWithZod(form({ intent: "decide", proposalId: "3", outcome: "step_up", confirmOverQuota: "on" }), { schema: decideSchema(t) });
    expect(confirmed.status === "success" && confirmed.value.confirmOverQuota).toBe("on");
    expect(parseWithZod(form({ intent: "decide", proposalId: "3", outcome: "maybe" }), { schema: decideSchema(t) }).status).toBe("error");
    const long = parseWithZod(form({ intent: "decide", proposalId: "3", outcome: "adopted", feedback: "あ".repeat(FEEDBACK_MAX + 1) }), { schema: decideSchema(t) });
    expect(long.reply().error?.feedback).toEqual([`コメントは${FEEDBACK_MAX}字以内で入力してください。`]);
    // counted in characters as PostgreSQL does: exactly the limit in 4-byte characters is fine
    expect(parseWithZod(form({ intent: "decide", proposalId: "3", outcome: "adopted", feedback: "𠮷".repeat(FEEDBACK_MAX) }), { schema: decideSchema(t) }).status).toBe("success");
  });
});

describe("updateProjectSchema", () => {
  it("needs a real start date; the end may be empty, never before the start", () => {
    const ok = parseWithZod(form({ intent: "update-project", projectId: "1", hostDepartmentId: "4", startOn: "2026-12-01" }), { schema: updateProjectSchema(t) });
    expect(ok.status === "success" && ok.value).toEqual({ intent: "update-project", projectId: 1, hostDepartmentId: 4, startOn: "2026-12-01" });
    const invalid = parseWithZod(form({ intent: "update-project", projectId: "1", hostDepartmentId: "4", startOn: "2026-02-30" }), { schema: updateProjectSchema(t) });
    expect(invalid.reply().error?.startOn).toEqual(["日付を正しく入力してください。"]);
    const backwards = parseWithZod(form({ intent: "update-project", projectId: "1", hostDepartmentId: "4", startOn: "2026-12-01", endOn: "2026-11-30" }), { schema: updateProjectSchema(t) });
    expect(backwards.reply().error?.endOn).toEqual(["終了日は開始日以降の日付にしてください。"]);
  });
});

describe("decisionErrorMessage", () => {
  it("fills the quota refusal with the outcome and the numbers", () => {
    expect(decisionErrorMessage(t, { code: "over_quota", details: { outcome: "step_up", quota: 5, count: 6 } })).toBe(
      "ステップアップ枠の枠は5件です。この決定で6件になります。枠を超えて決定する場合は「枠を超えることを確認しました」にチェックしてから保存してください。",
    );
    expect(decisionErrorMessage(translator("en"), { code: "undecided", details: { undecided: 2 } })).toBe("2 proposal(s) have no outcome yet. Decide every proposal before publishing.");
  });
});
