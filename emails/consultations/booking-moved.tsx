import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts } from "../postings/shared";
import { fallbackCopy, formatSessionTime, icsNote, labels, sessionFactItems, type SessionFacts } from "./booking-shared";

/** To the employee and to the counsellor: the session moved. The attached .ics updates the same event (same UID). */
export interface BookingMovedProps extends SessionFacts {
  audience: "employee" | "counselor";
  recipientName: string;
  employeeName: string;
  previousStartsAt: Date | string;
  previousEndsAt: Date | string;
  url: string;
}

const copy = {
  ja: {
    subject: "キャリア相談の日時が変更されました",
    heading: "キャリア相談の日時を変更しました",
    greeting: (name: string) => `${name} 様`,
    intro: { employee: "キャリア相談の日時を次のとおり変更しました。", counselor: (who: string) => `${who}さんが、キャリア相談の日時を次のとおり変更しました。` },
    calendar: "予定表に登録済みの場合は、添付の予定ファイルで同じ予定が新しい日時に更新されます。",
    button: { employee: "予約を確認する", counselor: "相談員ページを開く" },
  },
  en: {
    subject: "Your career consultation has moved",
    heading: "The consultation has a new time",
    greeting: (name: string) => `Dear ${name},`,
    intro: { employee: "Your career consultation has been moved to the time below.", counselor: (who: string) => `${who} has moved their career consultation to the time below.` },
    calendar: "If the event is in your calendar, the attached file updates that same event to the new time.",
    button: { employee: "View my booking", counselor: "Open the counsellor page" },
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<BookingMovedProps>({
  subject: (_props, locale) => productSubject(locale, copy[locale].subject),
  body: (props, locale) => {
    const c = copy[locale];
    const l = labels[locale];
    const intro = props.audience === "employee" ? c.intro.employee : c.intro.counselor(props.employeeName);
    return (
      <EmailLayout locale={locale} preview={intro} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{intro}</Paragraph>
        <Facts
          items={sessionFactItems(props, locale, [
            [l.previous, formatSessionTime(props.previousStartsAt, props.previousEndsAt, locale)],
            [props.audience === "employee" ? l.counselor : l.employee, props.audience === "employee" ? props.counselorName : props.employeeName],
          ])}
        />
        <Paragraph>{c.calendar}</Paragraph>
        <ActionButton href={props.url} label={c.button[props.audience]} fallback={fallbackCopy[locale]} />
        <Note>{icsNote[locale]}</Note>
      </EmailLayout>
    );
  },
});
