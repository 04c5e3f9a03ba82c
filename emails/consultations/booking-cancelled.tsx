import type { Locale } from "../../app/i18n/locale";
import { defineEmail, productSubject } from "../define";
import { ActionButton, EmailLayout, Note, Paragraph } from "../layout";
import { Facts } from "../postings/shared";
import { fallbackCopy, formatSessionTime, labels } from "./booking-shared";

/** To the employee and to the counsellor: the booking was cancelled. The attached .ics (METHOD:CANCEL) removes the event. */
export interface BookingCancelledProps {
  audience: "employee" | "counselor";
  cancelledBy: "employee" | "counselor";
  recipientName: string;
  employeeName: string;
  counselorName: string;
  startsAt: Date | string;
  endsAt: Date | string;
  reason?: string | null;
  url: string;
}

const copy = {
  ja: {
    subject: "キャリア相談の予約が取り消されました",
    heading: "キャリア相談の予約の取消",
    greeting: (name: string) => `${name} 様`,
    intro: (p: BookingCancelledProps) => {
      if (p.cancelledBy === "employee") return p.audience === "employee" ? "次のキャリア相談の予約を取り消しました。" : `${p.employeeName}さんが、次のキャリア相談の予約を取り消しました。`;
      return p.audience === "employee"
        ? `相談員の ${p.counselorName} が、次のキャリア相談の予約を取り消しました。ご迷惑をおかけして申し訳ありません。`
        : "次のキャリア相談の予約を取り消しました。相談者には取消をお知らせしています。";
    },
    again: "改めて相談を希望される場合は、ポータルから別の日時をご予約ください。",
    calendar: "予定表に登録済みの場合は、添付の予定ファイルを開くと予定が取り消されます。",
    button: { employee: "キャリア相談のページを開く", counselor: "相談員ページを開く" },
  },
  en: {
    subject: "Career consultation cancelled",
    heading: "A career consultation was cancelled",
    greeting: (name: string) => `Dear ${name},`,
    intro: (p: BookingCancelledProps) => {
      if (p.cancelledBy === "employee") return p.audience === "employee" ? "You have cancelled the career consultation below." : `${p.employeeName} has cancelled the career consultation below.`;
      return p.audience === "employee"
        ? `The counsellor, ${p.counselorName}, has cancelled the career consultation below. We apologise for the inconvenience.`
        : "You have cancelled the career consultation below; the employee has been informed.";
    },
    again: "If you would still like a consultation, please book another time on the portal.",
    calendar: "If the event is in your calendar, open the attached file to remove it.",
    button: { employee: "Open career consultations", counselor: "Open the counsellor page" },
  },
} satisfies Record<Locale, unknown>;

export default defineEmail<BookingCancelledProps>({
  subject: (_props, locale) => productSubject(locale, copy[locale].subject),
  body: (props, locale) => {
    const c = copy[locale];
    const l = labels[locale];
    const reason = props.reason?.trim();
    return (
      <EmailLayout locale={locale} preview={c.intro(props)} heading={c.heading}>
        <Paragraph>{c.greeting(props.recipientName)}</Paragraph>
        <Paragraph>{c.intro(props)}</Paragraph>
        <Facts
          items={[
            [l.when, formatSessionTime(props.startsAt, props.endsAt, locale)],
            [props.audience === "employee" ? l.counselor : l.employee, props.audience === "employee" ? props.counselorName : props.employeeName],
            ...(reason ? ([[l.reason, reason]] as [string, string][]) : []),
          ]}
        />
        {props.audience === "employee" ? <Paragraph>{c.again}</Paragraph> : null}
        <ActionButton href={props.url} label={c.button[props.audience]} fallback={fallbackCopy[locale]} />
        <Note>{c.calendar}</Note>
      </EmailLayout>
    );
  },
});
