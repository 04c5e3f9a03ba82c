import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { listAudit } from "../audit/audit.server";
import { requireRole } from "../auth/permissions.server";
import { CONFIDENTIAL_AUDIT_ENTITY_TYPES } from "../consultations/confidential";
import { formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { DataTable, PageHeader, td, th } from "../ui/Page";
import "../people/messages";

export const meta: MetaFunction = () => [{ title: "監査ログ | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  // Consultation entries would show who used the career consultation room; HR sees its aggregates only.
  const entries = await listAudit(getDb(), { limit: 200, excludeEntityTypes: CONFIDENTIAL_AUDIT_ENTITY_TYPES });
  return json({ entries });
}

export default function AuditLog() {
  const { entries } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader title={t("audit.title")} lead={t("audit.lead")} />
      <DataTable caption={t("audit.title")}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("audit.when")}</th>
            <th scope="col" className={th}>{t("audit.who")}</th>
            <th scope="col" className={th}>{t("audit.action")}</th>
            <th scope="col" className={th}>{t("audit.target")}</th>
            <th scope="col" className={th}>{t("audit.detail")}</th>
            <th scope="col" className={th}>{t("audit.ip")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(entry.created_at, locale)}</td>
              <td className={td}>{entry.actor_name ? `${entry.actor_name}（${entry.actor_no}）` : "—"}</td>
              <td className={`${td} font-mono text-xs`}>{entry.action}</td>
              <td className={`${td} font-mono text-xs`}>
                {entry.entity_type}
                {entry.entity_id ? `#${entry.entity_id}` : ""}
              </td>
              <td className={`${td} max-w-xs break-all font-mono text-xs`}>{JSON.stringify(entry.detail)}</td>
              <td className={`${td} font-mono text-xs`}>{entry.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
