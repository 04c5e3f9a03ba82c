import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { capHoursPerMonth, MAX_CAP_PERCENT, MIN_CAP_PERCENT, standardMonthlyHours } from "../applications/cap";
import { capSettingSchema } from "../applications/schemas";
import { getSideJobCapSetting, updateSideJobCapPercent } from "../applications/settings.server";
import { requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { formatDateTime } from "../i18n/format";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { inputProps } from "../ui/conform";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "制度の設定 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const setting = await getSideJobCapSetting(getDb());
  return json({ ...setting, capHours: capHoursPerMonth(setting.percent), standardHours: standardMonthlyHours() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "hr_admin");
  const t = translator(admin.locale);
  const submission = parseWithZod(await request.formData(), { schema: capSettingSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply(), saved: null as null | { percent: number; hours: number } }, { status: 400 });
  const percent = submission.value.percent;
  await updateSideJobCapPercent(getDb(), { actorId: admin.id, percent, ip: clientIp(context) });
  return json({ result: submission.reply(), saved: { percent, hours: capHoursPerMonth(percent) } });
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { percent: String(data.percent) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: capSettingSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("settings.title")} lead={t("settings.lead")} />
      {actionData?.saved ? <Notice tone="success">{t("settings.cap.saved", { percent: actionData.saved.percent, hours: actionData.saved.hours })}</Notice> : null}
      <Card title={t("settings.cap.title")}>
        <p className="mb-1 text-base font-semibold text-slate-900" data-testid="cap-current">
          {t("settings.cap.current", { percent: data.percent, hours: data.capHours })}
        </p>
        {data.updatedAt && data.updatedByName ? <p className="mb-4 text-sm text-slate-600">{t("settings.cap.updated", { at: formatDateTime(data.updatedAt, locale), name: data.updatedByName })}</p> : <div className="mb-4" />}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <div className="flex items-end gap-2">
            <div className="w-72">
              <TextField
                label={t("settings.cap.label")}
                errors={fields.percent.errors}
                required
                requiredLabel={t("common.required")}
                inputMode="numeric"
                {...inputProps(fields.percent, { type: "text" })}
                id="percent"
              />
            </div>
            <span className="pb-2 text-slate-700">{t("settings.cap.suffix")}</span>
          </div>
          <p className="text-sm text-slate-600">{t("settings.cap.hint", { min: MIN_CAP_PERCENT, max: MAX_CAP_PERCENT, standard: data.standardHours })}</p>
          <p className="text-sm text-slate-600">{t("settings.cap.note")}</p>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("common.save")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
