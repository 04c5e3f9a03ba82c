import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet } from "@remix-run/react";
import { getDb } from "../db.server";
import { requireRole } from "../auth/permissions.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { formatDateTime } from "../i18n/format";
import { DEPARTMENT_COLUMNS } from "../people/import/departments";
import { EMPLOYEE_COLUMNS } from "../people/import/employees";
import { PARTICIPATION_COLUMNS } from "../people/import/participations";
import { createImportPreview, listRecentImportPreviews } from "../people/import/previews.server";
import { IMPORT_UPLOAD_MAX_BYTES, importUploadSchema, UPLOAD_KINDS } from "../people/import/schema";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { inputProps } from "../ui/conform";
import { Card, DataTable, PageHeader, td, th } from "../ui/Page";
import "../people/import/messages";

// /hr/import: upload a CSV (this route) → /hr/import/:previewId (hr.import.$previewId.tsx) shows what would
// change and confirms. The preview renders in place of this page through the outlet.

export const meta: MetaFunction = () => [{ title: "名簿の取込 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr_admin");
  const recent = await listRecentImportPreviews(getDb(), user.id);
  return json({ recent });
}

export async function action({ request }: ActionFunctionArgs) {
  // Permission first: nobody else gets as far as having a body read.
  const user = await requireRole(request, "hr_admin");
  const t = translator(user.locale);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_UPLOAD_MAX_BYTES }));
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    return json({ result: { status: "error" as const, error: { file: [t("import.file.tooLarge")] } } }, { status: 413 });
  }
  const submission = parseWithZod(formData, { schema: importUploadSchema(t) });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["file"] }) }, { status: 400 });
  }
  const { kind, file } = submission.value;
  const id = await createImportPreview(getDb(), { kind, fileName: file.name, content: Buffer.from(await file.arrayBuffer()), createdBy: user.id });
  return redirect(`/hr/import/${id}`);
}

const COLUMNS = { departments: DEPARTMENT_COLUMNS, employees: EMPLOYEE_COLUMNS, participations: PARTICIPATION_COLUMNS } as const;

/** Columns whose meaning differs by kind have a key per kind (`import.col.name.departments`). */
const KIND_SPECIFIC_COLUMNS: Partial<Record<(typeof UPLOAD_KINDS)[number], readonly string[]>> = {
  departments: ["name"],
  employees: ["name"],
  participations: ["employee_no"],
};

function columnMeaningKey(kind: (typeof UPLOAD_KINDS)[number], column: string): string {
  return KIND_SPECIFIC_COLUMNS[kind]?.includes(column) ? `import.col.${column}.${kind}` : `import.col.${column}`;
}

export default function ImportRoute() {
  const outlet = useOutlet();
  return outlet ?? <UploadPage />;
}

function UploadPage() {
  const { recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === "/hr/import";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importUploadSchema(t) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const kindErrors = fields.kind.errors;

  return (
    <div>
      <PageHeader title={t("import.title")} lead={t("import.lead")} />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <Form method="post" action="/hr/import" encType="multipart/form-data" className="space-y-5" {...getFormProps(form)}>
            <div id={form.errorId}>
              <FormError errors={form.errors} />
            </div>
            <fieldset aria-describedby={kindErrors?.length ? "kind-error" : undefined} aria-invalid={kindErrors?.length ? true : undefined}>
              <legend className="text-sm font-medium text-slate-800">
                {t("import.kind")}
                <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("common.required")}</span>
              </legend>
              <div className="mt-2 flex flex-wrap gap-4">
                {UPLOAD_KINDS.map((kind) => (
                  <label key={kind} className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2">
                    <input type="radio" name={fields.kind.name} value={kind} defaultChecked={fields.kind.initialValue === kind} required className="h-4 w-4" />
                    {t(`import.kind.${kind}`)}
                  </label>
                ))}
              </div>
              {kindErrors?.length ? (
                <ul id="kind-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
                  {kindErrors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              ) : null}
            </fieldset>
            <TextField
              label={t("import.file")}
              hint={t("import.file.hint")}
              errors={fields.file.errors}
              required
              requiredLabel={t("common.required")}
              accept=".csv,text/csv"
              {...inputProps(fields.file, { type: "file" })}
              id="file"
            />
            <Button type="submit" disabled={submitting}>
              {submitting ? t("import.uploading") : t("import.upload")}
            </Button>
          </Form>
        </Card>
        <Card title={t("import.columns.title")}>
          <p className="mb-3 text-sm text-slate-700">{t("import.columns.lead")}</p>
          {UPLOAD_KINDS.map((kind) => (
            <div key={kind} className="mb-4">
              <h3 className="mb-1 font-semibold text-slate-900">{t(`import.kind.${kind}`)}</h3>
              <DataTable caption={`${t("import.columns.title")}（${t(`import.kind.${kind}`)}）`}>
                <thead>
                  <tr>
                    <th scope="col" className={th}>
                      {t("import.columns.name")}
                    </th>
                    <th scope="col" className={th}>
                      {t("import.columns.meaning")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {COLUMNS[kind].map((column) => (
                    <tr key={column}>
                      <td className={`${td} font-mono`}>{column}</td>
                      <td className={td}>{t(columnMeaningKey(kind, column))}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
              {kind === "participations" ? <p className="mt-2 text-sm text-slate-700">{t("import.participations.key")}</p> : null}
            </div>
          ))}
        </Card>
      </div>
      <section className="mt-8" aria-labelledby="recent-imports">
        <h2 id="recent-imports" className="mb-3 text-lg font-semibold text-slate-900">
          {t("import.recent.title")}
        </h2>
        {recent.length === 0 ? (
          <p className="text-sm text-slate-700">{t("import.recent.none")}</p>
        ) : (
          <DataTable caption={t("import.recent.caption")}>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("import.recent.uploadedAt")}
                </th>
                <th scope="col" className={th}>
                  {t("import.kind")}
                </th>
                <th scope="col" className={th}>
                  {t("import.recent.file")}
                </th>
                <th scope="col" className={th}>
                  {t("import.recent.status")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {recent.map((p) => (
                <tr key={p.id}>
                  <td className={td}>{formatDateTime(p.createdAt, locale)}</td>
                  <td className={td}>{t(`import.kind.${p.kind}`)}</td>
                  <td className={td}>
                    <Link to={`/hr/import/${p.id}`} className="text-brand-700 underline hover:text-brand-900">
                      {p.fileName}
                    </Link>
                  </td>
                  <td className={td}>{p.confirmedAt ? t("import.recent.confirmed") : t("import.recent.pending")}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}
