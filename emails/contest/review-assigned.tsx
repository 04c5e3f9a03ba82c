import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatEmailDate } from "../postings/shared";
import { TitleList } from "./review-shared";

/** To a reviewer: proposals newly assigned to them (one email per reviewer per assignment run or manual assign). */
export interface ReviewAssignedProps {
  reviewerName: string;
  roundTitle: string;
  proposalTitles: string[];
  reviewOpensOn: string;
  reviewClosesOn: string;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ReviewAssignedProps) => `チャレンジコンテストの審査をお願いします（${p.proposalTitles.length}件）`,
    heading: "審査する提案が割り当てられました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ReviewAssignedProps) => `「${p.roundTitle}」で、次の提案の審査をお願いすることになりました。審査期間内に、評価項目ごとの評点と総評を入力して提出してください。`,
    list: "割り当てられた提案",
    labels: { round: "ラウンド", window: "審査期間" },
    button: "審査ページを開く",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "提案者と利害関係がある場合（同じ所属、知人など）は、評価を入力する前に審査ページから利害関係を申告してください。",
  },
  en: {
    subject: (p: ReviewAssignedProps) => `Challenge contest: ${p.proposalTitles.length} proposal(s) to review`,
    heading: "Proposals have been assigned to you for review",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ReviewAssignedProps) => `You have been asked to review the proposals below in "${p.roundTitle}". Please enter a score for each criterion and an overall comment, and submit your review within the review period.`,
    list: "Assigned proposals",
    labels: { round: "Round", window: "Review period" },
    button: "Open my reviews",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "If you have a conflict of interest with a proposer (same unit, a personal connection), please declare it on the review page before scoring.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<ReviewAssignedProps>({
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
            [c.labels.window, `${formatEmailDate(props.reviewOpensOn, locale)} – ${formatEmailDate(props.reviewClosesOn, locale)}`],
          ]}
        />
        <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
