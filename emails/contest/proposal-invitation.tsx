import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatEmailDate } from "../postings/shared";

/** To a colleague the proposal's lead invited as a member: read the proposal, then accept or decline. */
export interface ContestProposalInvitationProps {
  inviteeName: string;
  leadName: string;
  leadUnit: string;
  proposalTitle: string;
  roundTitle: string;
  /** Last day of the call ('YYYY-MM-DD'): answers and changes are possible until then. */
  callClosesOn: string;
  /** The proposal page, where the invitee reads the proposal and answers. */
  url: string;
}

const copy = {
  ja: {
    subject: (p: ContestProposalInvitationProps) => `チャレンジコンテストのメンバーに招待されました：${p.proposalTitle}`,
    heading: "提案のメンバーに招待されました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ContestProposalInvitationProps) =>
      `${p.leadUnit}の ${p.leadName} さんから、チャレンジコンテストの提案のメンバーとして招待されました。提案の内容をご確認のうえ、参加するかどうかをご回答ください。`,
    labels: { proposal: "提案名", round: "コンテスト", lead: "提案者（代表）", deadline: "回答期限（募集締切）" },
    button: "提案を確認して回答する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "承諾したメンバーだけが提案のメンバーとして数えられます。回答は募集締切日まで、ポータルの「メンバーへの招待」からも行えます。",
  },
  en: {
    subject: (p: ContestProposalInvitationProps) => `You are invited to join a contest proposal: ${p.proposalTitle}`,
    heading: "You are invited to join a proposal",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ContestProposalInvitationProps) =>
      `${p.leadName} (${p.leadUnit}) has invited you to join their challenge contest proposal as a member. Please read the proposal and tell them whether you will take part.`,
    labels: { proposal: "Proposal", round: "Contest", lead: "Lead proposer", deadline: "Answer by (call closes)" },
    button: "Read the proposal and answer",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "Only members who accept count as members of the proposal. You can also answer under Invitations in the portal until the call closes.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<ContestProposalInvitationProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => {
    const c = copy[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
        <Paragraph>{c.greeting(props.inviteeName)}</Paragraph>
        <Paragraph>{c.intro(props)}</Paragraph>
        <Facts
          items={[
            [c.labels.proposal, props.proposalTitle],
            [c.labels.round, props.roundTitle],
            [c.labels.lead, `${props.leadName}（${props.leadUnit}）`],
            [c.labels.deadline, formatEmailDate(props.callClosesOn, locale)],
          ]}
        />
        <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
