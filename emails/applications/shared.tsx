import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { CSSProperties } from "react";
import type { Locale } from "../../app/i18n/locale";
import { formatDate } from "../../app/i18n/format";

// Pieces the application emails share: scheme names, a small facts table, and how a period is written.

export type SchemeCode = "side_job" | "job_challenge";

export function schemeLabel(scheme: SchemeCode, locale: Locale): string {
  if (locale === "en") return scheme === "side_job" ? "Internal side job" : "Job challenge";
  return scheme === "side_job" ? "庁内複業" : "ジョブチャレンジ";
}

/** 2026年12月1日〜2027年3月31日 / 1 Dec 2026 – 31 Mar 2027 (calendar dates, no time zone needed). */
export function formatPeriod(start: string, end: string, locale: Locale): string {
  return locale === "en" ? `${formatDate(start, "en")} – ${formatDate(end, "en")}` : `${formatDate(start, "ja")}〜${formatDate(end, "ja")}`;
}

export function formatHours(hours: number, locale: Locale): string {
  return locale === "en" ? `${hours} h/month` : `月${hours}時間`;
}

const styles = {
  box: { backgroundColor: "#f8fafc", border: "1px solid #e2e8f0", borderRadius: "6px", padding: "12px 16px", margin: "0 0 16px" },
  row: { fontSize: "14px", lineHeight: "1.7", margin: "0 0 4px", color: "#0f172a" },
  label: { color: "#475569", fontWeight: 700 },
  quote: { fontSize: "14px", lineHeight: "1.8", margin: "0 0 16px", padding: "8px 12px", borderLeft: "4px solid #94a3b8", backgroundColor: "#f8fafc", whiteSpace: "pre-wrap" },
} satisfies Record<string, CSSProperties>;

/** Label–value lines in a shaded box; empty values are left out. */
export function Facts({ rows }: { rows: Array<[string, string | null | undefined]> }) {
  return (
    <Section style={styles.box}>
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== "")
        .map(([label, value]) => (
          <Text key={label} style={styles.row}>
            <span style={styles.label}>{label}：</span>
            {value}
          </Text>
        ))}
    </Section>
  );
}

/** A reason or note written by a person, quoted as written. */
export function Quote({ children }: { children: string }) {
  return <Text style={styles.quote}>{children}</Text>;
}
