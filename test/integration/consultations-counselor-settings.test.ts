import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/calendar/business-days";
import { addDateOverride, addWeeklyHours, listWeeklyHours } from "~/consultations/availability.server";
import { isCounselorError } from "~/consultations/counselor-schemas";
import { saveCounselorProfile } from "~/consultations/counselor.server";
import { todayInTokyo } from "~/i18n/format";
import { action, loader } from "~/routes/counselor.settings";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, formRequest, request, respond, sessionCookie } from "../helpers/factories";
import { buildCounselorWorld, cookiesFor, insertBooking, type CounselorWorld, type Who } from "./consultations-counselor-fixtures";

// /counselor/settings: the profile and booking rules, weekly hours (overlaps refused by the database's exclusion
// constraint, shown beside the field) and date exceptions; every change audit-logged; counsellors only.

const t = useTestDatabase();
let w: CounselorWorld;
let cookies: Record<Who, string>;
let newcomer: { id: number; name: string };
let newcomerCookie: string;

const page = (cookie: string) => respond(() => loader({ request: request("/counselor/settings", { cookie }), params: {}, context: {} }));
const post = (cookie: string, fields: Record<string, string>) => respond(() => action({ request: formRequest("/counselor/settings", fields, cookie), params: {}, context: {} }));
const codeOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (isCounselorError(error)) return error.code;
    throw error;
  }
};

const profileFields = {
  intent: "save-profile",
  displayName: "新井 真理子",
  qualifications: "国家資格キャリアコンサルタント",
  introduction: "育児と仕事の両立、キャリアの棚卸しの相談をお受けします。",
  sessionMinutes: "45",
  bufferMinutes: "15",
  minNoticeBusinessDays: "2",
  horizonDays: "30",
  maxPerDay: "3",
  offersInPerson: "on",
  room: "県庁東別館 相談室",
  offersOnline: "on",
  meetingUrl: "https://meet.example.jp/arai",
  accepting: "on",
};

beforeAll(async () => {
  w = await buildCounselorWorld(t.db);
  cookies = await cookiesFor(w.people);
  newcomer = await createEmployee(t.db, { departmentId: w.units.jinji.id, name: "新井 真理子", roles: [{ role: "counselor" }] });
  newcomerCookie = await sessionCookie(newcomer.id);
});

describe("access", () => {
  it("only counsellors: HR and employees get 403 on the page and the form", async () => {
    for (const who of ["hr", "employee", "supervisor"] as const) {
      expect((await page(cookies[who])).status, who).toBe(403);
      expect((await post(cookies[who], profileFields)).status, who).toBe(403);
    }
    expect(await t.db.selectFrom("counselor_profiles").select("employee_id").where("display_name", "=", "新井 真理子").execute()).toEqual([]);
  });
});

describe("profile and booking rules", () => {
  it("a counsellor without a profile sees the defaults (50 min, 10 min buffer, 1 business day, 60 days) and their own name", async () => {
    const data = await (await page(newcomerCookie)).json();
    expect(data.hasProfile).toBe(false);
    expect(data.profile).toMatchObject({ display_name: "新井 真理子", session_minutes: 50, buffer_minutes: 10, min_notice_business_days: 1, horizon_days: 60, accepting: true });
  });

  it("refuses a bad form with errors beside the fields and saves nothing", async () => {
    const res = await post(newcomerCookie, { ...profileFields, sessionMinutes: "5", room: "", meetingUrl: "meet.example.jp" });
    expect(res.status).toBe(400);
    const { intent, result } = await res.json();
    expect(intent).toBe("save-profile");
    expect(result.error.sessionMinutes).toEqual(["15〜180の整数で入力してください。"]);
    expect(result.error.room).toEqual(["対面で受け付ける場合は、場所を入力してください。"]);
    expect(result.error.meetingUrl).toEqual(["https:// で始まるURLを入力してください。"]);
    expect(await t.db.selectFrom("counselor_profiles").select("employee_id").where("employee_id", "=", newcomer.id).execute()).toEqual([]);
  });

  it("weekly hours need a profile first", async () => {
    const res = await post(newcomerCookie, { intent: "add-hours", weekday: "1", starts: "09:00", ends: "12:00" });
    expect(res.status).toBe(409);
    expect((await res.json()).result.error[""]).toEqual(["先にプロフィールと受付ルールを保存してください。"]);
  });

  it("creates the profile, audit-logged; a second save updates it and logs what changed", async () => {
    const res = await post(newcomerCookie, profileFields);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/counselor/settings?done=save-profile");
    const row = await t.db.selectFrom("counselor_profiles").selectAll().where("employee_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: "新井 真理子", session_minutes: 45, buffer_minutes: 15, min_notice_business_days: 2, horizon_days: 30, max_per_day: 3, offers_in_person: true, offers_online: true, accepting: true });

    const { accepting: _accepting, ...withoutAccepting } = profileFields;
    expect((await post(newcomerCookie, { ...withoutAccepting, sessionMinutes: "60" })).status).toBe(302);
    const after = await t.db.selectFrom("counselor_profiles").select(["session_minutes", "accepting"]).where("employee_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ session_minutes: 60, accepting: false });

    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_type", "=", "counselor_profile").where("entity_id", "=", String(newcomer.id)).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["counselor.profile.create", "counselor.profile.update"]);
    expect(audit[1].detail).toEqual({ changed: ["session_minutes", "accepting"], values: { session_minutes: { from: 45, to: 60 }, accepting: { from: true, to: false } } });
  });

  it("only a holder of the counselor role can have a profile", async () => {
    expect(await codeOf(() => saveCounselorProfile(t.db, { displayName: "なりすまし" }, { actorId: w.people.hr.id }))).toBe("forbidden");
  });
});

describe("weekly hours", () => {
  it("adds ranges, several a day; touching ranges are fine", async () => {
    for (const [starts, ends] of [["09:00", "12:00"], ["13:00", "17:00"], ["12:00", "13:00"]]) {
      expect((await post(newcomerCookie, { intent: "add-hours", weekday: "2", starts, ends })).status).toBe(302);
    }
    const rows = await listWeeklyHours(t.db, newcomer.id);
    expect(rows.map((r) => [r.weekday, r.starts, r.ends])).toEqual([
      [2, "09:00:00", "12:00:00"],
      [2, "12:00:00", "13:00:00"],
      [2, "13:00:00", "17:00:00"],
    ]);
    const data = await (await page(newcomerCookie)).json();
    expect(data.weekly.filter((r: { weekday: number }) => r.weekday === 2).map((r: { starts: string; ends: string }) => `${r.starts}-${r.ends}`)).toEqual(["09:00-12:00", "12:00-13:00", "13:00-17:00"]);
  });

  it("an overlapping range is refused by the exclusion constraint, with a friendly message beside the start", async () => {
    const res = await post(newcomerCookie, { intent: "add-hours", weekday: "2", starts: "11:00", ends: "14:00" });
    expect(res.status).toBe(409);
    const { result } = await res.json();
    expect(result.error.starts).toEqual(["同じ曜日の既存の時間帯と重なっています。時間帯を見直してください。"]);
    expect(await listWeeklyHours(t.db, newcomer.id)).toHaveLength(3);
    // the same range on another weekday is fine
    expect((await post(newcomerCookie, { intent: "add-hours", weekday: "3", starts: "11:00", ends: "14:00" })).status).toBe(302);
  });

  it("two simultaneous overlapping ranges: exactly one gets in", async () => {
    const results = await Promise.all(
      [["09:00", "11:00"], ["10:00", "12:00"], ["10:30", "11:30"]].map(([starts, ends]) => codeOf(() => addWeeklyHours(t.db, { weekday: 5, starts, ends }, { actorId: newcomer.id }))),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "hours_overlap")).toHaveLength(2);
  });

  it("a range shorter than one session is refused", async () => {
    const res = await post(newcomerCookie, { intent: "add-hours", weekday: "4", starts: "09:00", ends: "09:30" });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.starts).toEqual(["時間帯が面談時間（60分）より短いため、予約を受け付けられません。"]);
  });

  it("removes one's own range; another counsellor's id is not found and stays", async () => {
    const [first] = await listWeeklyHours(t.db, newcomer.id);
    expect((await post(cookies.counselor, { intent: "remove-hours", id: String(first.id) })).status).toBe(404);
    expect(await listWeeklyHours(t.db, newcomer.id)).toContainEqual(first);
    expect((await post(newcomerCookie, { intent: "remove-hours", id: String(first.id) })).status).toBe(302);
    expect(await listWeeklyHours(t.db, newcomer.id)).not.toContainEqual(first);
    const actions = await t.db.selectFrom("audit_log").select("action").where("actor_id", "=", newcomer.id).where("action", "like", "counselor.hours.%").execute();
    expect(actions.filter((a) => a.action === "counselor.hours.remove")).toHaveLength(1);
    expect(actions.filter((a) => a.action === "counselor.hours.add").length).toBeGreaterThanOrEqual(4);
  });
});

describe("date exceptions", () => {
  const today = todayInTokyo();

  it("a whole day off, a partial day off and extra hours", async () => {
    const date = addDays(today, 10);
    expect((await post(newcomerCookie, { intent: "add-override", onDate: date, kind: "off", note: "研修のため" })).status).toBe(302);
    expect((await post(newcomerCookie, { intent: "add-override", onDate: addDays(today, 11), kind: "off", starts: "13:00", ends: "17:00" })).status).toBe(302);
    expect((await post(newcomerCookie, { intent: "add-override", onDate: addDays(today, 12), kind: "extra", starts: "18:00", ends: "19:30" })).status).toBe(302);
    const data = await (await page(newcomerCookie)).json();
    expect(data.overrides.map((o: { on_date: string; kind: string; starts: string | null; ends: string | null; note: string }) => [o.on_date, o.kind, o.starts, o.ends, o.note])).toEqual([
      [date, "off", null, null, "研修のため"],
      [addDays(today, 11), "off", "13:00", "17:00", ""],
      [addDays(today, 12), "extra", "18:00", "19:30", ""],
    ]);
    expect(await t.db.selectFrom("audit_log").select("id").where("actor_id", "=", newcomer.id).where("action", "=", "counselor.override.add").execute()).toHaveLength(3);
  });

  it("refuses a past date, an overlapping exception and extra hours without times — beside the field", async () => {
    const past = await post(newcomerCookie, { intent: "add-override", onDate: addDays(today, -1), kind: "off" });
    expect(past.status).toBe(400);
    expect((await past.json()).result.error.onDate).toEqual(["今日より前の日付には例外を設定できません。"]);
    const overlap = await post(newcomerCookie, { intent: "add-override", onDate: addDays(today, 11), kind: "off", starts: "16:00", ends: "18:00" });
    expect(overlap.status).toBe(409);
    expect((await overlap.json()).result.error.starts).toEqual(["同じ日に、重なる例外が既に登録されています。"]);
    const extra = await post(newcomerCookie, { intent: "add-override", onDate: addDays(today, 13), kind: "extra" });
    expect(extra.status).toBe(400);
    expect((await extra.json()).result.error.starts).toEqual(["追加の相談時間には、開始と終了の時刻を入力してください。"]);
  });

  it("a day off over existing bookings reports how many stay booked", async () => {
    const date = addDays(today, 20);
    const start = new Date(`${date}T10:00:00+09:00`);
    await insertBooking(t.db, { counselorId: newcomer.id, employeeId: w.people.employee.id, startsAt: start });
    const result = await addDateOverride(t.db, { onDate: date, kind: "off", starts: "09:00", ends: "12:00" }, { actorId: newcomer.id });
    expect(result.bookingsAffected).toBe(1);
    const res = await post(newcomerCookie, { intent: "add-override", onDate: date, kind: "extra", starts: "14:00", ends: "16:00" });
    expect(res.headers.get("Location")).toBe("/counselor/settings?done=add-override#overrides");
  });

  it("removes one's own exception only", async () => {
    const [first] = (await (await page(newcomerCookie)).json()).overrides;
    expect((await post(cookies.otherCounselor, { intent: "remove-override", id: String(first.id) })).status).toBe(404);
    expect((await post(newcomerCookie, { intent: "remove-override", id: String(first.id) })).status).toBe(302);
    expect(await t.db.selectFrom("counselor_date_overrides").select("id").where("id", "=", first.id).execute()).toEqual([]);
  });
});
