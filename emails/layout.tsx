import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { CSSProperties, ReactNode } from "react";
import type { Locale } from "../app/i18n/locale";

// Inline styles only: many mail clients (Outlook among them) drop <style> blocks and external CSS.
const fontFamily = "'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, 'Noto Sans JP', sans-serif";
const brand = "#0d2b57";

const styles = {
  body: { backgroundColor: "#f1f5f9", fontFamily, margin: 0, padding: "24px 0", color: "#0f172a" },
  container: { backgroundColor: "#ffffff", maxWidth: "600px", margin: "0 auto", border: "1px solid #e2e8f0", borderRadius: "8px", overflow: "hidden" },
  header: { backgroundColor: brand, padding: "16px 24px" },
  product: { color: "#ffffff", fontSize: "18px", fontWeight: 700, letterSpacing: "0.05em", margin: 0 },
  productSub: { color: "#cbd5e1", fontSize: "12px", margin: "2px 0 0" },
  content: { padding: "24px" },
  heading: { fontSize: "20px", fontWeight: 700, lineHeight: "1.5", margin: "0 0 16px", color: "#0f172a" },
  paragraph: { fontSize: "15px", lineHeight: "1.8", margin: "0 0 16px" },
  buttonWrap: { margin: "24px 0", textAlign: "center" },
  button: { backgroundColor: "#174c99", borderRadius: "6px", color: "#ffffff", display: "inline-block", fontSize: "15px", fontWeight: 700, padding: "12px 24px", textDecoration: "none" },
  fallback: { fontSize: "13px", lineHeight: "1.7", color: "#475569", margin: "0 0 16px", wordBreak: "break-all" },
  note: { fontSize: "13px", lineHeight: "1.7", color: "#475569", margin: "0 0 8px" },
  hr: { borderColor: "#e2e8f0", margin: 0 },
  footer: { padding: "16px 24px", backgroundColor: "#f8fafc" },
  footerText: { fontSize: "12px", lineHeight: "1.7", color: "#64748b", margin: "0 0 4px" },
} satisfies Record<string, CSSProperties>;

const footerCopy = {
  ja: [
    "このメールは、人事課が運用する職員チャレンジポータルのシステムから自動送信しています。",
    "このメールに返信されても対応できませんので、お問い合わせは人事課までご連絡ください。",
  ],
  en: [
    "This is an automatic message from the Staff Challenge Portal, the system run by the Human Resources Division (人事課).",
    "Replies to this address are not read; please contact the Human Resources Division with any questions.",
  ],
} as const;

/** The frame every portal email shares: product header, one heading, the message, and the no-reply footer. */
export function EmailLayout({ locale, preview, heading, children }: { locale: Locale; preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={styles.header}>
            <Text style={styles.product}>職員チャレンジポータル</Text>
            {locale === "en" ? <Text style={styles.productSub}>Staff Challenge Portal</Text> : null}
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.heading}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Hr style={styles.hr} />
          <Section style={styles.footer}>
            {footerCopy[locale].map((line) => (
              <Text key={line} style={styles.footerText}>
                {line}
              </Text>
            ))}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/** A small print line (validity, "if this wasn't you"). */
export function Note({ children }: { children: ReactNode }) {
  return <Text style={styles.note}>{children}</Text>;
}

/**
 * The one call to action, with the raw address underneath for clients that block buttons. The plain-text part
 * keeps only the button line ("label [url]"), so the fallback paragraph is skipped there.
 */
export function ActionButton({ href, label, fallback }: { href: string; label: string; fallback: string }) {
  return (
    <>
      <Section style={styles.buttonWrap}>
        <Link href={href} style={styles.button}>
          {label}
        </Link>
      </Section>
      <Text style={styles.fallback} data-skip-in-text="true">
        {fallback}
        <br />
        <Link href={href}>{href}</Link>
      </Text>
    </>
  );
}
