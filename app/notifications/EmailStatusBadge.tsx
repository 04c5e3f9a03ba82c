import type { OutboxStatus } from "../../db/schema";
import { useT } from "../i18n/i18n";
import "./messages";

export type EmailDisplayStatus = OutboxStatus | "retrying";

/** A pending email that has already failed once is shown as waiting to retry, which is what HR needs to know. */
export function displayStatus(status: OutboxStatus, attempts: number): EmailDisplayStatus {
  return status === "pending" && attempts > 0 ? "retrying" : status;
}

const tones: Record<EmailDisplayStatus, string> = {
  pending: "bg-slate-100 text-slate-800 ring-slate-300",
  retrying: "bg-amber-50 text-amber-900 ring-amber-300",
  sending: "bg-brand-50 text-brand-900 ring-brand-100",
  sent: "bg-green-50 text-green-900 ring-green-300",
  failed: "bg-red-50 text-red-900 ring-red-300",
};

// Text, not colour alone, carries the status.
export function EmailStatusBadge({ status }: { status: EmailDisplayStatus }) {
  const t = useT();
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[status]}`}>{t(`email.status.${status}`)}</span>;
}
