import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { requireRole } from "../auth/permissions.server";
import { useT } from "../i18n/i18n";
import { listDepartmentOptions, searchEmployees } from "../people/directory.server";
import { Button } from "../ui/Button";
import { DepartmentOptions } from "../ui/DepartmentOptions";
import { SelectField, TextField } from "../ui/Field";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import "../people/messages";

export const meta: MetaFunction = () => [{ title: "職員名簿 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const unit = Number(url.searchParams.get("unit")) || null;
  const includeLeft = url.searchParams.get("left") === "1";
  const page = Number(url.searchParams.get("page")) || 1;
  const db = getDb();
  const [result, departments] = await Promise.all([searchEmployees(db, { q, departmentId: unit, includeLeft, page }), listDepartmentOptions(db)]);
  return json({ q, unit, includeLeft, result, departments });
}

export default function Directory() {
  const { q, unit, includeLeft, result, departments } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <PageHeader title={t("directory.title")} lead={t("directory.lead")} />
      <Form method="get" role="search" className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[2fr_2fr_auto_auto] md:items-end">
        <TextField id="q" name="q" type="search" label={t("directory.q")} hint={t("directory.q.hint")} defaultValue={q} />
        <SelectField id="unit" name="unit" label={t("directory.unit")} defaultValue={unit ?? ""}>
          <option value="">{t("directory.unit.all")}</option>
          <DepartmentOptions departments={departments} />
        </SelectField>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="left" value="1" defaultChecked={includeLeft} className="h-4 w-4" />
          {t("directory.includeLeft")}
        </label>
        <Button type="submit">{t("common.search")}</Button>
      </Form>
      <p className="mb-2 text-sm text-slate-700" role="status">
        {t("common.results", { count: result.total.toLocaleString() })}
      </p>
      <DataTable caption={t("directory.title")}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("directory.col.no")}</th>
            <th scope="col" className={th}>{t("directory.col.name")}</th>
            <th scope="col" className={th}>{t("directory.col.kana")}</th>
            <th scope="col" className={th}>{t("directory.col.unit")}</th>
            <th scope="col" className={th}>{t("directory.col.grade")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {result.rows.length === 0 ? (
            <tr>
              <td colSpan={5} className={`${td} text-slate-600`}>{t("common.none")}</td>
            </tr>
          ) : (
            result.rows.map((row) => (
              <tr key={row.id}>
                <td className={`${td} font-mono`}>{row.employee_no}</td>
                <td className={td}>
                  <Link to={`/hr/employees/${row.id}`} className="text-brand-700 underline">
                    {row.name}
                  </Link>
                  {row.left_on ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs">{t("directory.left")}</span> : null}
                </td>
                <td className={td}>{row.name_kana}</td>
                <td className={td}>
                  {row.parent_name ? <span className="block text-xs text-slate-600">{row.parent_name}</span> : null}
                  {row.department_name}
                </td>
                <td className={td}>{row.grade}</td>
              </tr>
            ))
          )}
        </tbody>
      </DataTable>
      <Pagination page={result.page} pages={result.pages} />
    </div>
  );
}
