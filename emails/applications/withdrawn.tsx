import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Paragraph } from "../layout";
import { formatEmailDateTime } from "../time";
import { Facts, Quote } from "./shared";

/** The applicant withdrew after consent → the host unit's posting managers. */
export interface ApplicationWithdrawnProps {
  managerName: string;
  applicantName: string;
  postingTitle: string;
  withdrawnAt: Date | string;
  /** the status before withdrawal — tells the host whether a place has opened */
  previousStatus: WithdrawnFrom;
  reason?: string | null;
  url: string;
}

export type WithdrawnFrom = "awaiting_consent" | "screening" | "interview" | "accepted" | "participating";

const statusLabel: Record<Locale, Record<WithdrawnFrom, string>> = {
  ja: { awaiting_consent: "同意待ち", screening: "選考中", interview: "面談予定", accepted: "採用決定", participating: "参加中" },
  en: { awaiting_consent: "Awaiting consent", screening: "Screening", interview: "Interview scheduled", accepted: "Accepted", participating: "Participating" },
};

const copy = {
  ja: {
    subject: (p: ApplicationWithdrawnProps) => `応募が辞退されました（${p.postingTitle}）`,
    heading: "応募者が辞退しました",
    greeting: (name: string) => `${name} 様`,
    intro: (p: ApplicationWithdrawnProps) => `「${p.postingTitle}」への ${p.applicantName} さんの応募が、本人により辞退されました。`,
    labels: { applicant: "応募者", previous: "辞退前の状況", when: "辞退日時" },
    reason: "辞退の理由",
    button: "応募者一覧を確認する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
  },
  en: {
    subject: (p: ApplicationWithdrawnProps) => `Application withdrawn: ${p.postingTitle}`,
    heading: "An applicant has withdrawn",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: ApplicationWithdrawnProps) => `${p.applicantName} has withdrawn their application to "${p.postingTitle}".`,
    labels: { applicant: "Applicant", previous: "Status before withdrawal", when: "Withdrawn" },
    reason: "Reason given",
    button: "View applicants",
    fallback: "If the button does not work, paste this address into your browser:",
  },
} satisfies Record<Locale, unknown>;

export function ApplicationWithdrawnEmail(props: ApplicationWithdrawnProps & { locale: Locale }) {
  const { locale } = props;
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
      <Paragraph>{c.greeting(props.managerName)}</Paragraph>
      <Paragraph>{c.intro(props)}</Paragraph>
      <Facts
        rows={[
          [c.labels.applicant, props.applicantName],
          [c.labels.previous, statusLabel[locale][props.previousStatus]],
          [c.labels.when, formatEmailDateTime(props.withdrawnAt, locale)],
        ]}
      />
      {props.reason ? (
        <>
          <Paragraph>{c.reason}</Paragraph>
          <Quote>{props.reason}</Quote>
        </>
      ) : null}
      <ActionButton href={props.url} label={c.button} fallback={c.fallback} />
    </EmailLayout>
  );
}

export default defineEmail<ApplicationWithdrawnProps>({
  subject: (props, locale) => productSubject(locale, copy[locale].subject(props)),
  body: (props, locale) => <ApplicationWithdrawnEmail {...props} locale={locale} />,
});
