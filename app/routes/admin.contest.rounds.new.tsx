import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { isContestError } from "../contest/proposal-errors";
import { fiscalYearOptions, newRoundDefaults } from "../contest/round-defaults";
import { RoundForm } from "../contest/round-form";
import { roundFormSchema } from "../contest/round-schemas";
import { createRound } from "../contest/rounds.server";
import { getDb } from "../db.server";
import { todayInTokyo } from "../i18n/format";
import { translator, useT } from "../i18n/i18n";
import { PageHeader } from "../ui/Page";
import "../contest/proposals.messages";
import "../contest/rounds.messages";

export const meta: MetaFunction = () => [{ title: "新しいラウンド | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const today = todayInTokyo();
  return json({ defaults: newRoundDefaults(today), fiscalYears: fiscalYearOptions(today) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "contest_admin");
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: roundFormSchema(t) });
  // Adding, moving or removing a criterion without JavaScript comes back here as a list intent: re-render the form.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  try {
    const { id } = await createRound(getDb(), submission.value.value, { actorId: user.id, ip: clientIp(context) });
    return redirect(`/admin/contest/rounds/${id}?done=created`);
  } catch (error) {
    if (isContestError(error)) return json(submission.reply({ formErrors: [t(`contest.proposals.error.${error.code}`)] }), { status: error.status });
    throw error;
  }
}

export default function NewRound() {
  const { defaults, fiscalYears } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t("contest.rounds.new.title")}
        lead={t("contest.rounds.new.lead")}
        actions={
          <Link to="/admin/contest" className="text-sm text-brand-700 underline">
            {t("contest.tabs.back")}
          </Link>
        }
      />
      <RoundForm lastResult={lastResult} defaultValue={defaults} fiscalYears={fiscalYears} submitLabel={t("contest.rounds.action.create")} />
    </div>
  );
}
