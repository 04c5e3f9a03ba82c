import type { ReactNode } from "react";
import type { ContestOutcome } from "../../db/schema";
import { formatDate } from "../i18n/format";
import { useLocale, useT, type Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { DataTable, td, th } from "../ui/Page";
import type { RoundPhase } from "./phase";
import "./proposals.messages";

// Presentation pieces of the proposer and round pages: badges, the rubric, the proposal's text, members. No data.

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset";

const phaseTones: Record<RoundPhase, string> = {
  before_call: "bg-slate-100 text-slate-800 ring-slate-300",
  call: "bg-green-50 text-green-900 ring-green-300",
  between: "bg-amber-50 text-amber-900 ring-amber-300",
  review: "bg-sky-50 text-sky-900 ring-sky-300",
  awaiting_results: "bg-violet-50 text-violet-900 ring-violet-300",
  published: "bg-brand-100 text-brand-900 ring-brand-600/40",
};

export function RoundPhaseBadge({ phase }: { phase: RoundPhase }) {
  const t = useT();
  return (
    <span className={`${pill} ${phaseTones[phase]}`} data-phase={phase}>
      {t(`contest.phase.${phase}`)}
    </span>
  );
}

type ProposalStatus = "draft" | "submitted" | "withdrawn";

const statusTones: Record<ProposalStatus, string> = {
  draft: "bg-amber-50 text-amber-900 ring-amber-300",
  submitted: "bg-green-50 text-green-900 ring-green-300",
  withdrawn: "bg-slate-200 text-slate-700 ring-slate-400",
};

const outcomeTones: Record<ContestOutcome, string> = {
  adopted: "bg-brand-700 text-white ring-brand-700",
  step_up: "bg-teal-50 text-teal-900 ring-teal-400",
  not_adopted: "bg-slate-100 text-slate-800 ring-slate-400",
};

/** The status a proposer sees: the outcome once published (and decided), otherwise 下書き / 提出済み / 取り下げ. */
export function ProposalStatusBadge({ status, outcome }: { status: ProposalStatus; outcome?: ContestOutcome | null }) {
  const t = useT();
  if (status === "submitted" && outcome) {
    return (
      <span className={`${pill} ${outcomeTones[outcome]}`} data-testid="proposal-status" data-outcome={outcome}>
        {t(`contest.proposals.outcome.${outcome}`)}
      </span>
    );
  }
  return (
    <span className={`${pill} ${statusTones[status]}`} data-testid="proposal-status" data-status={status}>
      {t(`contest.proposals.status.${status}`)}
    </span>
  );
}

type Invitation = "invited" | "accepted" | "declined";
const invitationTones: Record<Invitation, string> = {
  invited: "bg-amber-50 text-amber-900 ring-amber-300",
  accepted: "bg-green-50 text-green-900 ring-green-300",
  declined: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function InvitationBadge({ invitation }: { invitation: Invitation }) {
  const t = useT();
  return <span className={`${pill} ${invitationTones[invitation]}`}>{t(`contest.members.invitation.${invitation}`)}</span>;
}

export function period(locale: Locale, from: string, to: string): string {
  return locale === "en" ? `${formatDate(from, "en")} – ${formatDate(to, "en")}` : `${formatDate(from, "ja")}〜${formatDate(to, "ja")}`;
}

export function yen(locale: Locale, value: number): string {
  const n = new Intl.NumberFormat(locale === "en" ? "en-GB" : "ja-JP").format(value);
  return locale === "en" ? `¥${n}` : `${n}円`;
}

/** Text written by a person, with its line breaks; a dash when empty. */
export function Prose({ children, empty }: { children: string | null | undefined; empty: string }) {
  if (!children || !children.trim()) return <p className="text-sm text-slate-600">{empty}</p>;
  return <div className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm leading-7 text-slate-900">{children}</div>;
}

export interface RubricRow {
  id?: number;
  name_ja: string;
  name_en: string;
  description: string;
  weight: number;
  scale_min: number;
  scale_max: number;
}

/** The rubric as proposers and admins read it: point of view, what it asks, weight and scale. */
export function RubricTable({ criteria, caption, compact = false }: { criteria: RubricRow[]; caption: string; compact?: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (compact) {
    // Narrow side panels: one entry per criterion, the description beneath its name.
    return (
      <ul className="divide-y divide-slate-100 text-sm" aria-label={caption}>
        {criteria.map((c, i) => (
          <li key={c.id ?? i} className="py-2">
            <p className="flex items-baseline justify-between gap-2">
              <span className="font-semibold text-slate-900">
                {locale === "en" ? c.name_en : c.name_ja}
                <span className="ml-1 text-xs font-normal text-slate-600">{locale === "en" ? c.name_ja : c.name_en}</span>
              </span>
              <span className="whitespace-nowrap text-xs text-slate-600">{t("contest.rubric.compactMeta", { weight: c.weight, min: c.scale_min, max: c.scale_max })}</span>
            </p>
            {c.description ? <p className="mt-0.5 text-slate-700">{c.description}</p> : null}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col" className={th}>
            {t("contest.rubric.col.name")}
          </th>
          <th scope="col" className={th}>
            {t("contest.rubric.col.description")}
          </th>
          <th scope="col" className={`${th} text-right`}>
            {t("contest.rubric.col.weight")}
          </th>
          <th scope="col" className={`${th} text-right`}>
            {t("contest.rubric.col.scale")}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {criteria.map((c, i) => (
          <tr key={c.id ?? i}>
            <th scope="row" className={`${td} whitespace-nowrap text-left font-semibold`}>
              {locale === "en" ? c.name_en : c.name_ja}
              <span className="block text-xs font-normal text-slate-600">{locale === "en" ? c.name_ja : c.name_en}</span>
            </th>
            <td className={td}>{c.description || "—"}</td>
            <td className={`${td} text-right tabular-nums`}>{c.weight}</td>
            <td className={`${td} whitespace-nowrap text-right tabular-nums`}>
              {c.scale_min}–{c.scale_max}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** A definition list of label/value pairs; rows with no value are left out. */
export function FactRows({ rows }: { rows: Array<[ReactNode, ReactNode]> }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== "")
        .map(([label, value], i) => (
          <div key={i} className="grid gap-0.5 py-2">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
    </dl>
  );
}

export interface ProposalText {
  background: string;
  proposal: string;
  expected_effect: string;
  plan: string;
  budget_yen: number | null;
  requested_share_percent: number | null;
  desired_host_name: string | null;
  desired_host_bureau: string | null;
}

/** The proposal as submitted, read-only (members, admins, and the lead once the call has closed). */
export function ProposalContentView({ proposal }: { proposal: ProposalText }) {
  const t = useT();
  const locale = useLocale();
  const empty = t("contest.proposals.notGiven");
  const section = (key: string, text: string) => (
    <section className="space-y-1" aria-labelledby={`pv-${key}`}>
      <h3 id={`pv-${key}`} className="text-sm font-semibold text-slate-800">
        {t(`contest.proposals.field.${key}`)}
      </h3>
      <Prose empty={empty}>{text}</Prose>
    </section>
  );
  return (
    <div className="space-y-5">
      {section("background", proposal.background)}
      {section("proposal", proposal.proposal)}
      {section("expectedEffect", proposal.expected_effect)}
      {section("plan", proposal.plan)}
      <dl className="grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="font-medium text-slate-600">{t("contest.proposals.field.budgetYen")}</dt>
          <dd className="mt-0.5 text-slate-900">{proposal.budget_yen === null ? empty : yen(locale, proposal.budget_yen)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{t("contest.proposals.field.requestedSharePercent")}</dt>
          <dd className="mt-0.5 text-slate-900">{proposal.requested_share_percent === null ? empty : t("contest.proposals.shareValue", { percent: proposal.requested_share_percent })}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{t("contest.proposals.field.desiredHost")}</dt>
          <dd className="mt-0.5 text-slate-900">
            {proposal.desired_host_name
              ? proposal.desired_host_bureau
                ? `${proposal.desired_host_bureau} ${proposal.desired_host_name}`
                : proposal.desired_host_name
              : t("contest.proposals.host.undecided")}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Days left in the call, for 「締切まであと3日」. */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function deadlineText(t: Translate, today: string, closesOn: string): string {
  const left = daysUntil(today, closesOn);
  if (left < 0) return t("contest.proposals.deadline.closed");
  if (left === 0) return t("contest.proposals.deadline.today");
  return t("contest.proposals.deadline.days", { days: left });
}

/** 「締切まであと3日」 as a small highlighted tag; `block` puts it on its own line (narrow side panels). */
export function DeadlinePill({ today, closesOn, block = false }: { today: string; closesOn: string; block?: boolean }) {
  const t = useT();
  return (
    <span className={`${block ? "mt-1 block w-fit" : "ml-2 inline-block"} whitespace-nowrap rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900`}>
      {deadlineText(t, today, closesOn)}
    </span>
  );
}
