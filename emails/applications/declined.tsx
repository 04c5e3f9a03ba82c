import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, Quote } from "./shared";

/** The supervisor did not consent → the applicant, with the reason. */
export interface ApplicationDeclinedProps {
  applicantName: string;
  supervisorName: string;
  postingTitle: string;
  hostName: string;
  reason: string;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ApplicationDeclinedProps) => `所属長の同意が得られませんでした（${p.postingTitle}）`,
    heading: "所属長の同意が得られませんでした",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ApplicationDeclinedProps) => `所属長の ${p.supervisorName} さんは、次の募集への応募に同意しませんでした。応募は募集元には届いていません。`,
    labels: { posting: "募集", host: "募集元" },
    reason: "同意しなかった理由",
    button: "応募状況を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "状況が変わった場合は、所属長と相談のうえ、募集期間内であれば改めて応募できます。",
  },
  en: {
    subject: (p: ApplicationDeclinedProps) => `Your unit head did not consent: ${p.postingTitle}`,
    heading: "Your unit head did not consent",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ApplicationDeclinedProps) => `${p.supervisorName} did not consent to your application below. It has not been sent to the host unit.`,
    labels: { posting: "Posting", host: "Host unit" },
    reason: "Reason",
    button: "View your application",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "If circumstances change, talk with your unit head; you may apply again while applications are open.",
  },
} satisfies Record<Locale, unknown>;

export function ApplicationDeclinedEmail(props: ApplicationDeclinedProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
      <Paragraph>{c.greeting(props.applicantName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts rows={[[c.labels.posting, props.postingTitle], [c.labels.host, props.hostName]]} />
      <Paragraph>{c.reason}</Paragraph>
      <Quote>{props.reason}</Quote>
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{c.note}</Note>
    </EmailLayout>
  );
}

export default defineEmail<ApplicationDeclinedProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ApplicationDeclinedEmail {...props} locale={locale} />,
});
