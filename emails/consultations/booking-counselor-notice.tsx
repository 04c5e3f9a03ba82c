import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts } from "../postings/shared";
import { fallbackCopy, icsNote, labels, sessionFactItems, type SessionFacts } from "./booking-shared";

/** To the counsellor: a new booking, with the invitation (.ics) attached. The topic and note stay in the portal. */
export interface BookingCounselorNoticeProps extends SessionFacts {
  recipientName: string;
  employeeName: string;
  employeeUnit: string;
  url: string;
}

const copy = {
  ja: {
    subject: "キャリア相談の予約が入りました",
    heading: "新しいキャリア相談の予約",
    greeting: (name: string) => `${name} 様`,
    intro: "次のとおりキャリア相談の予約が入りました。",
    confidential: "相談の分野と相談者からのメモは、ポータルの相談員ページでのみ確認できます（メールには記載していません）。",
    button: "相談員ページを開く",
  },
  en: {
    subject: "New career consultation booking",
    heading: "A new consultation has been booked",
    greeting: (name: string) => `Dear ${name},`,
    intro: "A career consultation has been booked with you.",
    confidential: "The topic and the employee's note are shown only on your counsellor page in the portal (never in email).",
    button: "Open the counsellor page",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<BookingCounselorNoticeProps>({
  subject: (_props, locale) => productSubject(locale, copy[locale].subject),
  body: (props, locale) => {
    const c = copy[locale];
    const l = labels[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{c.intro}</Paragraph>
        <Facts
          items={sessionFactItems(props, locale, [[l.employee, props.employeeUnit ? `${props.employeeName}（${props.employeeUnit}）` : props.employeeName]])}
        />
        <Paragraph>{c.confidential}</Paragraph>
        <ActionButton href={props.url} label={c.button} fallback={fallbackCopy[locale]} />
        <Note>{icsNote[locale]}</Note>
      </EmailLayout>
    );
  },
});
