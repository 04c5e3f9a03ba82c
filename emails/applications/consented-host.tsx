import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts } from "./shared";

/** The supervisor consented → the host unit's posting managers (a new applicant to screen). */
export interface ApplicationConsentedHostProps {
  managerName: string;
  applicantName: string;
  applicantUnit: string;
  postingTitle: string;
  consentedAt: Date | string;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ApplicationConsentedHostProps) => `新しい応募者がいます（${p.postingTitle}）`,
    heading: "募集に新しい応募がありました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ApplicationConsentedHostProps) => `「${p.postingTitle}」に、所属長の同意を得た応募が届きました。応募内容を確認し、選考を進めてください。`,
    labels: { applicant: "応募者", unit: "所属", consented: "所属長の同意" },
    button: "応募内容を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "応募者の情報は選考のためにのみ使用し、関係者以外に伝えないでください。",
  },
  en: {
    subject: (p: ApplicationConsentedHostProps) => `New applicant: ${p.postingTitle}`,
    heading: "A new application has arrived",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ApplicationConsentedHostProps) => `An application to "${p.postingTitle}" has been consented to by the applicant's unit head. Please review it and proceed with screening.`,
    labels: { applicant: "Applicant", unit: "Unit", consented: "Consented" },
    button: "Review the application",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "Use the applicant's information for screening only and do not share it beyond those involved.",
  },
} satisfies Record<Locale, unknown>;

export function ApplicationConsentedHostEmail(props: ApplicationConsentedHostProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
      <Paragraph>{c.greeting(props.managerName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts
        rows={[
          [c.labels.applicant, props.applicantName],
          [c.labels.unit, props.applicantUnit],
          [c.labels.consented, formatEmailDateTime(props.consentedAt, locale)],
        ]}
      />
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{c.note}</Note>
    </EmailLayout>
  );
}

export default defineEmail<ApplicationConsentedHostProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ApplicationConsentedHostEmail {...props} locale={locale} />,
});
