import nodemailer from "nodemailer";
import type { EmailAttachment } from "../../db/schema";
import { env, type Env } from "../env.server";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
  /** Stable per outbox row, so a receiving server can spot the rare duplicate after a crash mid-send. */
  messageId?: string;
}

/** Delivers one message or throws; the worker turns a throw into a retry. */
export interface Transport {
  /** For logs and the status page; custom transports (tests) may leave it out. */
  readonly kind?: "smtp" | "dev-mailbox" | "unconfigured";
  send(mail: OutgoingMail): Promise<void>;
}

/** SMTP via nodemailer. Timeouts stay well inside the worker's claim, so a hung server cannot cause a resend. */
export function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, encoding: "base64" })),
      });
    },
  };
}

/** Development and demo: nothing leaves the machine; the rendered email stays readable at /dev/mailbox. */
export function devMailboxTransport(): Transport {
  return { kind: "dev-mailbox", async send() {} };
}

/**
 * A real installation without SMTP_URL: refuse rather than pretend, so the emails stay visible as failing on
 * /hr/outbox (and can be re-sent once SMTP is configured) instead of being marked sent and lost.
 */
export function unconfiguredTransport(): Transport {
  return {
    kind: "unconfigured",
    async send() {
      throw new Error("SMTP_URL is not set: this installation has no mail server configured. (メールサーバーが設定されていません)");
    },
  };
}

export function createTransport(config: Pick<Env, "SMTP_URL" | "demoMode"> = env()): Transport {
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL);
  return config.demoMode ? devMailboxTransport() : unconfiguredTransport();
}
