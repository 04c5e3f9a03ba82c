import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts } from "./shared";

/** To the posting's creator and the host unit's posting managers: HR returned the posting with a comment. */
export interface PostingReturnedProps {
  recipientName: string;
  postingTitle: string;
  hostUnitName: string;
  comment: string;
  returnedAt: Date | string;
  editUrl: string;
}

const copy = {
  ja: {
    subject: (title: string) => `募集が差し戻されました：${title}`,
    heading: "募集が差し戻されました",
    greeting: (name: string) => `${name} 様`,
    intro: "人事課が次の募集を差し戻しました。コメントを確認して内容を修正し、再度承認を申請してください。",
    labels: { title: "募集名", unit: "受入所属", at: "差戻し日時", comment: "人事課からのコメント" },
    button: "募集を修正する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "差し戻された募集は公開されていません。",
  },
  en: {
    subject: (title: string) => `Posting returned: ${title}`,
    heading: "Your posting was returned",
    greeting: (name: string) => `Dear ${name},`,
    intro: "Human Resources returned the posting below. Please read the comment, correct the posting and submit it again.",
    labels: { title: "Title", unit: "Host unit", at: "Returned", comment: "Comment from Human Resources" },
    button: "Correct the posting",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "A returned posting is not published.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<PostingReturnedProps>({
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
            [c.labels.at, formatEmailDateTime(props.returnedAt, locale)],
            [c.labels.comment, props.comment],
          ]}
        />
        <ActionButton href={props.editUrl} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
