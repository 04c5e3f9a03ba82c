import { Link, useLocation } from "@remix-run/react";
import type { ContestOutcome } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import type { SortDir, SortKey } from "./ranking";

// The ranking table of a round: sortable by link (works without JS), the sort state announced with aria-sort.

export interface RankingTableRow {
  proposalId: number;
  position: number;
  reviewsSubmitted: number;
  reviewsAssigned: number;
  weightedMean: number | null;
  criterionMeans: Record<number, number | null>;
  median: number | null;
  spread: number | null;
  normalized: number | null;
  reviewScores: number[];
  flags: { highDisagreement: boolean; missingReviews: boolean };
  proposal: { id: number; title: string; leadName: string; leadUnit: string; members: number; outcome: ContestOutcome | null };
}

export interface RankingCriterionColumn {
  id: number;
  nameJa: string;
  nameEn: string;
  weight: number;
}

export const fixed = (value: number | null, digits = 2) => (value === null ? "—" : value.toFixed(digits));
export const signed = (value: number | null) => (value === null ? "—" : `${value > 0.005 ? "+" : value < -0.005 ? "−" : "±"}${Math.abs(value).toFixed(2)}`);

const thBase = "px-2 py-2 text-left align-bottom font-semibold text-slate-700 bg-slate-50";
const tdBase = "px-2 py-2 align-top text-slate-900";
const num = "text-right tabular-nums whitespace-nowrap";

export function OutcomeBadge({ outcome, t }: { outcome: ContestOutcome | null; t: Translate }) {
  const tone: Record<ContestOutcome | "undecided", string> = {
    adopted: "bg-green-100 text-green-900 ring-green-700/30",
    step_up: "bg-sky-100 text-sky-900 ring-sky-700/30",
    not_adopted: "bg-slate-100 text-slate-800 ring-slate-500/30",
    undecided: "bg-amber-50 text-amber-900 ring-amber-700/30",
  };
  const key = outcome ?? "undecided";
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone[key]}`}>{t(`contest.decision.outcome.${key}`)}</span>;
}

function SortHeader({ label, sortKey, current, t, className = "" }: { label: string; sortKey: SortKey; current: { key: SortKey; dir: SortDir }; t: Translate; className?: string }) {
  const location = useLocation();
  const active = current.key === sortKey;
  const nextDir: SortDir = active ? (current.dir === "desc" ? "asc" : "desc") : sortKey === "reviews" ? "asc" : "desc";
  const params = new URLSearchParams(location.search);
  params.set("sort", sortKey);
  params.set("dir", nextDir);
  params.delete("done");
  params.delete("p");
  return (
    <th scope="col" className={`${thBase} ${className}`} aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        to={`?${params}`}
        preventScrollReset
        className="inline-flex items-center gap-1 text-brand-700 underline decoration-dotted underline-offset-2 hover:text-brand-900"
        aria-label={t("contest.ranking.sortBy", { column: label, dir: t(`contest.ranking.dir.${nextDir}`) })}
      >
        <span>{label}</span>
        <span aria-hidden="true" className="text-xs">
          {active ? (current.dir === "desc" ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </th>
  );
}

export function RankingTable({
  rows,
  criteria,
  sort,
  t,
  locale,
}: {
  rows: RankingTableRow[];
  criteria: RankingCriterionColumn[];
  sort: { key: SortKey; dir: SortDir };
  t: Translate;
  locale: Locale;
}) {
  const sortLabel = t(`contest.ranking.col.${sort.key}`);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="ranking-table">
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-800">
          {t("contest.ranking.caption", { column: sortLabel, dir: t(`contest.ranking.dir.${sort.dir}`) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={`${thBase} ${num}`}>
              {t("contest.ranking.col.position")}
            </th>
            <th scope="col" className={`${thBase} min-w-[11rem]`}>
              {t("contest.ranking.col.proposal")}
            </th>
            <SortHeader label={t("contest.ranking.col.weighted")} sortKey="weighted" current={sort} t={t} className={num} />
            <SortHeader label={t("contest.ranking.col.normalized")} sortKey="normalized" current={sort} t={t} className={num} />
            <SortHeader label={t("contest.ranking.col.median")} sortKey="median" current={sort} t={t} className={num} />
            <SortHeader label={t("contest.ranking.col.spread")} sortKey="spread" current={sort} t={t} className={num} />
            {criteria.map((c) => (
              <th key={c.id} scope="col" className={`${thBase} text-right text-xs font-medium`}>
                <span className="block whitespace-nowrap">{locale === "en" ? c.nameEn : c.nameJa}</span>
                <span className="block whitespace-nowrap font-normal text-slate-600">{t("contest.ranking.weight", { weight: c.weight })}</span>
              </th>
            ))}
            <SortHeader label={t("contest.ranking.col.reviews")} sortKey="reviews" current={sort} t={t} className={num} />
            <th scope="col" className={thBase}>
              {t("contest.ranking.col.outcome")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.proposalId} data-proposal-id={row.proposalId}>
              <td className={`${tdBase} ${num} font-semibold`}>{row.position}</td>
              <th scope="row" className={`${tdBase} text-left font-normal`}>
                <a href={`#decision-${row.proposalId}`} className="font-semibold text-brand-700 underline hover:text-brand-900">
                  {row.proposal.title}
                </a>
                <span className="mt-0.5 block text-xs text-slate-600">
                  {row.proposal.members > 0
                    ? t("contest.ranking.leadWithMembers", { name: row.proposal.leadName, unit: row.proposal.leadUnit, count: row.proposal.members })
                    : t("contest.ranking.lead", { name: row.proposal.leadName, unit: row.proposal.leadUnit })}
                </span>
                {row.flags.highDisagreement || row.flags.missingReviews ? (
                  <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("contest.ranking.col.flags")}>
                    {row.flags.highDisagreement ? (
                      <li className="whitespace-nowrap rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-700/30">{t("contest.ranking.flag.disagreement")}</li>
                    ) : null}
                    {row.flags.missingReviews ? (
                      <li className="whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-inset ring-amber-700/30">
                        {t("contest.ranking.flag.missing", { count: row.reviewsAssigned - row.reviewsSubmitted })}
                      </li>
                    ) : null}
                  </ul>
                ) : null}
              </th>
              <td className={`${tdBase} ${num} font-semibold`} data-col="weighted">
                {fixed(row.weightedMean)}
              </td>
              <td className={`${tdBase} ${num}`} data-col="normalized">
                {signed(row.normalized)}
              </td>
              <td className={`${tdBase} ${num}`}>{fixed(row.median)}</td>
              <td className={`${tdBase} ${num}`}>
                <span className={row.flags.highDisagreement ? "font-semibold text-red-800" : undefined}>{fixed(row.spread)}</span>
                {row.reviewScores.length > 1 ? (
                  <span className="block text-xs text-slate-600" title={t("contest.ranking.reviewScores")}>
                    {row.reviewScores.map((s) => s.toFixed(1)).join(" / ")}
                  </span>
                ) : null}
              </td>
              {criteria.map((c) => (
                <td key={c.id} className={`${tdBase} ${num} bg-slate-50/50 text-slate-700`}>
                  {fixed(row.criterionMeans[c.id] ?? null, 1)}
                </td>
              ))}
              <td className={`${tdBase} text-right`}>
                <span className={`tabular-nums whitespace-nowrap ${row.flags.missingReviews ? "font-semibold text-amber-800" : ""}`}>
                  {row.reviewsSubmitted} / {row.reviewsAssigned}
                </span>
              </td>
              <td className={tdBase}>
                <OutcomeBadge outcome={row.proposal.outcome} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
