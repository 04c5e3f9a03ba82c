import { getFormProps, useForm } from "@conform-to/react";
import { inputProps } from "../ui/conform";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, useActionData } from "@remix-run/react";
import { getDb } from "../db.server";
import { changePassword } from "../auth/password-reset.server";
import { verifyPassword } from "../auth/password.server";
import { requireUser } from "../auth/permissions.server";
import { MIN_PASSWORD, changePasswordSchema } from "../auth/schemas";
import { getSession } from "../auth/session.server";
import { clientIp } from "../context.server";
import { translator, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../auth/messages";

export const meta: MetaFunction = () => [{ title: "パスワードの変更 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema(t) });
  const hideFields = ["current", "password", "confirm"];
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields }), done: false }, { status: 400 });
  const db = getDb();
  const credential = await db.selectFrom("credentials").select("password_hash").where("employee_id", "=", user.id).executeTakeFirst();
  if (!credential || !(await verifyPassword(credential.password_hash, submission.value.current))) {
    return json({ result: submission.reply({ fieldErrors: { current: [t("auth.change.wrongCurrent")] }, hideFields }), done: false }, { status: 400 });
  }
  const session = (await getSession(request))!.session;
  await changePassword(db, { employeeId: user.id, currentSessionId: session.id, password: submission.value.password, ip: clientIp(context) });
  return json({ result: submission.reply({ resetForm: true }), done: true });
}

export default function ChangePassword() {
  const data = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({ lastResult: data?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema(t) }), shouldValidate: "onBlur" });
  return (
    <div className="max-w-lg">
      <PageHeader title={t("auth.change.title")} />
      {data?.done ? <Notice tone="success">{t("auth.change.done")}</Notice> : null}
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <TextField label={t("auth.change.current")} errors={fields.current.errors} autoComplete="current-password" required requiredLabel={t("common.required")} {...inputProps(fields.current, { type: "password" })} id="current" />
          <TextField label={t("auth.reset.newPassword")} hint={t("auth.hint.password", { min: MIN_PASSWORD })} errors={fields.password.errors} autoComplete="new-password" required requiredLabel={t("common.required")} {...inputProps(fields.password, { type: "password" })} id="password" />
          <TextField label={t("auth.reset.confirmPassword")} errors={fields.confirm.errors} autoComplete="new-password" required requiredLabel={t("common.required")} {...inputProps(fields.confirm, { type: "password" })} id="confirm" />
          <Button type="submit">{t("common.save")}</Button>
        </Form>
      </Card>
    </div>
  );
}
