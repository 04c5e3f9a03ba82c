import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts, formatHours, formatPeriod, schemeLabel, type SchemeCode } from "./shared";

/** New application → the applicant's 所属長, who consents (or not). */
export interface ApplicationSubmittedProps {
  supervisorName: string;
  applicantName: string;
  applicantUnit: string;
  postingTitle: string;
  scheme: SchemeCode;
  hostName: string;
  hoursPerMonth: number;
  periodStart: string;
  periodEnd: string;
  submittedAt: Date | string;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ApplicationSubmittedProps) => `応募への同意のお願い（${p.applicantName} さん）`,
    heading: "所属職員の応募への同意をお願いします",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ApplicationSubmittedProps) =>
      `${p.applicantUnit}の ${p.applicantName} さんが、次の募集に応募しました。応募は所属長の同意を経て募集元に届きます。内容をご確認のうえ、同意するかどうかをご回答ください。`,
    labels: { scheme: "制度", posting: "募集", host: "募集元", hours: "従事時間", period: "実施期間", submitted: "応募日時" },
    button: "応募内容を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "同意しない場合は理由の記入が必要です。理由は応募者本人に伝えられます。",
  },
  en: {
    subject: (p: ApplicationSubmittedProps) => `Consent requested: application by ${p.applicantName}`,
    heading: "A member of your unit has applied",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ApplicationSubmittedProps) =>
      `${p.applicantName} (${p.applicantUnit}) has applied to the posting below. The application reaches the host unit only after your consent. Please review it and decide.`,
    labels: { scheme: "Scheme", posting: "Posting", host: "Host unit", hours: "Time", period: "Period", submitted: "Submitted" },
    button: "Review the application",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "If you do not consent, a reason is required; it is shown to the applicant.",
  },
} satisfies Record<Locale, unknown>;

export function ApplicationSubmittedEmail(props: ApplicationSubmittedProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
      <Paragraph>{c.greeting(props.supervisorName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts
        rows={[
          [c.labels.scheme, schemeLabel(props.scheme, locale)],
          [c.labels.posting, props.postingTitle],
          [c.labels.host, props.hostName],
          [c.labels.hours, formatHours(props.hoursPerMonth, locale)],
          [c.labels.period, formatPeriod(props.periodStart, props.periodEnd, locale)],
          [c.labels.submitted, formatEmailDateTime(props.submittedAt, locale)],
        ]}
      />
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{c.note}</Note>
    </EmailLayout>
  );
}

export default defineEmail<ApplicationSubmittedProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ApplicationSubmittedEmail {...props} locale={locale} />,
});
