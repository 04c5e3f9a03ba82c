import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "../db.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { checkImportPreview, confirmedImportSummary, confirmImportPreview, getImportPreview } from "../people/import/previews.server";
import type { ImportError } from "../people/import/types";
import { Button } from "../ui/Button";
import { Card, DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../people/import/messages";

export const meta: MetaFunction = () => [{ title: "取込内容の確認 | 職員チャレンジポータル" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr_admin");
  const db = getDb();
  const preview = await getImportPreview(db, params.previewId ?? "", user.id);
  if (!preview) notFound();
  const file = { kind: preview.kind, fileName: preview.fileName, createdAt: preview.createdAt };
  if (preview.confirmedAt) {
    return json({ ...file, state: "confirmed" as const, confirmedAt: preview.confirmedAt, summary: await confirmedImportSummary(db, preview.id), check: null });
  }
  const check = await checkImportPreview(db, preview);
  return json({ ...file, state: "pending" as const, confirmedAt: null, summary: null, check });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "hr_admin");
  const id = params.previewId ?? "";
  const outcome = await confirmImportPreview(getDb(), { id, actorId: user.id, ip: clientIp(context) });
  switch (outcome.status) {
    case "not_found":
      return notFound();
    case "rejected":
      return json({ rejected: true, errors: outcome.result.errors }, { status: 409 });
    case "confirmed":
    case "already_confirmed":
      // Post/redirect/get: reloading the page must not post the confirmation again.
      return redirect(`/hr/import/${id}`);
  }
}

function Counts({ total, created, updated, unchanged }: { total: number; created: number; updated: number; unchanged: number }) {
  const t = useT();
  const items = [
    ["import.preview.total", total],
    ["import.preview.created", created],
    ["import.preview.updated", updated],
    ["import.preview.unchanged", unchanged],
  ] as const;
  return (
    <>
      <h2 className="sr-only">{t("import.preview.summary")}</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {items.map(([key, count]) => (
          <div key={key} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <dt className="text-sm text-slate-700">{t(key)}</dt>
            <dd className="text-2xl font-bold text-slate-900">{t("import.preview.count", { count: count.toLocaleString() })}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function ErrorTable({ errors }: { errors: ImportError[] }) {
  const t = useT();
  return (
    <section aria-labelledby="import-errors" className="mt-6">
      <h2 id="import-errors" className="mb-2 text-lg font-semibold text-red-800">
        {t("import.preview.errorsTitle", { count: errors.length.toLocaleString() })}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("import.preview.errorsLead")}</p>
      <DataTable caption={t("import.preview.errorsCaption")}>
        <thead>
          <tr>
            <th scope="col" className={`${th} w-20`}>
              {t("import.preview.line")}
            </th>
            <th scope="col" className={th}>
              {t("import.preview.message")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {errors.map((error, index) => (
            <tr key={`${error.line}-${index}`}>
              <td className={`${td} tabular-nums`}>{error.line}</td>
              <td className={td} lang="ja">
                {error.message}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </section>
  );
}

export default function ImportPreviewPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const confirming = navigation.state !== "idle" && navigation.formMethod === "POST";
  const kind = t(`import.kind.${data.kind}`);
  const errors = actionData?.errors ?? data.check?.result.errors ?? [];

  return (
    <div>
      <PageHeader
        title={data.state === "confirmed" ? t("import.result.title") : t("import.preview.title")}
        lead={t(data.state === "confirmed" ? "import.result.lead" : "import.preview.lead", { kind, file: data.fileName })}
        actions={
          <Link to="/hr/import" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50">
            {t("import.again")}
          </Link>
        }
      />
      {data.state === "confirmed" ? (
        <>
          <Notice tone="success">
            {data.summary
              ? t("import.confirmed", {
                  at: formatDateTime(data.confirmedAt, locale),
                  created: data.summary.created,
                  updated: data.summary.updated,
                  unchanged: data.summary.unchanged,
                })
              : t("import.confirmedNoSummary", { at: formatDateTime(data.confirmedAt, locale) })}
          </Notice>
          {data.summary ? <Counts {...data.summary} /> : null}
        </>
      ) : data.check ? (
        <>
          {actionData?.rejected ? <Notice tone="error">{t("import.rejected")}</Notice> : null}
          <Card>
            <p className="mb-3 text-sm text-slate-700">
              {t("import.preview.encoding")}: {t(`import.encoding.${data.check.encoding}`)}
            </p>
            <Counts {...data.check.result} />
            {errors.length === 0 ? (
              <div className="mt-5">
                <Notice tone="info">
                  {data.check.result.created + data.check.result.updated === 0 ? t("import.preview.nothingToDo") : t("import.preview.ready")}
                </Notice>
                <Form method="post">
                  <Button type="submit" disabled={confirming}>
                    {confirming ? t("import.confirming") : t("import.confirm")}
                  </Button>
                </Form>
              </div>
            ) : null}
          </Card>
          {errors.length > 0 ? <ErrorTable errors={errors} /> : null}
        </>
      ) : null}
    </div>
  );
}
