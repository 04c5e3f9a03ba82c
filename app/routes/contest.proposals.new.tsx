import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { isBeforeCallClose, isCallOpen } from "../contest/phase";
import { DeadlinePill, period, RubricTable } from "../contest/proposal-components";
import { isContestError } from "../contest/proposal-errors";
import { proposalFormSchema } from "../contest/proposal-schemas";
import { ProposalForm } from "../contest/ProposalForm";
import { createProposal, submitProposal } from "../contest/proposals.server";
import { getRoundForProposers, inTransaction } from "../contest/rounds.server";
import { getDb } from "../db.server";
import { formatDate, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { listDepartmentOptions } from "../people/directory.server";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../contest/proposals.messages";

export const meta: MetaFunction = () => [{ title: "提案の作成 | 職員チャレンジポータル" }];

async function loadRound(request: Request) {
  const raw = new URL(request.url).searchParams.get("round");
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  const round = await getRoundForProposers(getDb(), id);
  if (!round) notFound();
  return round;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const round = await loadRound(request);
  const today = todayInTokyo();
  return json({
    round,
    today,
    open: isCallOpen(round, today),
    closed: !isBeforeCallClose(round, today),
    departments: await listDepartmentOptions(getDb()),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const round = await loadRound(request);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: proposalFormSchema(t) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { intent, value } = submission.value;
  const ctx = { actorId: user.id, ip: clientIp(context) };
  try {
    // Create and submit together: if submitting is refused (say the call has not opened), nothing is kept and the
    // form comes back with what was typed, so the user can save it as a draft instead.
    const { id } = await inTransaction(getDb(), async (trx) => {
      const created = await createProposal(trx, { ...value, roundId: round.id }, ctx);
      if (intent === "submit") await submitProposal(trx, { proposalId: created.id }, ctx);
      return created;
    });
    return redirect(`/contest/proposals/${id}?done=${intent === "submit" ? "submitted" : "created"}`);
  } catch (error) {
    if (isContestError(error)) return json(submission.reply({ formErrors: [t(`contest.proposals.error.${error.code}`)] }), { status: error.status });
    throw error;
  }
}

export default function NewProposal() {
  const { round, today, open, closed, departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader
        title={t("contest.proposals.new.title")}
        lead={round.title}
        actions={
          <Link to="/contest" className="text-sm text-brand-700 underline">
            {t("contest.proposals.backToContest")}
          </Link>
        }
      />
      {closed ? <Notice tone="warning">{t("contest.proposals.new.closed", { date: formatDate(round.call_closes_on, locale) })}</Notice> : null}
      {!closed && !open ? <Notice tone="info">{t("contest.proposals.new.notYetOpen", { date: formatDate(round.call_opens_on, locale) })}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0">
          {closed ? null : (
            <>
              <p className="mb-4 text-sm text-slate-700">{t("contest.proposals.new.lead")}</p>
              <ProposalForm
                lastResult={lastResult}
                departments={departments}
                canSubmit={open}
                submitHint={open ? null : t("contest.proposals.submit.notYetOpen", { date: formatDate(round.call_opens_on, locale) })}
              />
            </>
          )}
        </div>
        <aside className="space-y-6">
          <Card title={t("contest.proposals.side.schedule")}>
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="font-medium text-slate-600">{t("contest.proposals.home.callWindow")}</dt>
                <dd>
                  {period(locale, round.call_opens_on, round.call_closes_on)}
                  {open ? <DeadlinePill today={today} closesOn={round.call_closes_on} block /> : null}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t("contest.proposals.side.review")}</dt>
                <dd>{period(locale, round.review_opens_on, round.review_closes_on)}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t("contest.proposals.side.results")}</dt>
                <dd>{formatDate(round.results_on, locale)}</dd>
              </div>
            </dl>
          </Card>
          {round.guidance ? (
            <Card title={t("contest.proposals.home.guidance")}>
              <p className="whitespace-pre-wrap text-sm leading-7 text-slate-800">{round.guidance}</p>
            </Card>
          ) : null}
          <Card title={t("contest.rubric.title")}>
            <p className="mb-2 text-sm text-slate-600">{t("contest.rubric.lead")}</p>
            <RubricTable criteria={round.criteria} caption={t("contest.rubric.caption", { title: round.title })} compact />
          </Card>
        </aside>
      </div>
    </div>
  );
}
