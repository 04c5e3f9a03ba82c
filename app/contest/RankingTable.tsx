import { Link, useLocation } from "@remix-run/react";
import type { ContestOutcome } from "../../db/schema";
import type { Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { useDelegatedLinks } from "../ui/delegated-links";
import type { SortDir, SortKey } from "./ranking";
import { rankingRowsHtmlFor } from "./ranking-rows-html";
import "./decisions.messages";

export { fixed, signed } from "./ranking-rows-html";

// The ranking table of a round: sortable by link (works without JS), the sort state announced with aria-sort; each
// proposal's title opens its decision form (?decide=<id>) — one form on the page, not one per proposal.

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


const thBase = "px-2 py-2 text-left align-bottom font-semibold text-slate-700 bg-slate-50";
const num = "text-right tabular-nums whitespace-nowrap";

const outcomeTone: Record<ContestOutcome | "undecided", string> = {
  adopted: "bg-green-100 text-green-900 ring-green-700/30",
  step_up: "bg-sky-100 text-sky-900 ring-sky-700/30",
  not_adopted: "bg-slate-100 text-slate-800 ring-slate-500/30",
  undecided: "bg-amber-50 text-amber-900 ring-amber-700/30",
};

export function OutcomeBadge({ outcome, t }: { outcome: ContestOutcome | null; t: Translate }) {
  const key = outcome ?? "undecided";
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${outcomeTone[key]}`}>{t(`contest.decision.outcome.${key}`)}</span>;
}

function SortHeader({ label, sortKey, current, t, className = "" }: { label: string; sortKey: SortKey; current: { key: SortKey; dir: SortDir }; t: Translate; className?: string }) {
  const location = useLocation();
  const active = current.key === sortKey;
  const nextDir: SortDir = active ? (current.dir === "desc" ? "asc" : "desc") : sortKey === "reviews" ? "asc" : "desc";
  const params = new URLSearchParams(location.search);
  params.set("sort", sortKey);
  params.set("dir", nextDir);
  // A new order starts at the page holding the chosen proposal (or the first page).
  for (const key of ["done", "p", "page"]) params.delete(key);
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

/**
 * Links to the same page (sort kept) with one proposal's decision form: `decideHref(search, path)(id)` →
 * `path?decide=<id>&sort=…#decision-<id>`. The query is parsed once, not once per row. `keepPage: false` drops
 * the table page, so the table shows the page holding that proposal.
 */
export function decideHref(search: string, pathname = "", options: { keepPage?: boolean; hash?: "decision" | "rank" } = {}): (proposalId: number) => string {
  const params = new URLSearchParams(search);
  for (const key of ["decide", "done", "p"]) params.delete(key);
  if (options.keepPage === false) params.delete("page");
  const rest = params.toString();
  const hash = options.hash ?? "decision";
  return (proposalId) => `${pathname}?decide=${proposalId}${rest ? `&${rest}` : ""}#${hash}-${proposalId}`;
}

// The styles of the body cells live on the table (arbitrary variants), written once rather than on each row's
// 14 cells: the page stays small and cheap to render. Body cells are numeric (right-aligned) except the outcome,
// the last one; a row's title cell holds the link and the lead line (<p>); the outcome badge is a span[data-o].
const tableClass = [
  "ranking-table min-w-full divide-y divide-slate-200 text-sm",
  "[&_tbody_td]:px-2 [&_tbody_td]:py-2 [&_tbody_td]:align-top [&_tbody_td]:text-right [&_tbody_td]:tabular-nums [&_tbody_td]:whitespace-nowrap [&_tbody_td]:text-slate-900",
  "[&_tbody_td:last-child]:text-left [&_tbody_td:nth-child(1)]:font-semibold [&_tbody_td:nth-child(3)]:font-semibold",
  "[&_tbody_td>div]:text-xs [&_tbody_td>div]:font-normal [&_tbody_td>div]:text-slate-600",
  "[&_tbody_th]:px-2 [&_tbody_th]:py-2 [&_tbody_th]:text-left [&_tbody_th]:align-top [&_tbody_th]:font-normal [&_tbody_th]:text-slate-900",
  "[&_tbody_th>a]:font-semibold [&_tbody_th>a]:text-brand-700 [&_tbody_th>a]:underline [&_tbody_th>a:hover]:text-brand-900 [&_tbody_th>p]:mt-0.5 [&_tbody_th>p]:text-xs [&_tbody_th>p]:text-slate-600",
].join(" ");

export function RankingTable({
  rows,
  criteria,
  sort,
  selectedId = null,
  t,
  locale,
}: {
  rows: RankingTableRow[];
  criteria: RankingCriterionColumn[];
  sort: { key: SortKey; dir: SortDir };
  /** The proposal whose decision form is shown (its row is marked). */
  selectedId?: number | null;
  t: Translate;
  locale: Locale;
}) {
  const location = useLocation();
  // Relative links (?decide=…): this same page, resolved by the browser.
  const hrefFor = decideHref(location.search);
  const onClick = useDelegatedLinks();
  const sortLabel = t(`contest.ranking.col.${sort.key}`);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass} data-testid="ranking-table">
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-800">
          {t("contest.ranking.caption", { column: sortLabel, dir: t(`contest.ranking.dir.${sort.dir}`) })}
        </caption>
        <colgroup>
          <col span={6} />
          {criteria.length > 0 ? <col span={criteria.length} className="bg-slate-50/50" /> : null}
          <col span={2} />
        </colgroup>
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
        <tbody className="divide-y divide-slate-100" onClick={onClick} dangerouslySetInnerHTML={{ __html: rankingRowsHtmlFor(rows, criteria, { selectedId, hrefFor, t }, `${selectedId}|${locale}|${location.search}`) }} />
      </table>
    </div>
  );
}
