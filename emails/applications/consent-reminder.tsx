import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts } from "./shared";

/** Still awaiting consent after 3 business days → a reminder to the 所属長. */
export interface ConsentReminderProps {
  supervisorName: string;
  applicantName: string;
  postingTitle: string;
  hostName: string;
  submittedAt: Date | string;
  businessDays: number;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ConsentReminderProps) => `応募への同意が未回答です（${p.applicantName} さん）`,
    heading: "応募への同意が未回答です",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ConsentReminderProps) =>
      `${p.applicantName} さんの応募について、応募から${p.businessDays}営業日が経過しましたが、まだ同意の回答がありません。回答があるまで応募は募集元に届きませんので、ご確認をお願いします。`,
    labels: { posting: "募集", host: "募集元", submitted: "応募日時" },
    button: "応募内容を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "既に回答済みの場合は、このメールは破棄してください。",
  },
  en: {
    subject: (p: ConsentReminderProps) => `Reminder: consent awaited for ${p.applicantName}'s application`,
    heading: "An application is still awaiting your consent",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ConsentReminderProps) =>
      `${p.businessDays} business days have passed since ${p.applicantName} applied, and the application is still waiting for your decision. It reaches the host unit only after you respond.`,
    labels: { posting: "Posting", host: "Host unit", submitted: "Submitted" },
    button: "Review the application",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "If you have already responded, please ignore this email.",
  },
} satisfies Record<Locale, unknown>;

export function ConsentReminderEmail(props: ConsentReminderProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
      <Paragraph>{c.greeting(props.supervisorName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts
        rows={[
          [c.labels.posting, props.postingTitle],
          [c.labels.host, props.hostName],
          [c.labels.submitted, formatEmailDateTime(props.submittedAt, locale)],
        ]}
      />
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{c.note}</Note>
    </EmailLayout>
  );
}

export default defineEmail<ConsentReminderProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ConsentReminderEmail {...props} locale={locale} />,
});
