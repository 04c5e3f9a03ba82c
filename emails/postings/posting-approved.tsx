import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts, formatEmailDate } from "./shared";

/** To the posting's creator and the host unit's posting managers: HR approved, the posting is published. */
export interface PostingApprovedProps {
  recipientName: string;
  postingTitle: string;
  hostUnitName: string;
  approvedAt: Date | string;
  applyFrom: string;
  applyUntil: string;
  postingUrl: string;
}

const copy = {
  ja: {
    subject: (title: string) => `募集が承認されました：${title}`,
    heading: "募集が承認され、公開されました",
    greeting: (name: string) => `${name} 様`,
    intro: "人事課が次の募集を承認しました。応募受付期間になると、職員が応募できるようになります。",
    labels: { title: "募集名", unit: "受入所属", at: "承認日時", window: "応募受付期間" },
    button: "公開された募集を見る",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "応募は所属長の同意を得た後に、募集の管理画面の応募者一覧に表示されます。",
  },
  en: {
    subject: (title: string) => `Posting approved: ${title}`,
    heading: "Your posting is approved and published",
    greeting: (name: string) => `Dear ${name},`,
    intro: "Human Resources approved the posting below. Staff can apply during the application window.",
    labels: { title: "Title", unit: "Host unit", at: "Approved", window: "Application window" },
    button: "View the published posting",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "Applications appear in the applicants list once the applicant's unit head has consented.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<PostingApprovedProps>({
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
            [c.labels.at, formatEmailDateTime(props.approvedAt, locale)],
            [c.labels.window, `${formatEmailDate(props.applyFrom, locale)} – ${formatEmailDate(props.applyUntil, locale)}`],
          ]}
        />
        <ActionButton href={props.postingUrl} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
