import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts } from "../postings/shared";
import { formatEmailDateTime } from "../time";
import { confidentialNote, fallbackCopy, labels, sessionFactItems, type SessionFacts } from "./booking-shared";

/** To the employee, the day before (09:00 Japan time): the session is coming up. */
export interface BookingReminderProps extends SessionFacts {
  employeeName: string;
  counselorEmail: string;
  /** The cancel/move deadline when it is still ahead as the reminder goes out; null once it has passed. */
  changeUntil: Date | string | null;
  url: string;
}

const copy = {
  ja: {
    subject: "キャリア相談のご予定のお知らせ",
    heading: "キャリア相談のご予定",
    greeting: (name: string) => `${name} 様`,
    intro: "ご予約いただいているキャリア相談の日時が近づきましたので、お知らせします。",
    online: "オンラインでの相談は、上記の接続先から開始時刻にご参加ください。",
    change: (until: string) => `日時の変更・取消は${until}まで、ポータルの予約ページから行えます。`,
    contact: (name: string, email: string) => `ご都合が悪くなった場合は、相談員の${name}（${email}）に直接ご連絡ください。`,
    button: "予約を確認する",
  },
  en: {
    subject: "Reminder: your career consultation",
    heading: "Your career consultation is coming up",
    greeting: (name: string) => `Dear ${name},`,
    intro: "This is a reminder of your upcoming career consultation.",
    online: "For an online session, join through the link above at the start time.",
    change: (until: string) => `You can still move or cancel the booking on the portal until ${until}.`,
    contact: (name: string, email: string) => `If you can no longer attend, please contact the counsellor, ${name} (${email}), directly.`,
    button: "View my booking",
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<BookingReminderProps>({
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
        {props.changeUntil ? <Paragraph>{c.change(formatEmailDateTime(props.changeUntil, locale))}</Paragraph> : null}
        <Paragraph>{c.contact(props.counselorName, props.counselorEmail)}</Paragraph>
        <ActionButton href={props.url} label={c.button} fallback={fallbackCopy[locale]} />
        <Note>{confidentialNote[locale]}</Note>
      </EmailLayout>
    );
  },
});
