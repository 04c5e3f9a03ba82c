import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { parseId } from "../applications/http.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { decideSchema, decisionErrorMessage, isContestDecisionError } from "../contest/decision-schemas";
import { decideOutcome, publishResults } from "../contest/decisions.server";
import { DecisionCard } from "../contest/DecisionForm";
import { chooseDecision, isSortKey, RANKING_PAGE_SIZE, rankingPage, type SortDir } from "../contest/ranking";
import { loadRanking, tablePage } from "../contest/ranking.server";
import { decideHref, RankingTable } from "../contest/RankingTable";
import { getDb } from "../db.server";
import { formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Notice } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import "../contest/decisions.messages";

export const meta: MetaFunction = () => [{ title: "順位と採否の決定 | 職員チャレンジポータル" }];

function sortFrom(url: URL) {
  const sortParam = url.searchParams.get("sort");
  const dirParam = url.searchParams.get("dir");
  const key = isSortKey(sortParam) ? sortParam : "weighted";
  const dir: SortDir | undefined = dirParam === "asc" || dirParam === "desc" ? dirParam : undefined;
  return { key, dir };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const roundId = parseId(params.id);
  const url = new URL(request.url);
  const data = await loadRanking(getDb(), roundId, sortFrom(url), request);
  if (!data) notFound();
  const today = todayInTokyo();
  const done = url.searchParams.get("done");
  const decidedId = Number(url.searchParams.get("p")) || null;
  const requestedId = Number(url.searchParams.get("decide")) || null;
  // One decision form on the page: the proposal chosen in the table, else the one just saved, else the first
  // undecided one in the table's order.
  const choice = chooseDecision(data.rows, requestedId ?? decidedId);
  const selected = choice.index >= 0 ? data.rows[choice.index] : null;
  const shownSelected = choice.index >= 0 ? data.tableRows[choice.index] : null;
  // The table shows 50 rows a page (?all=1: every row); the order, positions and counts are the whole round's.
  const all = url.searchParams.get("all") === "1";
  const pageParam = url.searchParams.get("page");
  const table = all
    ? { page: 1, pages: 1, from: 0, to: data.rows.length }
    : rankingPage({ total: data.rows.length, page: pageParam === null ? null : Number(pageParam), selectedIndex: choice.requested ? choice.index : null });
  return json({
    round: data.round,
    counts: data.counts,
    criteria: data.criteria,
    sort: data.sort,
    threshold: data.threshold,
    reviewsSubmitted: data.reviewsSubmitted,
    total: data.rows.length,
    table: { page: table.page, pages: table.pages, from: table.from + 1, to: table.to, all },
    // The table needs only some fields of each proposal; the chosen one's feedback and history come with `decision`.
    rows: tablePage(data.tableRows, table.from, table.to),
    decision: selected && shownSelected
      ? {
          proposal: selected.proposal,
          position: selected.position,
          weightedMean: shownSelected.weightedMean,
          normalized: shownSelected.normalized,
          requested: choice.requested && requestedId !== null,
          previousId: data.rows[choice.index - 1]?.proposalId ?? null,
          nextId: data.rows[choice.index + 1]?.proposalId ?? null,
          nextUndecidedId: choice.nextUndecidedId,
        }
      : null,
    today,
    published: data.round.results_published_at !== null,
    canPublishToday: today >= data.round.results_on,
    notice: done === "decided" || done === "published" ? { done, title: data.rows.find((r) => r.proposalId === decidedId)?.proposal.title ?? "" } : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "contest_admin");
  const roundId = parseId(params.id);
  const t = translator(user.locale);
  const db = getDb();
  const url = new URL(request.url);
  const back = new URLSearchParams();
  for (const key of ["sort", "dir", "all"]) {
    const value = url.searchParams.get(key);
    if (value) back.set(key, value);
  }
  const formData = await request.formData();
  const ctx = { actorId: user.id, ip: clientIp(context) };

  if (formData.get("intent") === "publish") {
    try {
      await publishResults(db, { roundId }, ctx);
    } catch (error) {
      if (!isContestDecisionError(error)) throw error;
      if (error.code === "not_found") notFound();
      const details = error.details.resultsOn ? { ...error.details, resultsOn: formatDate(error.details.resultsOn, user.locale) } : error.details;
      return json({ intent: "publish" as const, proposalId: null, overQuota: false, result: null, error: decisionErrorMessage(t, { code: error.code, details }) }, { status: error.status });
    }
    back.set("done", "published");
    return redirect(`/admin/contest/rounds/${roundId}/ranking?${back}`);
  }

  const submission = parseWithZod(formData, { schema: decideSchema(t) });
  const proposalId = Number(formData.get("proposalId")) || null;
  if (submission.status !== "success") return json({ intent: "decide" as const, proposalId, overQuota: false, result: submission.reply(), error: null }, { status: 400 });
  const value = submission.value;
  // The proposal must belong to this round's page; anything else does not exist here.
  const owner = await db.selectFrom("contest_proposals").select("round_id").where("id", "=", value.proposalId).executeTakeFirst();
  if (!owner || owner.round_id !== roundId) notFound();
  try {
    await decideOutcome(db, { proposalId: value.proposalId, outcome: value.outcome, feedback: value.feedback ?? null, confirmOverQuota: value.confirmOverQuota === "on" }, ctx);
  } catch (error) {
    if (!isContestDecisionError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json(
      { intent: "decide" as const, proposalId: value.proposalId, overQuota: error.code === "over_quota", result: submission.reply({ formErrors: [decisionErrorMessage(t, error)] }), error: null },
      { status: error.status },
    );
  }
  back.set("done", "decided");
  back.set("p", String(value.proposalId));
  return redirect(`/admin/contest/rounds/${roundId}/ranking?${back}#decision-${value.proposalId}`);
}

export default function RankingTab() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const t = useT();
  const locale = useLocale();
  const { round, counts, rows, criteria, sort, published, decision } = data;
  const publishing = navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";
  const overAdopted = counts.adopted > round.quota_adopted;
  const overStepUp = counts.step_up > round.quota_step_up;
  const quotaFull = counts.adopted >= round.quota_adopted || counts.step_up >= round.quota_step_up;
  const blockers = [
    !data.canPublishToday ? t("contest.publish.blocked.date", { date: formatDate(round.results_on, locale) }) : null,
    counts.undecided > 0 ? t("contest.publish.blocked.undecided", { count: counts.undecided }) : null,
  ].filter((b): b is string => b !== null);
  const hrefFor = decideHref(location.search, location.pathname, { keepPage: false });
  const done = new URLSearchParams(location.search).get("done") ?? "";
  const lastDecide = actionData?.intent === "decide" && decision && actionData.proposalId === decision.proposal.id ? actionData : null;

  return (
    <div className="space-y-8">
      {data.notice?.done === "decided" ? <Notice tone="success">{t("contest.decision.saved", { title: data.notice.title })}</Notice> : null}
      {data.notice?.done === "published" ? <Notice tone="success">{t("contest.publish.done")}</Notice> : null}

      <section aria-labelledby="quota-title" className="grid items-start gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="quota-title" className="text-lg font-semibold text-slate-900">
            {t("contest.quota.title")}
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
            <QuotaStat label={t("contest.decision.outcome.adopted")} value={counts.adopted} quota={round.quota_adopted} over={overAdopted} t={t} />
            <QuotaStat label={t("contest.decision.outcome.step_up")} value={counts.step_up} quota={round.quota_step_up} over={overStepUp} t={t} />
            <QuotaStat label={t("contest.decision.outcome.not_adopted")} value={counts.not_adopted} t={t} />
            <QuotaStat label={t("contest.decision.outcome.undecided")} value={counts.undecided} warn={counts.undecided > 0} t={t} />
          </dl>
          {overAdopted || overStepUp ? <p className="mt-3 text-sm font-medium text-red-800">{t("contest.quota.overNote")}</p> : null}
        </div>

        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="publish-card">
          <h2 className="text-lg font-semibold text-slate-900">{t("contest.publish.title")}</h2>
          {published ? (
            <>
              <p className="mt-2 text-sm text-slate-800">{t("contest.publish.publishedAt", { at: formatDateTime(round.results_published_at, locale) })}</p>
              <p className="mt-1 text-sm text-slate-700">{t("contest.publish.lockedNote")}</p>
              <Link to={`/admin/contest/rounds/${round.id}/projects`} className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">
                {t("contest.publish.toProjects")}
              </Link>
            </>
          ) : (
            <Form method="post" className="mt-2 space-y-3">
              <input type="hidden" name="intent" value="publish" />
              <p className="text-sm text-slate-700">{t("contest.publish.lead", { date: formatDate(round.results_on, locale) })}</p>
              {blockers.length > 0 ? (
                <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900" id="publish-blockers">
                  {blockers.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              ) : null}
              {actionData?.intent === "publish" && actionData.error ? <FormError errors={[actionData.error]} /> : null}
              <Button type="submit" disabled={publishing || blockers.length > 0} aria-describedby={blockers.length > 0 ? "publish-blockers" : undefined}>
                {t("contest.publish.button")}
              </Button>
            </Form>
          )}
        </div>
      </section>

      {data.total > 0 ? (
        <section aria-labelledby="decisions-title">
          <h2 id="decisions-title" className="mb-1 text-lg font-semibold text-slate-900">
            {t("contest.decision.title")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{published ? t("contest.decision.lockedLead") : t("contest.decision.lead")}</p>
          {decision ? (
            <>
              <DecisionCard
                key={`${decision.proposal.id}-${decision.proposal.outcome ?? ""}-${decision.proposal.decidedAt ?? ""}-${done}`}
                proposal={decision.proposal}
                position={decision.position}
                weightedMean={decision.weightedMean}
                normalized={decision.normalized}
                locked={published}
                quotaFull={quotaFull}
                lastResult={lastDecide ? lastDecide.result : null}
                overQuotaRefused={lastDecide ? lastDecide.overQuota : false}
                focusOnMount={decision.requested}
                action={decideHref(location.search, location.pathname)(decision.proposal.id).replace(/#.*$/, "")}
                t={t}
                locale={locale}
              />
              <nav aria-label={t("contest.decision.nav")} className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
                {decision.previousId !== null ? (
                  <Link to={hrefFor(decision.previousId)} className="text-brand-700 underline">
                    {t("contest.decision.nav.previous")}
                  </Link>
                ) : null}
                {decision.nextId !== null ? (
                  <Link to={hrefFor(decision.nextId)} className="text-brand-700 underline">
                    {t("contest.decision.nav.next")}
                  </Link>
                ) : null}
                {!published && decision.nextUndecidedId !== null ? (
                  <Link to={hrefFor(decision.nextUndecidedId)} className="font-semibold text-brand-700 underline">
                    {t("contest.decision.nav.nextUndecided")}
                  </Link>
                ) : null}
                {rows.some((r) => r.proposalId === decision.proposal.id) ? (
                  <a href={`#rank-${decision.proposal.id}`} className="text-brand-700 underline">
                    {t("contest.decision.nav.inTable")}
                  </a>
                ) : (
                  <Link to={decideHref(location.search, location.pathname, { keepPage: false, hash: "rank" })(decision.proposal.id)} className="text-brand-700 underline">
                    {t("contest.decision.nav.inTable")}
                  </Link>
                )}
              </nav>
            </>
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700" data-testid="decision-hint">
              {t("contest.decision.choose")}
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="ranking-title">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
          <h2 id="ranking-title" className="text-lg font-semibold text-slate-900">
            {t("contest.ranking.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("contest.ranking.summary", { proposals: data.total, reviews: data.reviewsSubmitted })}</p>
        </div>
        {data.total === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("contest.ranking.empty")}</p>
        ) : (
          <>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-700">
              <p>{t("contest.ranking.chooseHint")}</p>
              <p>
                {data.table.all ? t("contest.ranking.showingAll", { total: data.total }) : t("contest.ranking.showing", { from: data.table.from, to: data.table.to, total: data.total })}
                {data.table.all || data.table.pages > 1 ? (
                  <Link to={allToggleHref(location.search, !data.table.all)} className="ml-3 text-brand-700 underline">
                    {data.table.all ? t("contest.ranking.paged", { size: RANKING_PAGE_SIZE }) : t("contest.ranking.all")}
                  </Link>
                ) : null}
              </p>
            </div>
            <RankingTable rows={rows} criteria={criteria} sort={sort} selectedId={decision?.proposal.id ?? null} t={t} locale={locale} />
            <Pagination page={data.table.page} pages={data.table.pages} />
            <div className="mt-3 space-y-1 text-xs text-slate-700">
              <p>{t("contest.ranking.help.weighted")}</p>
              <p>{t("contest.ranking.help.normalized")}</p>
              <p>{t("contest.ranking.help.flags", { threshold: data.threshold.toFixed(1) })}</p>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

/** The same page with every row of the table (?all=1) or back to pages of 50. */
function allToggleHref(search: string, all: boolean): string {
  const params = new URLSearchParams(search);
  for (const key of ["page", "done", "p"]) params.delete(key);
  if (all) params.set("all", "1");
  else params.delete("all");
  return `?${params}`;
}

function QuotaStat({ label, value, quota, over, warn, t }: { label: string; value: number; quota?: number; over?: boolean; warn?: boolean; t: ReturnType<typeof useT> }) {
  return (
    <div className={`rounded-md border p-3 ${over ? "border-red-700 bg-red-50" : warn ? "border-amber-600 bg-amber-50" : "border-slate-200 bg-slate-50"}`}>
      <dt className="text-xs font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-xl font-bold tabular-nums text-slate-900">
        {value}
        {quota !== undefined ? <span className="text-sm font-normal text-slate-700"> {t("contest.quota.of", { quota })}</span> : null}
        {over ? <span className="ml-2 text-xs font-semibold text-red-800">{t("contest.quota.over")}</span> : null}
      </dd>
    </div>
  );
}
