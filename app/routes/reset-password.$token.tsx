import { getFormProps, useForm } from "@conform-to/react";
import { inputProps } from "../ui/conform";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { isResetTokenUsable, resetPassword } from "../auth/password-reset.server";
import { MIN_PASSWORD, resetSchema } from "../auth/schemas";
import { clientIp } from "../context.server";
import { translator, useT } from "../i18n/i18n";
import { resolveLocale } from "../i18n/locale.server";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { Card, Notice } from "../ui/Page";
import "../auth/messages";

export const meta: MetaFunction = () => [{ title: "新しいパスワードの設定 | 職員チャレンジポータル" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: await isResetTokenUsable(getDb(), params.token ?? "") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = translator(await resolveLocale(request, null));
  const submission = parseWithZod(await request.formData(), { schema: resetSchema(t) });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password", "confirm"] }), { status: 400 });
  const ok = await resetPassword(getDb(), { token: params.token ?? "", password: submission.value.password, ip: clientIp(context) });
  if (!ok) return json(submission.reply({ formErrors: [t("auth.reset.invalid")], hideFields: ["password", "confirm"] }), { status: 410 });
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema(t) }), shouldValidate: "onBlur" });
  return (
    <div className="mx-auto max-w-lg">
      <Card>
        <h1 className="mb-4 text-2xl font-bold">{t("auth.reset.title")}</h1>
        {!usable ? (
          <>
            <Notice tone="error">{t("auth.reset.invalid")}</Notice>
            <Link to="/forgot-password" className="text-brand-700 underline">
              {t("auth.forgot.title")}
            </Link>
          </>
        ) : (
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            <FormError errors={form.errors} />
            <TextField label={t("auth.reset.newPassword")} hint={t("auth.hint.password", { min: MIN_PASSWORD })} errors={fields.password.errors} autoComplete="new-password" required requiredLabel={t("common.required")} {...inputProps(fields.password, { type: "password" })} id="password" />
            <TextField label={t("auth.reset.confirmPassword")} errors={fields.confirm.errors} autoComplete="new-password" required requiredLabel={t("common.required")} {...inputProps(fields.confirm, { type: "password" })} id="confirm" />
            <Button type="submit">{t("auth.reset.submit")}</Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
