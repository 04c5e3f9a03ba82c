import { getFormProps, useForm } from "@conform-to/react";
import { inputProps } from "../ui/conform";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { getDb } from "../db.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo-accounts";
import { signInSchema } from "../auth/schemas";
import { getUser, safeRedirectTo, startSession } from "../auth/session.server";
import { signIn } from "../auth/sign-in.server";
import { clientIp } from "../context.server";
import { env } from "../env.server";
import { translator, useT } from "../i18n/i18n";
import { resolveLocale } from "../i18n/locale.server";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { Card, DataTable, Notice, td, th } from "../ui/Page";
import "../auth/messages";

export const meta: MetaFunction = () => [{ title: "サインイン | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  // Demo accounts are listed only in demo mode; a real installation never sends them to the browser.
  const demo = env().demoMode ? { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS } : null;
  return json({ demo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const t = translator(await resolveLocale(request, null));
  const submission = parseWithZod(formData, { schema: signInSchema(t) });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const ip = clientIp(context);
  const outcome = await signIn(getDb(), { identifier: submission.value.identifier, password: submission.value.password, ip });
  if (!outcome.ok) {
    const message = outcome.reason === "throttled" ? t("auth.signIn.throttled", { minutes: outcome.retryAfterMinutes }) : t("auth.signIn.failed");
    return json(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: outcome.reason === "throttled" ? 429 : 401 });
  }
  const cookie = await startSession(outcome.employeeId, { ip, userAgent: request.headers.get("user-agent") });
  return redirect(safeRedirectTo(submission.value.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema(t) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const reason = params.get("reason");
  // After a failed attempt the password field starts empty again (without JS the server render already is).
  useEffect(() => {
    const password = document.getElementById("password") as HTMLInputElement | null;
    if (lastResult && password) password.value = "";
  }, [lastResult]);
  return (
    <div className="mx-auto grid max-w-4xl gap-6 md:grid-cols-2">
      <Card>
        <h1 className="mb-2 text-2xl font-bold">{t("auth.signIn.title")}</h1>
        <p className="mb-4 text-slate-700">{t("auth.signIn.lead")}</p>
        {reason === "expired" ? <Notice tone="warning">{t("auth.expired")}</Notice> : null}
        {params.get("signedOut") ? <Notice tone="success">{t("auth.signedOut")}</Notice> : null}
        {params.get("reset") ? <Notice tone="success">{t("auth.reset.done")}</Notice> : null}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <div id={form.errorId}>
            <FormError errors={form.errors} />
          </div>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <TextField
            label={t("auth.identifier")}
            errors={fields.identifier.errors}
            autoComplete="username"
            required
            requiredLabel={t("common.required")}
            {...inputProps(fields.identifier, { type: "text" })}
            id="identifier"
          />
          <TextField
            label={t("auth.password")}
            errors={fields.password.errors}
            autoComplete="current-password"
            required
            requiredLabel={t("common.required")}
            {...inputProps(fields.password, { type: "password" })}
            id="password"
          />
          <div className="flex items-center justify-between gap-4">
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {t("auth.signIn.submit")}
            </Button>
            <Link to="/forgot-password" className="text-sm text-brand-700 underline">
              {t("auth.signIn.forgot")}
            </Link>
          </div>
        </Form>
      </Card>
      {demo ? (
        <Card title={t("auth.demo.title")}>
          <p className="mb-3 text-sm text-slate-700">{t("auth.demo.lead", { password: demo.password })}</p>
          <DataTable caption={t("auth.demo.title")}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("auth.demo.role")}</th>
                <th scope="col" className={th}>{t("auth.demo.account")}</th>
                <th scope="col" className={th}>{t("auth.demo.name")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {demo.accounts.map((account) => (
                <tr key={account.employeeNo}>
                  <td className={td}>{t(`role.${account.role}`)}</td>
                  <td className={`${td} font-mono`}>{account.employeeNo}</td>
                  <td className={td}>
                    {account.name}
                    <span className="block text-xs text-slate-600">{account.unitName}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </Card>
      ) : null}
    </div>
  );
}
