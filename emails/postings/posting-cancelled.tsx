import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts } from "./shared";

/** To every applicant with a live application: the host cancelled the posting; the application ends with it. */
export interface PostingCancelledProps {
  recipientName: string;
  postingTitle: string;
  hostUnitName: string;
  reason: string;
  cancelledAt: Date | string;
  applicationUrl: string;
}

const copy = {
  ja: {
    subject: (title: string) => `募集が中止されました：${title}`,
    heading: "応募した募集が中止されました",
    greeting: (name: string) => `${name} 様`,
    intro: "応募いただいた次の募集は、受入所属の判断により中止されました。この募集への応募（参加を含む）は取り消されました。",
    labels: { title: "募集名", unit: "受入所属", at: "中止日時", reason: "中止の理由" },
    button: "応募状況を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "ご不明な点は、募集に記載の問い合わせ先へご連絡ください。ほかの募集には引き続き応募できます。",
  },
  en: {
    subject: (title: string) => `Posting cancelled: ${title}`,
    heading: "A posting you applied for was cancelled",
    greeting: (name: string) => `Dear ${name},`,
    intro: "The host unit has cancelled the posting below. Your application (including any participation) has been withdrawn with it.",
    labels: { title: "Title", unit: "Host unit", at: "Cancelled", reason: "Reason" },
    button: "See your application",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "For questions, contact the posting's contact person. You can still apply for other postings.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<PostingCancelledProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props.postingTitle)),
  body: (props, locale) => {
    const c = copy[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{c.intro}</Paragraph>
        <Facts
          items={[
            [c.labels.title, props.postingTitle],
            [c.labels.unit, props.hostUnitName],
            [c.labels.at, formatEmailDateTime(props.cancelledAt, locale)],
            [c.labels.reason, props.reason],
          ]}
        />
        <ActionButton href={props.applicationUrl} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
