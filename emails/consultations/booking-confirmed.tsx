import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts } from "../postings/shared";
import { formatEmailDateTime } from "../time";
import { confidentialNote, fallbackCopy, icsNote, labels, sessionFactItems, type SessionFacts } from "./booking-shared";

/** To the employee who booked, with the invitation (.ics, METHOD:REQUEST) attached. */
export interface BookingConfirmedProps extends SessionFacts {
  employeeName: string;
  /** The cancel/move deadline (previous business day 17:00). */
  changeUntil: Date | string;
  url: string;
}

const copy = {
  ja: {
    subject: "キャリア相談のご予約",
    heading: "キャリア相談の予約を受け付けました",
    greeting: (name: string) => `${name} 様`,
    intro: "職員キャリア相談室のご予約を受け付けました。当日は次の日時・場所でお待ちしています。",
    online: "オンラインでの相談は、上記の接続先から開始時刻にご参加ください。",
    change: (until: string) => `日時の変更・取消は${until}まで、ポータルの予約ページから行えます。それ以降は相談員に直接ご連絡ください。`,
    button: "予約を確認する",
  },
  en: {
    subject: "Your career consultation booking",
    heading: "Your career consultation is booked",
    greeting: (name: string) => `Dear ${name},`,
    intro: "Your booking with the Career Consultation Room is confirmed. We look forward to seeing you at the time below.",
    online: "For an online session, join through the link above at the start time.",
    change: (until: string) => `You can move or cancel the booking on the portal until ${until}. After that, please contact the counsellor directly.`,
    button: "View my booking",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<BookingConfirmedProps>({
  subject: (_props, locale) => productSubject(locale, copy[locale].subject),
  body: (props, locale) => {
    const c = copy[locale];
    const l = labels[locale];
    return (
      <EmailLayout locale={locale} preview={c.intro} heading={c.heading}>
        <Paragraph>{c.greeting(props.employeeName)}</Paragraph>
        <Paragraph>{c.intro}</Paragraph>
        <Facts
          items={sessionFactItems(props, locale, [[l.counselor, props.counselorName]])}
        />
        {props.mode === "online" ? <Paragraph>{c.online}</Paragraph> : null}
        <Paragraph>{c.change(formatEmailDateTime(props.changeUntil, locale))}</Paragraph>
        <ActionButton href={props.url} label={c.button} fallback={fallbackCopy[locale]} />
        <Note>{icsNote[locale]}</Note>
        <Note>{confidentialNote[locale]}</Note>
      </EmailLayout>
    );
  },
});
