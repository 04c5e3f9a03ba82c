import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatEmailDate } from "../postings/shared";
import { TitleList } from "./review-shared";

/** To a reviewer with unsubmitted reviews, 3 days before the review period closes (once per round). */
export interface ReviewReminderProps {
  reviewerName: string;
  roundTitle: string;
  reviewClosesOn: string;
  /** Calendar days from the reminder's date to the closing date (3 when on time). */
  daysLeft: number;
  proposalTitles: string[];
  url: string;
}

const copy = {
  ja: {
    subject: (p: ReviewReminderProps) => `審査の締切が近づいています（${formatEmailDate(p.reviewClosesOn, "ja")}まで）`,
    heading: "未提出の審査があります",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ReviewReminderProps) =>
      p.daysLeft > 0
        ? `「${p.roundTitle}」の審査期間は、あと${p.daysLeft}日で終了します。次の提案の評価がまだ提出されていません。期間内の提出をお願いします。`
        : `「${p.roundTitle}」の審査期間は本日で終了します。次の提案の評価がまだ提出されていません。本日中の提出をお願いします。`,
    list: "未提出の提案",
    labels: { round: "ラウンド", closes: "審査期間の終了日" },
    button: "審査ページを開く",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "下書き保存した評価は提出されていません。審査期間の終了後は評価を入力・変更できなくなります。",
  },
  en: {
    subject: (p: ReviewReminderProps) => `Reviews due by ${formatEmailDate(p.reviewClosesOn, "en")}`,
    heading: "You have reviews still to submit",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ReviewReminderProps) =>
      p.daysLeft > 0
        ? `The review period of "${p.roundTitle}" closes in ${p.daysLeft} day(s). Your reviews of the proposals below have not been submitted yet.`
        : `The review period of "${p.roundTitle}" closes today. Your reviews of the proposals below have not been submitted yet.`,
    list: "Reviews not yet submitted",
    labels: { round: "Round", closes: "Review period ends" },
    button: "Open my reviews",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "A review saved as a draft has not been submitted. Once the review period is over, reviews can no longer be entered or changed.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<ReviewReminderProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => {
    const c = copy[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
        <Paragraph>{c.greeting(props.reviewerName)}</Paragraph>
        <Paragraph>{c.intro(props)}</Paragraph>
        <TitleList label={c.list} titles={props.proposalTitles} />
        <Facts
          items={[
            [c.labels.round, props.roundTitle],
            [c.labels.closes, formatEmailDate(props.reviewClosesOn, locale)],
          ]}
        />
        <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
