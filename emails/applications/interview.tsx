import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts, Quote } from "./shared";

/** The host scheduled (or moved) an interview → the applicant. */
export interface InterviewScheduledProps {
  applicantName: string;
  postingTitle: string;
  hostName: string;
  interviewAt: Date | string;
  place: string;
  note?: string | null;
  contact: string;
  rescheduled?: boolean;
  url: string;
}

const copy = {
  ja: {
    subject: (p: InterviewScheduledProps) => `${p.rescheduled ? "面談日時の変更" : "面談のご案内"}（${p.postingTitle}）`,
    heading: (p: InterviewScheduledProps) => (p.rescheduled ? "面談の日時が変更されました" : "面談のご案内"),
    greeting: (name: string) => `${name} 様`,
    intro: (p: InterviewScheduledProps) => `「${p.postingTitle}」への応募について、募集元（${p.hostName}）との面談を次のとおり行います。`,
    labels: { when: "日時", place: "場所", contact: "連絡先" },
    note: "募集元からの連絡事項",
    button: "応募状況を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    footnote: "都合が悪い場合は、上記の連絡先に早めにご相談ください。",
  },
  en: {
    subject: (p: InterviewScheduledProps) => `${p.rescheduled ? "Interview rescheduled" : "Interview invitation"}: ${p.postingTitle}`,
    heading: (p: InterviewScheduledProps) => (p.rescheduled ? "Your interview has been rescheduled" : "Interview invitation"),
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: InterviewScheduledProps) => `The host unit (${p.hostName}) would like to meet you about your application to "${p.postingTitle}".`,
    labels: { when: "When", place: "Where", contact: "Contact" },
    note: "Note from the host unit",
    button: "View your application",
    fallback: "If the button does not work, paste this address into your browser:",
    footnote: "If the time does not suit you, please contact the host unit early.",
  },
} satisfies Record<Locale, unknown>;

export function InterviewScheduledEmail(props: InterviewScheduledProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading(props)}>
      <Paragraph>{c.greeting(props.applicantName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts
        rows={[
          [c.labels.when, formatEmailDateTime(props.interviewAt, locale)],
          [c.labels.place, props.place],
          [c.labels.contact, props.contact],
        ]}
      />
      {props.note ? (
        <>
          <Paragraph>{c.note}</Paragraph>
          <Quote>{props.note}</Quote>
        </>
      ) : null}
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{c.footnote}</Note>
    </EmailLayout>
  );
}

export default defineEmail<InterviewScheduledProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <InterviewScheduledEmail {...props} locale={locale} />,
});
