import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatEmailDate } from "../postings/shared";

/** contest_admin added someone to a challenge project after it was created → the new member. */
export interface ContestProjectMemberAddedProps {
  recipientName: string;
  projectTitle: string;
  hostName: string;
  /** The member's own start: the project's start, or the day they were added when that is later. */
  startOn: string;
  endOn: string | null;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ContestProjectMemberAddedProps) => `チャレンジプロジェクトのメンバーに追加されました：${p.projectTitle}`,
    heading: "チャレンジプロジェクトのメンバーに追加されました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ContestProjectMemberAddedProps) => `行政経営室が、あなたをチャレンジプロジェクト「${p.projectTitle}」のメンバーに追加しました。`,
    labels: { project: "プロジェクト", host: "実施所属", period: "あなたの従事期間" },
    open: "期間の定めなし",
    button: "プロジェクトのページを見る",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    note: "プロジェクトへの参加は、参加記録として登録されています。従事にあたっては、所属長とも業務の調整をお願いします。心当たりがない場合は行政経営室にお問い合わせください。",
  },
  en: {
    subject: (p: ContestProjectMemberAddedProps) => `You have joined a challenge project: ${p.projectTitle}`,
    heading: "You have been added to a challenge project",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ContestProjectMemberAddedProps) => `The Administrative Management Office has added you to the challenge project "${p.projectTitle}".`,
    labels: { project: "Project", host: "Host unit", period: "Your period" },
    open: "open-ended",
    button: "View the project",
    fallback: "If the button does not work, paste this address into your browser:",
    note: "Your part in the project is recorded as a participation. Please agree the arrangements with your unit head. If this is unexpected, contact the Administrative Management Office.",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<ContestProjectMemberAddedProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => {
    const c = copy[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{c.intro(props)}</Paragraph>
        <Facts
          items={[
            [c.labels.project, props.projectTitle],
            [c.labels.host, props.hostName],
            [c.labels.period, `${formatEmailDate(props.startOn, locale)} – ${props.endOn ? formatEmailDate(props.endOn, locale) : c.open}`],
          ]}
        />
        <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
        <Note>{c.note}</Note>
      </EmailLayout>
    );
  },
});
