import type { ContestOutcome } from "../../db/schema";
import type { Locale } from "../../app/i18n/locale";
import { fiscalYearLabel } from "../../app/i18n/format";
import { Quote } from "../applications/shared";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatEmailDate } from "../postings/shared";

/**
 * Results published → each proposer (lead and accepted members): the outcome, the feedback and, for an adopted or
 * step-up proposal, the project it became. By design the props carry no reviewer and no score, so no version of
 * this template can leak them.
 */
export interface ContestDecisionResultProps {
  recipientName: string;
  roundTitle: string;
  fiscalYear: number;
  proposalTitle: string;
  outcome: ContestOutcome;
  feedback: string | null;
  project: { hostName: string; startOn: string; endOn: string | null; url: string } | null;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ContestDecisionResultProps) => `チャレンジコンテストの審査結果：${p.proposalTitle}`,
    heading: "チャレンジコンテストの審査結果をお知らせします",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ContestDecisionResultProps) => `${fiscalYearLabel(p.fiscalYear, "ja")}「${p.roundTitle}」にご提案いただいた「${p.proposalTitle}」の審査結果は、次のとおりです。`,
    outcome: { adopted: "正式採択", step_up: "ステップアップ枠で採択", not_adopted: "不採択" } satisfies Record<ContestOutcome, string>,
    message: {
      adopted: "おめでとうございます。提案はチャレンジプロジェクトとして実施します。",
      step_up: "おめでとうございます。提案はステップアップ枠のチャレンジプロジェクトとして、内容を磨きながら実施します。",
      not_adopted: "今回は採択を見送ることになりました。ご提案いただき、ありがとうございました。",
    } satisfies Record<ContestOutcome, string>,
    labels: { round: "コンテスト", proposal: "提案名", outcome: "審査結果", host: "実施所属", start: "開始日", period: "実施期間" },
    feedback: "審査を踏まえたコメント",
    open: "期間の定めなし",
    button: "提案の結果を見る",
    projectButton: "プロジェクトのページを見る",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "審査結果は、審査員の評価をもとに行政経営室が決定しました。個々の審査員の氏名や採点はお知らせしていません。",
    projectNote: "プロジェクトへの参加は、参加記録として登録されています。従事にあたっては、所属長とも業務の調整をお願いします。",
    notAdoptedNote: "次回のチャレンジコンテストにも、ぜひご提案ください。",
  },
  en: {
    subject: (p: ContestDecisionResultProps) => `Challenge contest result: ${p.proposalTitle}`,
    heading: "The result of your challenge contest proposal",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ContestDecisionResultProps) => `Here is the result for "${p.proposalTitle}", your proposal to "${p.roundTitle}" (${fiscalYearLabel(p.fiscalYear, "en")}).`,
    outcome: { adopted: "Adopted", step_up: "Adopted for the step-up track", not_adopted: "Not adopted" } satisfies Record<ContestOutcome, string>,
    message: {
      adopted: "Congratulations: your proposal will run as a challenge project.",
      step_up: "Congratulations: your proposal will run as a step-up challenge project, refined as it goes.",
      not_adopted: "Your proposal was not adopted this time. Thank you for taking part.",
    } satisfies Record<ContestOutcome, string>,
    labels: { round: "Contest", proposal: "Proposal", outcome: "Result", host: "Host unit", start: "Start", period: "Period" },
    feedback: "Feedback from the review",
    open: "open-ended",
    button: "View your proposal's result",
    projectButton: "View the project",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "The Administrative Management Office decided the results on the basis of the reviewers' assessments. Reviewers' names and individual scores are not disclosed.",
    projectNote: "Your part in the project is recorded as a participation. Please agree the arrangements with your unit head.",
    notAdoptedNote: "We hope you will propose again in the next contest.",
  },
} satisfies Record<Locale, unknown>;

function period(startOn: string, endOn: string | null, locale: Locale) {
  return `${formatEmailDate(startOn, locale)} – ${endOn ? formatEmailDate(endOn, locale) : copy[locale].open}`;
}

export default defineEmail<ContestDecisionResultProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => {
    const c = copy[locale];
    const facts: [string, string][] = [
      [c.labels.round, `${fiscalYearLabel(props.fiscalYear, locale)} ${props.roundTitle}`],
      [c.labels.proposal, props.proposalTitle],
      [c.labels.outcome, c.outcome[props.outcome]],
    ];
    if (props.project) {
      facts.push([c.labels.host, props.project.hostName], [c.labels.period, period(props.project.startOn, props.project.endOn, locale)]);
    }
    return (
      <EmailLayout locale={locale} preview={`${c.labels.outcome}: ${c.outcome[props.outcome]}`} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{c.intro(props)}</Paragraph>
        <Facts items={facts} />
        <Paragraph>{c.message[props.outcome]}</Paragraph>
        {props.feedback ? (
          <>
            <Paragraph>{c.feedback}</Paragraph>
            <Quote>{props.feedback}</Quote>
          </>
        ) : null}
        {props.project ? (
          <ActionButton href={props.project.url} label={c.projectButton} fallback={c.fallback} />
        ) : (
          <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
        )}
        {props.project ? <Note>{c.projectNote}</Note> : null}
        {props.outcome === "not_adopted" ? <Note>{c.notAdoptedNote}</Note> : null}
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
