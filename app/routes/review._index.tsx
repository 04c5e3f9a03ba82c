import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "../auth/permissions.server";
import { declareConflict } from "../contest/conflicts.server";
import { DeclareConflictForm, fiscalYearSuffix, ProgressBadge, WindowBadge, WindowText } from "../contest/ReviewParts";
import { isReviewError } from "../contest/review-errors";
import { declareConflictSchema, reviewWindowState } from "../contest/review-schemas";
import { listMyAssignments, type MyAssignment } from "../contest/reviews.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../contest/review.messages";

export const meta: MetaFunction = () => [{ title: "審査 | 職員チャレンジポータル" }];

// A reviewer's assignments, by round. Only proposals without a conflict of interest are listed.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const today = todayInTokyo();
  const items = await listMyAssignments(getDb(), user.id);
  const rounds: Array<{ id: number; title: string; fiscalYear: number; reviewOpensOn: string; reviewClosesOn: string; window: ReturnType<typeof reviewWindowState>; items: MyAssignment[] }> = [];
  for (const item of items) {
    let round = rounds.find((r) => r.id === item.roundId);
    if (!round) {
      round = {
        id: item.roundId,
        title: item.roundTitle,
        fiscalYear: item.fiscalYear,
        reviewOpensOn: item.reviewOpensOn,
        reviewClosesOn: item.reviewClosesOn,
        window: reviewWindowState({ review_opens_on: item.reviewOpensOn, review_closes_on: item.reviewClosesOn }, today),
        items: [],
      };
      rounds.push(round);
    }
    round.items.push(item);
  }
  return json({ rounds, today });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const t = translator(user.locale);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: declareConflictSchema(t) });
  const proposalId = Number(formData.get("proposalId")) || 0;
  if (submission.status !== "success") return json({ proposalId, result: submission.reply() }, { status: 400 });
  try {
    await declareConflict(getDb(), { proposalId: submission.value.proposalId, reason: submission.value.reason }, { actorId: user.id, ip: clientIp(context) });
  } catch (error) {
    if (!isReviewError(error)) throw error;
    return json({ proposalId, result: submission.reply({ formErrors: [t(`contest.review.error.${error.code}`)] }) }, { status: error.status });
  }
  return redirect("/review?done=declared");
}

export default function ReviewList() {
  const { rounds, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader title={t("contest.review.list.title")} lead={t("contest.review.list.lead")} />
      {params.get("done") === "declared" ? <Notice tone="success">{t("contest.review.done.declared")}</Notice> : null}
      {rounds.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">{t("contest.review.list.empty")}</div>
      ) : (
        <div className="space-y-8">
          {rounds.map((round) => {
            const done = round.items.filter((i) => i.progress === "submitted").length;
            return (
              <section key={round.id} aria-labelledby={`round-${round.id}`} data-round-id={round.id}>
                <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
                  <div>
                    <h2 id={`round-${round.id}`} className="text-lg font-semibold text-slate-900">
                      {round.title}
                      {fiscalYearSuffix(round.title, round.fiscalYear, locale) ? (
                        <span className="ml-2 text-sm font-normal text-slate-600">{fiscalYearSuffix(round.title, round.fiscalYear, locale)}</span>
                      ) : null}
                    </h2>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                      <WindowBadge window={round.window} t={t} />
                      <span>
                        {t("contest.review.labelled", { label: t("contest.review.field.window") })}
                        <WindowText opensOn={round.reviewOpensOn} closesOn={round.reviewClosesOn} today={today} t={t} locale={locale} />
                      </span>
                    </p>
                  </div>
                  <p className="text-sm text-slate-700">{t("contest.review.list.progress", { done, total: round.items.length })}</p>
                </div>
                <DataTable caption={t("contest.review.list.caption", { round: round.title })}>
                  <thead>
                    <tr>
                      <th scope="col" className={th}>{t("contest.review.col.proposal")}</th>
                      <th scope="col" className={`${th} w-28`}>{t("contest.review.col.status")}</th>
                      <th scope="col" className={`${th} w-44`}>{t("contest.review.col.updated")}</th>
                      <th scope="col" className={`${th} w-32`}>
                        <span className="sr-only">{t("contest.review.col.action")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100" data-testid="my-assignments">
                    {round.items.map((item) => (
                      <tr key={item.proposalId} data-proposal-id={item.proposalId}>
                        <td className={td}>
                          <Link to={`/review/proposals/${item.proposalId}`} className="font-semibold text-brand-700 underline hover:text-brand-900">
                            {item.title}
                          </Link>
                          {item.progress !== "submitted" ? (
                            <DeclareConflictForm
                              proposalId={item.proposalId}
                              t={t}
                              compact
                              lastResult={actionData && actionData.proposalId === item.proposalId ? actionData.result : undefined}
                            />
                          ) : null}
                        </td>
                        <td className={td}>
                          <ProgressBadge progress={item.progress} t={t} />
                        </td>
                        <td className={`${td} whitespace-nowrap text-slate-700`}>{item.updatedAt ? formatDateTime(item.updatedAt, locale) : "—"}</td>
                        <td className={`${td} text-right`}>
                          <Link
                            to={`/review/proposals/${item.proposalId}`}
                            className={`inline-block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-semibold shadow-sm ${
                              round.window === "open" && item.progress !== "submitted"
                                ? "bg-brand-700 text-white hover:bg-brand-800"
                                : "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50"
                            }`}
                          >
                            {round.window === "open" ? (item.progress === "submitted" ? t("contest.review.action.edit") : t("contest.review.action.review")) : t("contest.review.action.view")}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
