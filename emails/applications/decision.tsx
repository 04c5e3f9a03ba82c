import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts, formatHours, formatPeriod, Quote } from "./shared";

/** The host decided → the applicant: accepted, or not selected with the reason. */
export interface ApplicationDecisionProps {
  applicantName: string;
  postingTitle: string;
  hostName: string;
  outcome: "accepted" | "not_selected";
  reason?: string | null;
  periodStart: string;
  periodEnd: string;
  hoursPerMonth: number;
  contact: string;
  url: string;
}

const copy = {
  ja: {
    subject: (p: ApplicationDecisionProps) => `${p.outcome === "accepted" ? "採用決定のお知らせ" : "選考結果のお知らせ"}（${p.postingTitle}）`,
    heading: (p: ApplicationDecisionProps) => (p.outcome === "accepted" ? "採用が決まりました" : "選考結果のお知らせ"),
    greeting: (name: string) => `${name} 様`,
    accepted: (p: ApplicationDecisionProps) => `「${p.postingTitle}」への応募について、募集元（${p.hostName}）での採用が決まりました。実施期間の開始日から「参加中」になります。`,
    notSelected: (p: ApplicationDecisionProps) => `「${p.postingTitle}」への応募について、慎重に選考した結果、今回は採用を見送ることになりました。ご応募いただきありがとうございました。`,
    labels: { period: "実施期間", hours: "従事時間", contact: "連絡先" },
    reason: "募集元からの説明",
    button: "応募状況を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    acceptedNote: "従事の開始にあたっては、所属長とも業務の調整をお願いします。",
    notSelectedNote: "ほかの募集にも、ぜひご応募ください。",
  },
  en: {
    subject: (p: ApplicationDecisionProps) => `${p.outcome === "accepted" ? "You have been accepted" : "Outcome of your application"}: ${p.postingTitle}`,
    heading: (p: ApplicationDecisionProps) => (p.outcome === "accepted" ? "You have been accepted" : "Outcome of your application"),
    greeting: (name: string) => `Dear ${name},`,
    accepted: (p: ApplicationDecisionProps) => `The host unit (${p.hostName}) has accepted your application to "${p.postingTitle}". You become a participant from the start of the period.`,
    notSelected: (p: ApplicationDecisionProps) => `After careful consideration, the host unit has not selected you for "${p.postingTitle}" this time. Thank you for applying.`,
    labels: { period: "Period", hours: "Time", contact: "Contact" },
    reason: "Explanation from the host unit",
    button: "View your application",
    fallback: "If the button does not work, paste this address into your browser:",
    acceptedNote: "Please also agree the arrangements with your unit head before you start.",
    notSelectedNote: "We hope you will apply to other postings.",
  },
} satisfies Record<Locale, unknown>;

export function ApplicationDecisionEmail(props: ApplicationDecisionProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  const accepted = props.outcome === "accepted";
  return (
    <EmailLayout locale={locale} preview={accepted ? c.accepted(props) : c.notSelected(props)} heading={c.heading(props)}>
      <Paragraph>{c.greeting(props.applicantName)}</Paragraph>
      <Paragraph>{accepted ? c.accepted(props) : c.notSelected(props)}</Paragraph>
      {accepted ? (
        <Facts
          rows={[
            [c.labels.period, formatPeriod(props.periodStart, props.periodEnd, locale)],
            [c.labels.hours, formatHours(props.hoursPerMonth, locale)],
            [c.labels.contact, props.contact],
          ]}
        />
      ) : null}
      {!accepted && props.reason ? (
        <>
          <Paragraph>{c.reason}</Paragraph>
          <Quote>{props.reason}</Quote>
        </>
      ) : null}
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
      <Note>{accepted ? c.acceptedNote : c.notSelectedNote}</Note>
    </EmailLayout>
  );
}

export default defineEmail<ApplicationDecisionProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ApplicationDecisionEmail {...props} locale={locale} />,
});
