import type { Locale } from "../app/i18n/locale";
import { defineEmail, productSubject } from "./define";
import { ActionButton, EmailLayout, Note, Paragraph } from "./layout";
import { formatEmailDateTime } from "./time";

export interface PasswordResetProps {
  name: string;
  resetUrl: string;
  expiresInMinutes: number;
  /** When given, the email also states the exact deadline. */
  expiresAt?: Date | string;
}

const copy = {
  ja: {
    subject: "パスワード再設定のご案内",
    heading: "パスワード再設定のご案内",
    greeting: (name: string) => `${name} 様`,
    intro: "職員チャレンジポータルのパスワード再設定の申請を受け付けました。次のボタンから新しいパスワードを設定してください。",
    button: "パスワードを再設定する",
    fallback: "ボタンが押せない場合は、次のURLをブラウザのアドレス欄に貼り付けてください。",
    validity: (minutes: number, until?: string) =>
      `このリンクの有効期限は${minutes}分間${until ? `（${until}まで）` : ""}です。一度使用すると無効になります。`,
    ignore: "このメールに心当たりがない場合は、破棄してください。パスワードは変更されません。",
  },
  en: {
    subject: "Resetting your password",
    heading: "Reset your password",
    greeting: (name: string) => `Dear ${name},`,
    intro: "We received a request to reset your Staff Challenge Portal password. Use the button below to choose a new one.",
    button: "Reset password",
    fallback: "If the button does not work, paste this address into your browser:",
    validity: (minutes: number, until?: string) => `This link is valid for ${minutes} minutes${until ? ` (until ${until})` : ""} and works only once.`,
    ignore: "If you did not ask for this, you can ignore this email; your password stays unchanged.",
  },
} satisfies Record<Locale, unknown>;

export function PasswordResetEmail({ locale, name, resetUrl, expiresInMinutes, expiresAt }: PasswordResetProps & { locale: Locale }) {
  const c = copy[locale];
  return (
    <EmailLayout locale={locale} preview={c.intro} heading={c.heading}>
      <Paragraph>{c.greeting(name)}</Paragraph>
      <Paragraph>{c.intro}</Paragraph>
      <ActionButton href={resetUrl} label={c.button} fallback={c.fallback} />
      <Note>{c.validity(expiresInMinutes, expiresAt ? formatEmailDateTime(expiresAt, locale) : undefined)}</Note>
      <Note>{c.ignore}</Note>
    </EmailLayout>
  );
}

export default defineEmail<PasswordResetProps>({
  subject: (_props, locale) => productSubject(locale, copy[locale].subject),
  body: (props, locale) => <PasswordResetEmail {...props} locale={locale} />,
});
