import type { Locale } from "../../app/i18n/locale";
import { TIME_ZONE } from "../../app/i18n/format";

// What the booking emails share. By design no template here takes the consultation's topic or the employee's
// note as a prop: what is not passed in cannot leak into a subject, a body or a calendar entry.

export type BookingMode = "in_person" | "online";

export const modeName: Record<Locale, Record<BookingMode, string>> = {
  ja: { in_person: "対面", online: "オンライン" },
  en: { in_person: "In person", online: "Online" },
};

/** The session as recipients read it, always with the time zone named. */
export interface SessionFacts {
  startsAt: Date | string;
  endsAt: Date | string;
  counselorName: string;
  mode: BookingMode;
  /** In person: the room. */
  room?: string | null;
  /** Online: the meeting link (only in the emails to the employee and counsellor, never in the ICS). */
  meetingUrl?: string | null;
}

const jaParts = new Intl.DateTimeFormat("ja-JP", { timeZone: TIME_ZONE, year: "numeric", month: "numeric", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const enParts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function parts(formatter: Intl.DateTimeFormat, value: Date | string) {
  const list = formatter.formatToParts(new Date(value));
  return (type: Intl.DateTimeFormatPartTypes) => list.find((p) => p.type === type)?.value ?? "";
}

/** 2026年11月25日（水）10:00〜10:50（日本時間） / Wed 25 Nov 2026, 10:00–10:50 (Japan time) */
export function formatSessionTime(startsAt: Date | string, endsAt: Date | string, locale: Locale): string {
  const s = parts(locale === "en" ? enParts : jaParts, startsAt);
  const e = parts(locale === "en" ? enParts : jaParts, endsAt);
  if (locale === "en") return `${s("weekday")} ${s("day")} ${s("month")} ${s("year")}, ${s("hour")}:${s("minute")}–${e("hour")}:${e("minute")} (Japan time)`;
  return `${s("year")}年${s("month")}月${s("day")}日（${s("weekday")}）${s("hour")}:${s("minute")}〜${e("hour")}:${e("minute")}（日本時間）`;
}

/** Where the session takes place, as a line of text. */
export function placeText(facts: Pick<SessionFacts, "mode" | "room" | "meetingUrl">, locale: Locale): string {
  if (facts.mode === "in_person") return facts.room?.trim() || modeName[locale].in_person;
  const url = facts.meetingUrl?.trim();
  if (locale === "en") return url ? `Online: ${url}` : "Online (the link will be sent by email)";
  return url ? `オンライン：${url}` : "オンライン（接続先はメールでお知らせします）";
}

export const labels = {
  ja: { when: "日時", counselor: "相談員", mode: "相談方法", place: "場所・接続先", employee: "相談者", previous: "変更前の日時", reason: "理由" },
  en: { when: "When", counselor: "Counsellor", mode: "Format", place: "Place / link", employee: "Employee", previous: "Previous time", reason: "Reason" },
} satisfies Record<Locale, Record<string, string>>;

export const fallbackCopy = {
  ja: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
  en: "If the button does not work, paste this address into your browser:",
} satisfies Record<Locale, string>;

export const icsNote = {
  ja: "添付の予定ファイル（.ics）を開くと、Outlook などの予定表に登録・更新できます。予定表の件名は「キャリア相談」です。",
  en: "Open the attached calendar file (.ics) to add or update the event in Outlook or another calendar. Its title is “キャリア相談” (career consultation).",
} satisfies Record<Locale, string>;

export const confidentialNote = {
  ja: "ご相談の内容は相談員のみが扱い、所属や人事課に伝わることはありません。",
  en: "What you discuss stays with the counsellor; it is not shared with your unit or with Human Resources.",
} satisfies Record<Locale, string>;

/**
 * The facts block of a booking email: when, the people rows the template passes (counsellor, employee, previous
 * time…), how and where — the same order in every template.
 */
export function sessionFactItems(session: Pick<SessionFacts, "startsAt" | "endsAt" | "mode" | "room" | "meetingUrl">, locale: Locale, rows: [string, string][]): [string, string][] {
  const l = labels[locale];
  return [[l.when, formatSessionTime(session.startsAt, session.endsAt, locale)], ...rows, [l.mode, modeName[locale][session.mode]], [l.place, placeText(session, locale)]];
}
