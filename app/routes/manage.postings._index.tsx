import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { requireRole, unitsWithRole } from "../auth/permissions.server";
import { formatDate, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { PhaseBadge, SchemeBadge } from "../postings/components";
import { postingPhase } from "../postings/model";
import { listManagedPostings, type ManageScope } from "../postings/postings.server";
import { Button } from "../ui/Button";
import { SelectField } from "../ui/Field";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import "../postings/messages";

const COUNT_KEYS = ["screening", "interview", "accepted", "participating", "completed", "notSelected"] as const;

export const meta: MetaFunction = () => [{ title: "募集の管理 | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "posting_manager");
  const scope: ManageScope = new URL(request.url).searchParams.get("scope") === "all" ? "all" : "active";
  const today = todayInTokyo();
  const rows = await listManagedPostings(getDb(), unitsWithRole(user, "posting_manager"), scope);
  return json({ scope, rows: rows.map((row) => ({ ...row, phase: postingPhase(row, today) })) });
}

export default function ManagePostings() {
  const { scope, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader
        title={t("postings.manage.title")}
        lead={t("postings.manage.lead")}
        actions={
          <Link to="/manage/postings/new" className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2">
            {t("postings.manage.new")}
          </Link>
        }
      />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-80">
          <SelectField id="scope" name="scope" label={t("postings.manage.scope")} defaultValue={scope}>
            <option value="active">{t("postings.manage.scope.active")}</option>
            <option value="all">{t("postings.manage.scope.all")}</option>
          </SelectField>
        </div>
        <Button type="submit" variant="secondary">
          {t("common.search")}
        </Button>
      </Form>
      <p className="mb-2 text-sm text-slate-600">{t("postings.manage.counts.note")}</p>
      <DataTable caption={t("postings.manage.title")}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("postings.manage.col.title")}</th>
            <th scope="col" className={th}>{t("postings.manage.col.status")}</th>
            <th scope="col" className={th}>{t("postings.manage.col.window")}</th>
            <th scope="col" className={th}>{t("postings.manage.col.applicants")}</th>
            <th scope="col" className={th}>{t("postings.manage.col.filled")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className={`${td} text-slate-600`}>{t("postings.manage.none")}</td>
            </tr>
          ) : (
            rows.map((row) => {
              const total = Object.values(row.counts).reduce((a, b) => a + b, 0);
              return (
                <tr key={row.id}>
                  <td className={td}>
                    <Link to={`/manage/postings/${row.id}`} className="font-medium text-brand-700 underline">
                      {row.title}
                    </Link>
                    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                      <SchemeBadge scheme={row.scheme} />
                      {row.host_name}
                    </span>
                  </td>
                  <td className={td}>
                    <PhaseBadge phase={row.phase} />
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    {formatDate(row.apply_from, locale)}
                    <span className="block text-slate-600">〜 {formatDate(row.apply_until, locale)}</span>
                  </td>
                  <td className={td}>
                    <span className="font-medium">{t("postings.manage.counts.total", { total })}</span>
                    {total > 0 ? (
                      <ul className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-600">
                        {COUNT_KEYS.filter((key) => row.counts[key] > 0).map((key) => (
                          <li key={key}>{t(`postings.manage.count.${key}`, { count: row.counts[key] })}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    {row.filled} / {row.capacity}
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </DataTable>
    </div>
  );
}
