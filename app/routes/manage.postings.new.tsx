import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { forbidden, hasUnitRole, requireRole, unitsWithRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { todayInTokyo } from "../i18n/format";
import { translator, useT } from "../i18n/i18n";
import { PostingForm } from "../postings/PostingForm";
import { createPosting, inTransaction, listGrades, listUnits, PostingStateError, readSideJobCapPercent, submitPosting } from "../postings/postings.server";
import { postingFormSchema } from "../postings/schema";
import { PageHeader } from "../ui/Page";
import "../postings/messages";

export const meta: MetaFunction = () => [{ title: "新しい募集 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "posting_manager");
  const db = getDb();
  const [units, grades, capPercent] = await Promise.all([listUnits(db, unitsWithRole(user, "posting_manager")), listGrades(db), readSideJobCapPercent(db)]);
  return json({ units, grades, capPercent, today: todayInTokyo() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "posting_manager");
  const t = translator(user.locale);
  const db = getDb();
  const grades = await listGrades(db);
  const submission = parseWithZod(await request.formData(), { schema: postingFormSchema(t, { today: todayInTokyo(), grades: grades.map((g) => g.code) }) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { intent, value } = submission.value;
  // The picker offers only the user's own units; anything else is a forged request.
  if (!hasUnitRole(user, "posting_manager", value.hostDepartmentId)) forbidden();
  const ctx = { actorId: user.id, ip: clientIp(context) };
  try {
    const { id } = await inTransaction(db, async (trx) => {
      const created = await createPosting(trx, value, ctx);
      if (intent === "submit") await submitPosting(trx, created.id, ctx);
      return created;
    });
    return redirect(`/manage/postings/${id}?done=${intent === "submit" ? "submitted" : "created"}`);
  } catch (error) {
    if (error instanceof PostingStateError) return json(submission.reply({ formErrors: [t(`postings.conflict.${error.code}`)] }), { status: 409 });
    throw error;
  }
}

export default function NewPosting() {
  const { units, grades, capPercent, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t("postings.manage.new.title")}
        lead={t("postings.manage.new.lead")}
        actions={
          <Link to="/manage/postings" className="text-sm text-brand-700 underline">
            {t("postings.manage.title")}
          </Link>
        }
      />
      <PostingForm lastResult={lastResult} units={units} grades={grades} today={today} capPercent={capPercent} />
    </div>
  );
}
