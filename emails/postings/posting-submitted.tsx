import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts, formatEmailDate, schemeName, type EmailScheme } from "./shared";

/** To every hr_admin: a posting waits for approval. */
export interface PostingSubmittedProps {
  recipientName: string;
  postingTitle: string;
  scheme: EmailScheme;
  hostUnitName: string;
  submittedByName: string;
  submittedAt: Date | string;
  applyFrom: string;
  applyUntil: string;
  reviewUrl: string;
}

const copy = {
  ja: {
    subject: (title: string) => `募集の承認依頼：${title}`,
    heading: "募集の承認依頼が届きました",
    greeting: (name: string) => `${name} 様`,
    intro: "募集担当から、次の募集の承認申請がありました。内容を確認し、承認または差戻しを行ってください。",
    labels: { title: "募集名", scheme: "制度", unit: "受入所属", by: "申請者", at: "申請日時", window: "応募受付期間" },
    button: "募集を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "受付開始日までに承認されないと、募集を公開できません。",
  },
  en: {
    subject: (title: string) => `Posting awaiting approval: ${title}`,
    heading: "A posting awaits your approval",
    greeting: (name: string) => `Dear ${name},`,
    intro: "A posting manager has submitted the posting below. Please review it and approve or return it.",
    labels: { title: "Title", scheme: "Scheme", unit: "Host unit", by: "Submitted by", at: "Submitted", window: "Application window" },
    button: "Review the posting",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "The posting cannot be published unless it is approved before the window opens.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<PostingSubmittedProps>({
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
            [c.labels.scheme, schemeName[locale][props.scheme]],
            [c.labels.unit, props.hostUnitName],
            [c.labels.by, props.submittedByName],
            [c.labels.at, formatEmailDateTime(props.submittedAt, locale)],
            [c.labels.window, `${formatEmailDate(props.applyFrom, locale)} – ${formatEmailDate(props.applyUntil, locale)}`],
          ]}
        />
        <ActionButton href={props.reviewUrl} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
