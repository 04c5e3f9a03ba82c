import type { Locale } from "../app/i18n/locale";
import { TIME_ZONE } from "../app/i18n/format";

// Readers open mail anywhere and mail clients never convert times in the body, so every time we print says
// which zone it is in. Assembled from parts: the punctuation of a formatted whole varies between ICU versions.
const jaParts = new Intl.DateTimeFormat("ja-JP", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const enParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** 2026年11月21日（土）14:30（日本時間） / Sat 21 Nov 2026, 14:30 (Japan time) */
export function formatEmailDateTime(value: Date | string, locale: Locale): string {
  const parts = (locale === "en" ? enParts : jaParts).formatToParts(new Date(value));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  if (locale === "en") return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")} (Japan time)`;
  return `${part("year")}年${part("month")}月${part("day")}日（${part("weekday")}）${part("hour")}:${part("minute")}（日本時間）`;
}
