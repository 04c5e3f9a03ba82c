import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { Locale } from "../../app/i18n/locale";

// What the posting emails share: the scheme's name, calendar dates, and a small facts table.

export type EmailScheme = "side_job" | "job_challenge";

export const schemeName: Record<Locale, Record<EmailScheme, string>> = {
  ja: { side_job: "庁内複業", job_challenge: "ジョブチャレンジ" },
  en: { side_job: "Internal side job", job_challenge: "Job challenge" },
};

const jaDate = new Intl.DateTimeFormat("ja-JP", { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric", weekday: "short" });
const enDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** A calendar date ('YYYY-MM-DD'): 2026年12月1日（火） / Tue 1 Dec 2026. Dates have no time zone to state. */
export function formatEmailDate(date: string, locale: Locale): string {
  const instant = new Date(`${date}T00:00:00Z`);
  if (locale === "en") return enDate.format(instant).replace(",", "");
  const parts = jaDate.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}年${part("month")}月${part("day")}日（${part("weekday")}）`;
}

const factStyles = {
  box: { backgroundColor: "#f8fafc", border: "1px solid #e2e8f0", borderRadius: "6px", padding: "12px 16px", margin: "0 0 16px" },
  label: { fontSize: "12px", color: "#475569", margin: "0" },
  value: { fontSize: "15px", lineHeight: "1.7", color: "#0f172a", margin: "0 0 8px", whiteSpace: "pre-wrap" as const },
};

/** Label / value pairs in a shaded box (the posting, the comment, the reason). */
export function Facts({ items }: { items: [label: string, value: string][] }) {
  return (
    <Section style={factStyles.box}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text style={factStyles.label}>{label}</Text>
          <Text style={factStyles.value}>{value}</Text>
        </div>
      ))}
    </Section>
  );
}
