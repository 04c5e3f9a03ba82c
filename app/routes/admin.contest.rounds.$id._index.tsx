import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { roundPhase } from "../contest/phase";
import { InvitationBadge, ProposalStatusBadge, RoundPhaseBadge } from "../contest/proposal-components";
import { isContestError } from "../contest/proposal-errors";
import { listRoundProposals } from "../contest/proposals.server";
import { fiscalYearOptions, savedRoundDefaults } from "../contest/round-defaults";
import { RoundForm } from "../contest/round-form";
import { roundFormSchema } from "../contest/round-schemas";
import { getRound, roundHistory, updateRound } from "../contest/rounds.server";
import { getDb } from "../db.server";
import { formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { DataTable, Notice, td, th } from "../ui/Page";
import "../contest/proposals.messages";
import "../contest/rounds.messages";

export const meta: MetaFunction = () => [{ title: "ラウンドの設定 | 職員チャレンジポータル" }];

function parseRoundId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const id = parseRoundId(params.id);
  const db = getDb();
  const round = await getRound(db, id);
  if (!round) notFound();
  const today = todayInTokyo();
  const [proposals, history] = await Promise.all([listRoundProposals(db, id), roundHistory(db, id)]);
  return json({
    round,
    phase: roundPhase(round, today),
    defaults: savedRoundDefaults(round),
    fiscalYears: fiscalYearOptions(today, round.fiscal_year),
    proposals,
    counts: {
      submitted: proposals.filter((p) => p.status === "submitted").length,
      drafts: proposals.filter((p) => p.status === "draft").length,
      withdrawn: proposals.filter((p) => p.status === "withdrawn").length,
    },
    history,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "contest_admin");
  const id = parseRoundId(params.id);
  const t = translator(user.locale);
  const db = getDb();
  if (!(await getRound(db, id))) notFound();
  const formData = await request.formData();
  // A form rendered before the first review still carries the rubric: parse it, and let the command refuse a changed
  // rubric (409) rather than silently dropping what the admin typed. A form rendered locked carries none.
  const postedRubric = [...formData.keys()].some((key) => key.startsWith("criteria["));
  const submission = parseWithZod(formData, { schema: roundFormSchema(t, { rubricLocked: !postedRubric }) });
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const { version, value } = submission.value;
  try {
    await updateRound(db, { ...value, roundId: id, version }, { actorId: user.id, ip: clientIp(context) });
  } catch (error) {
    if (!isContestError(error)) throw error;
    if (error.code === "round_not_found") notFound();
    return json(submission.reply({ formErrors: [t(`contest.proposals.error.${error.code}`)] }), { status: error.status });
  }
  return redirect(`/admin/contest/rounds/${id}?done=saved`);
}

/** Our own actions have a label; another area's entries on the round show their code rather than nothing. */
function auditLabel(t: (key: string) => string, action: string): string {
  const key = `contest.rounds.audit.${action}`;
  const label = t(key);
  return label === key ? action : label;
}

export default function RoundSettings() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const done = params.get("done");
  const { round, proposals, counts } = data;
  return (
    <div className="space-y-8">
      {done === "created" ? <Notice tone="success">{t("contest.rounds.notice.created")}</Notice> : null}
      {done === "saved" ? <Notice tone="success">{t("contest.rounds.notice.saved")}</Notice> : null}

      <section aria-labelledby="proposals-heading">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <h2 id="proposals-heading" className="text-lg font-semibold text-slate-900">
            {t("contest.rounds.proposals.title")}
          </h2>
          <RoundPhaseBadge phase={data.phase} />
          <p className="text-sm text-slate-700">{t("contest.rounds.proposals.counts", counts)}</p>
        </div>
        {proposals.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("contest.rounds.proposals.empty")}</p>
        ) : (
          <DataTable caption={t("contest.rounds.proposals.title")}>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("contest.proposals.field.title")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.lead")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.members")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.status")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.submittedAt")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {proposals.map((p) => (
                <tr key={p.id} data-testid="admin-proposal-row">
                  <td className={td}>
                    <Link to={`/contest/proposals/${p.id}`} className="font-semibold text-brand-700 underline">
                      {p.title}
                    </Link>
                    {p.desired_host_name ? <span className="block text-xs text-slate-600">{t("contest.proposals.desiredHostShort", { unit: p.desired_host_name })}</span> : null}
                  </td>
                  <td className={td}>
                    {p.lead_name}
                    <span className="block text-xs text-slate-600">{p.lead_unit}</span>
                  </td>
                  <td className={td}>
                    {p.members.length === 0 ? (
                      <span className="text-slate-600">{t("contest.proposals.individual")}</span>
                    ) : (
                      <ul className="space-y-1">
                        {p.members.map((m) => (
                          <li key={m.employee_id} className="flex flex-wrap items-center gap-2">
                            <span>{m.name}</span>
                            <InvitationBadge invitation={m.invitation} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className={td}>
                    <ProposalStatusBadge status={p.status} />
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{p.submitted_at ? formatDateTime(p.submitted_at, locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="settings-heading" className="max-w-4xl">
        <h2 id="settings-heading" className="mb-3 text-lg font-semibold text-slate-900">
          {t("contest.rounds.settings.title")}
        </h2>
        <RoundForm
          key={data.defaults.version}
          lastResult={lastResult}
          defaultValue={data.defaults}
          fiscalYears={data.fiscalYears}
          rubricLocked={round.rubricLocked}
          lockedRubric={round.criteria}
          submitLabel={t("contest.rounds.action.save")}
        />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold text-slate-900">
          {t("contest.rounds.history")}
        </h2>
        <ol className="space-y-1 text-sm text-slate-800">
          {data.history.map((entry) => (
            <li key={entry.id}>
              <span className="tabular-nums text-slate-600">{formatDateTime(entry.created_at, locale)}</span>
              <span className="mx-2">{auditLabel(t, entry.action)}</span>
              <span className="text-slate-600">{entry.actor_name ?? ""}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
