import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { addHoursSchema, addOverrideSchema, cancelSchema, editNoteSchema, minutesOfDay, profileSchema } from "~/consultations/counselor-schemas";
import { translator } from "~/i18n/i18n";

const t = translator("ja");
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

const goodProfile = {
  displayName: "酒井 恵",
  qualifications: "国家資格キャリアコンサルタント",
  introduction: "異動や能力開発の相談をお受けします。",
  sessionMinutes: "50",
  bufferMinutes: "10",
  minNoticeBusinessDays: "1",
  horizonDays: "60",
  maxPerDay: "4",
  offersInPerson: "on",
  room: "県庁本館2階 相談室A",
  offersOnline: "on",
  meetingUrl: "https://teams.example.jp/meet/abc",
  accepting: "on",
};

describe("profile and booking rules schema", () => {
  it("accepts the defaults with both modes, turning checkboxes into booleans and numbers into numbers", () => {
    const result = parseWithZod(form(goodProfile), { schema: profileSchema(t) });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({ displayName: "酒井 恵", sessionMinutes: 50, bufferMinutes: 10, minNoticeBusinessDays: 1, horizonDays: 60, maxPerDay: 4, offersInPerson: true, offersOnline: true, accepting: true });
  });

  it("an unticked checkbox is false (the form sends nothing for it)", () => {
    const { accepting: _a, offersOnline: _o, meetingUrl: _m, ...rest } = goodProfile;
    const result = parseWithZod(form(rest), { schema: profileSchema(t) });
    expect(result.status).toBe("success");
    if (result.status === "success") expect(result.value).toMatchObject({ accepting: false, offersOnline: false, offersInPerson: true, meetingUrl: "" });
  });

  it("puts each problem beside its field", () => {
    const result = parseWithZod(
      form({ ...goodProfile, displayName: "  ", sessionMinutes: "10", bufferMinutes: "90", horizonDays: "1.5", maxPerDay: "abc", room: "", meetingUrl: "teams の会議" }),
      { schema: profileSchema(t) },
    );
    expect(result.status).toBe("error");
    const errors = result.reply().error ?? {};
    expect(errors.displayName).toEqual(["表示名を入力してください。"]);
    expect(errors.sessionMinutes).toEqual(["15〜180の整数で入力してください。"]);
    expect(errors.bufferMinutes).toEqual(["0〜60の整数で入力してください。"]);
    expect(errors.horizonDays).toEqual(["1〜365の整数で入力してください。"]);
    expect(errors.maxPerDay).toEqual(["1〜20の整数で入力してください。"]);
  });

  it("needs at least one mode, a room for 対面 and an https link for オンライン", () => {
    const none = parseWithZod(form({ ...goodProfile, offersInPerson: "", offersOnline: "" }), { schema: profileSchema(t) });
    const noneErrors = none.reply().error ?? {};
    expect(noneErrors.offersInPerson).toEqual(["対面かオンラインの少なくとも一方を選んでください。"]);

    const missing = parseWithZod(form({ ...goodProfile, room: "", meetingUrl: "" }), { schema: profileSchema(t) });
    const missingErrors = missing.reply().error ?? {};
    expect(missingErrors.room).toEqual(["対面で受け付ける場合は、場所を入力してください。"]);
    expect(missingErrors.meetingUrl).toEqual(["オンラインで受け付ける場合は、会議URLを入力してください。"]);

    for (const bad of ["teams.example.jp/meet", "http://teams.example.jp/meet", "javascript:alert(1)"]) {
      const result = parseWithZod(form({ ...goodProfile, meetingUrl: bad }), { schema: profileSchema(t) });
      expect(result.reply().error?.meetingUrl, bad).toEqual(["https:// で始まるURLを入力してください。"]);
    }
  });

  it("counts characters as PostgreSQL does (code points): 60 kanji are fine, 61 are not", () => {
    const ok = parseWithZod(form({ ...goodProfile, displayName: "相".repeat(60) }), { schema: profileSchema(t) });
    expect(ok.status).toBe("success");
    const long = parseWithZod(form({ ...goodProfile, displayName: "相".repeat(61) }), { schema: profileSchema(t) });
    expect(long.reply().error?.displayName).toEqual(["60文字以内で入力してください。"]);
  });
});

describe("weekly hours and date exceptions", () => {
  it("a weekly range needs a weekday and an end after its start", () => {
    const ok = parseWithZod(form({ intent: "add-hours", weekday: "3", starts: "09:00", ends: "12:00" }), { schema: addHoursSchema(t) });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toEqual({ intent: "add-hours", weekday: 3, starts: "09:00", ends: "12:00" });
    const reversed = parseWithZod(form({ intent: "add-hours", weekday: "3", starts: "13:00", ends: "12:00" }), { schema: addHoursSchema(t) });
    expect(reversed.reply().error?.ends).toEqual(["終了時刻は開始時刻より後にしてください。"]);
    const badDay = parseWithZod(form({ intent: "add-hours", weekday: "8", starts: "09:00", ends: "12:00" }), { schema: addHoursSchema(t) });
    expect(badDay.reply().error?.weekday).toEqual(["曜日を選んでください。"]);
    const badTime = parseWithZod(form({ intent: "add-hours", weekday: "1", starts: "25:00", ends: "26:00" }), { schema: addHoursSchema(t) });
    expect(badTime.reply().error?.starts).toEqual(["時刻を「09:00」の形式で入力してください。"]);
  });

  it("a day off may be whole (no times) or partial (both times); extra hours need both times", () => {
    const whole = parseWithZod(form({ intent: "add-override", onDate: "2026-12-24", kind: "off", note: "研修" }), { schema: addOverrideSchema(t) });
    expect(whole.status).toBe("success");
    const partial = parseWithZod(form({ intent: "add-override", onDate: "2026-12-24", kind: "off", starts: "13:00", ends: "17:00" }), { schema: addOverrideSchema(t) });
    expect(partial.status).toBe("success");
    const half = parseWithZod(form({ intent: "add-override", onDate: "2026-12-24", kind: "off", starts: "13:00" }), { schema: addOverrideSchema(t) });
    expect(half.reply().error?.ends).toEqual(["一部の時間を休みにする場合は、開始と終了の両方を入力してください。"]);
    const extra = parseWithZod(form({ intent: "add-override", onDate: "2026-12-26", kind: "extra" }), { schema: addOverrideSchema(t) });
    expect(extra.reply().error?.starts).toEqual(["追加の相談時間には、開始と終了の時刻を入力してください。"]);
    const badDate = parseWithZod(form({ intent: "add-override", onDate: "2026-02-30", kind: "off" }), { schema: addOverrideSchema(t) });
    expect(badDate.reply().error?.onDate).toEqual(["日付を正しく入力してください。"]);
  });

  it("minutesOfDay reads 'HH:MM' and PostgreSQL's 'HH:MM:SS'", () => {
    expect(minutesOfDay("09:30")).toBe(570);
    expect(minutesOfDay("17:00:00")).toBe(1020);
    expect(minutesOfDay("24:00")).toBeNull();
    expect(minutesOfDay("9:30")).toBeNull();
  });
});

describe("cancellation and notes", () => {
  it("cancelling needs a reason of at most 500 characters", () => {
    expect(parseWithZod(form({ intent: "cancel", reason: "  " }), { schema: cancelSchema(t) }).reply().error?.reason).toEqual(["取消の理由を入力してください。"]);
    expect(parseWithZod(form({ intent: "cancel", reason: "あ".repeat(501) }), { schema: cancelSchema(t) }).reply().error?.reason).toEqual(["500文字以内で入力してください。"]);
    expect(parseWithZod(form({ intent: "cancel", reason: "体調不良のため" }), { schema: cancelSchema(t) }).status).toBe("success");
  });

  it("a note is 1–4000 characters and names the note it edits", () => {
    expect(parseWithZod(form({ intent: "edit-note", noteId: "7", body: "" }), { schema: editNoteSchema(t) }).reply().error?.body).toEqual(["メモを入力してください。"]);
    expect(parseWithZod(form({ intent: "edit-note", noteId: "7", body: "x".repeat(4001) }), { schema: editNoteSchema(t) }).reply().error?.body).toEqual(["4000文字以内で入力してください。"]);
    const ok = parseWithZod(form({ intent: "edit-note", noteId: "7", body: "次回は異動希望調書の書き方" }), { schema: editNoteSchema(t) });
    expect(ok.status === "success" && ok.value.noteId).toBe(7);
  });
});
