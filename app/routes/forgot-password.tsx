import { getFormProps, useForm } from "@conform-to/react";
import { inputProps } from "../ui/conform";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData } from "@remix-run/react";
import { getDb } from "../db.server";
import { requestPasswordReset, RESET_TOKEN_MINUTES } from "../auth/password-reset.server";
import { forgotSchema } from "../auth/schemas";
import { clientIp } from "../context.server";
import { env } from "../env.server";
import { translator, useT } from "../i18n/i18n";
import { resolveLocale } from "../i18n/locale.server";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { Card, Notice } from "../ui/Page";
import "../auth/messages";

export const meta: MetaFunction = () => [{ title: "パスワードの再設定 | 職員チャレンジポータル" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const t = translator(await resolveLocale(request, null));
  const submission = parseWithZod(await request.formData(), { schema: forgotSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(getDb(), { identifier: submission.value.identifier, appUrl: env().appUrl, ip: clientIp(context) });
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    lastResult: data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotSchema(t) }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="mx-auto max-w-lg">
      <Card>
        <h1 className="mb-2 text-2xl font-bold">{t("auth.forgot.title")}</h1>
        <p className="mb-4 text-slate-700">{t("auth.forgot.lead")}</p>
        {data?.sent ? <Notice tone="success">{t("auth.forgot.sent", { minutes: RESET_TOKEN_MINUTES })}</Notice> : null}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <TextField
            label={t("auth.forgot.email")}
            errors={fields.identifier.errors}
            autoComplete="username"
            required
            requiredLabel={t("common.required")}
            {...inputProps(fields.identifier, { type: "text" })}
            id="identifier"
          />
          <div className="flex items-center justify-between">
            <Button type="submit">{t("auth.forgot.submit")}</Button>
            <Link to="/login" className="text-sm text-brand-700 underline">
              {t("auth.signIn.title")}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
