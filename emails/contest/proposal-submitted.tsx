import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatEmailDate } from "../postings/shared";
import { formatEmailDateTime } from "../time";

/** Receipt of a submitted proposal, to the lead and each accepted member. */
export interface ContestProposalSubmittedProps {
  recipientName: string;
  proposalTitle: string;
  roundTitle: string;
  leadName: string;
  /** Accepted members other than the lead (names only). */
  memberNames: string[];
  submittedAt: Date | string;
  /** Last day of the call: the proposal can be edited or withdrawn until then. */
  callClosesOn: string;
  /** The results date announced for the round. */
  resultsOn: string;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ContestProposalSubmittedProps) => `提案を受け付けました：${p.proposalTitle}`,
    heading: "チャレンジコンテストへの提案を受け付けました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ContestProposalSubmittedProps) => `「${p.roundTitle}」への次の提案を受け付けました。ご応募ありがとうございます。`,
    labels: { proposal: "提案名", round: "コンテスト", lead: "提案者（代表）", members: "メンバー", submitted: "提出日時", editable: "修正・取下げの期限", results: "結果発表（予定）" },
    noMembers: "なし（個人での提案）",
    button: "提出した提案を見る",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "募集締切日までは、提案の内容やメンバーを修正したり、提案を取り下げたりできます。審査の結果は結果発表後にポータルでお知らせします。",
  },
  en: {
    subject: (p: ContestProposalSubmittedProps) => `Proposal received: ${p.proposalTitle}`,
    heading: "Your challenge contest proposal has been received",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ContestProposalSubmittedProps) => `We have received the proposal below for "${p.roundTitle}". Thank you for taking part.`,
    labels: { proposal: "Proposal", round: "Contest", lead: "Lead proposer", members: "Members", submitted: "Submitted", editable: "Edit or withdraw until", results: "Results (planned)" },
    noMembers: "None (individual proposal)",
    button: "View the submitted proposal",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "Until the call closes you can edit the proposal and its members, or withdraw it. The outcome will be shown in the portal once results are published.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<ContestProposalSubmittedProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => {
    const c = copy[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{c.intro(props)}</Paragraph>
        <Facts
          items={[
            [c.labels.proposal, props.proposalTitle],
            [c.labels.round, props.roundTitle],
            [c.labels.lead, props.leadName],
            [c.labels.members, props.memberNames.length > 0 ? props.memberNames.join(locale === "ja" ? "、" : ", ") : c.noMembers],
            [c.labels.submitted, formatEmailDateTime(props.submittedAt, locale)],
            [c.labels.editable, formatEmailDate(props.callClosesOn, locale)],
            [c.labels.results, formatEmailDate(props.resultsOn, locale)],
          ]}
        />
        <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
