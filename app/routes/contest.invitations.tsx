import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { listMyInvitations, respondToInvitation } from "../contest/members.server";
import { InvitationBadge } from "../contest/proposal-components";
import { isContestError } from "../contest/proposal-errors";
import { getDb } from "../db.server";
import { formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../contest/proposals.messages";

export const meta: MetaFunction = () => [{ title: "メンバーへの招待 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = todayInTokyo();
  return json({ today, ...(await listMyInvitations(getDb(), user.id, today)) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(user.locale);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const proposalId = Number(formData.get("proposalId"));
  if ((intent !== "accept" && intent !== "decline") || !Number.isInteger(proposalId) || proposalId <= 0) {
    return json({ proposalId: null, message: t("contest.proposals.error.invitation_not_found") }, { status: 400 });
  }
  try {
    await respondToInvitation(getDb(), { proposalId, response: intent === "accept" ? "accepted" : "declined" }, { actorId: user.id, ip: clientIp(context) });
  } catch (error) {
    if (!isContestError(error)) throw error;
    // Not one's own invitation reads the same as a gone one: nothing about other proposals is revealed.
    const code = error.code === "not_found" ? "invitation_not_found" : error.code;
    return json({ proposalId, message: t(`contest.proposals.error.${code}`) }, { status: code === "invitation_not_found" ? 409 : error.status });
  }
  return redirect(intent === "accept" ? `/contest/proposals/${proposalId}?done=accepted` : "/contest/invitations?done=declined");
}

export default function Invitations() {
  const { pending, answered } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t("contest.invitations.title")}
        lead={t("contest.invitations.lead")}
        actions={
          <Link to="/contest" className="text-sm text-brand-700 underline">
            {t("contest.proposals.backToContest")}
          </Link>
        }
      />
      {params.get("done") === "declined" ? <Notice tone="success">{t("contest.invitations.notice.declined")}</Notice> : null}
      {actionData?.message ? <Notice tone="error">{actionData.message}</Notice> : null}

      <section aria-labelledby="pending-heading" className="mb-8">
        <h2 id="pending-heading" className="mb-3 text-lg font-semibold text-slate-900">
          {t("contest.invitations.pending")}
        </h2>
        {pending.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("contest.invitations.none")}</p> : null}
        <ul className="space-y-4">
          {pending.map((i) => (
            <li key={i.proposal_id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="invitation">
              <h3 className="text-base font-semibold text-slate-900">
                <Link to={`/contest/proposals/${i.proposal_id}`} className="text-brand-700 underline">
                  {i.title}
                </Link>
              </h3>
              <p className="mt-1 text-sm text-slate-700">
                {t("contest.invitations.from", { lead: i.lead_name, unit: i.lead_unit })}・{i.round_title}
              </p>
              <p className="mt-1 text-sm text-slate-700">
                {i.answerable ? t("contest.invitations.deadline", { date: formatDate(i.call_closes_on, locale) }) : t("contest.invitations.expired", { date: formatDate(i.call_closes_on, locale) })}
              </p>
              {i.answerable ? (
                <Form method="post" className="mt-3 flex flex-wrap gap-3">
                  <input type="hidden" name="proposalId" value={i.proposal_id} />
                  <Button type="submit" name="intent" value="accept" disabled={busy}>
                    {t("contest.invitations.accept")}
                    <span className="sr-only">{t("contest.invitations.which", { title: i.title })}</span>
                  </Button>
                  <Button type="submit" name="intent" value="decline" variant="secondary" disabled={busy}>
                    {t("contest.invitations.decline")}
                    <span className="sr-only">{t("contest.invitations.which", { title: i.title })}</span>
                  </Button>
                  <Link to={`/contest/proposals/${i.proposal_id}`} className="self-center text-sm text-brand-700 underline">
                    {t("contest.invitations.read")}
                  </Link>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {pending.length > 0 ? <p className="mt-3 text-xs text-slate-600">{t("contest.invitations.declineNote")}</p> : null}
      </section>

      {answered.length > 0 ? (
        <section aria-labelledby="answered-heading">
          <h2 id="answered-heading" className="mb-3 text-lg font-semibold text-slate-900">
            {t("contest.invitations.answered")}
          </h2>
          <DataTable caption={t("contest.invitations.answered")}>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("contest.proposals.field.title")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.proposals.col.lead")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.invitations.col.answer")}
                </th>
                <th scope="col" className={th}>
                  {t("contest.invitations.col.answeredAt")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {answered.map((i) => (
                <tr key={i.proposal_id}>
                  <td className={td}>
                    {i.invitation === "accepted" ? (
                      <Link to={`/contest/proposals/${i.proposal_id}`} className="text-brand-700 underline">
                        {i.title}
                      </Link>
                    ) : (
                      i.title
                    )}
                  </td>
                  <td className={td}>{i.lead_name}</td>
                  <td className={td}>
                    <InvitationBadge invitation={i.invitation} />
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{i.responded_at ? formatDateTime(i.responded_at, locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ) : null}
    </div>
  );
}
