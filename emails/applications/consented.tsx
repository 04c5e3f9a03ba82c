import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, Quote } from "./shared";

/** The supervisor consented → the applicant (their application now goes to the host). */
export interface ApplicationConsentedProps {
  applicantName: string;
  supervisorName: string;
  postingTitle: string;
  hostName: string;
  comment?: string | null;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ApplicationConsentedProps) => `所属長が応募に同意しました（${p.postingTitle}）`,
    heading: "所属長が応募に同意しました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ApplicationConsentedProps) => `所属長の ${p.supervisorName} さんが、あなたの応募に同意しました。応募は募集元（${p.hostName}）に届き、選考が始まります。`,
    labels: { posting: "募集", host: "募集元" },
    comment: "所属長からのコメント",
    button: "応募状況を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "面談の日程や選考結果は、決まり次第メールでお知らせします。",
  },
  en: {
    subject: (p: ApplicationConsentedProps) => `Your unit head consented: ${p.postingTitle}`,
    heading: "Your unit head has consented",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ApplicationConsentedProps) => `${p.supervisorName} has consented to your application. It has gone to the host unit (${p.hostName}), and screening begins.`,
    labels: { posting: "Posting", host: "Host unit" },
    comment: "Comment from your unit head",
    button: "View your application",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "We will email you about an interview or the decision as soon as there is news.",
  },
} satisfies Record<Locale, unknown>;

export function ApplicationConsentedEmail(props: ApplicationConsentedProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
      <Paragraph>{c.greeting(props.applicantName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts rows={[[c.labels.posting, props.postingTitle], [c.labels.host, props.hostName]]} />
      {props.comment ? (
        <>
          <Paragraph>{c.comment}</Paragraph>
          <Quote>{props.comment}</Quote>
        </>
      ) : null}
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{c.note}</Note>
    </EmailLayout>
  );
}

export default defineEmail<ApplicationConsentedProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ApplicationConsentedEmail {...props} locale={locale} />,
});
