import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ApplicationStatus } from "../../db/schema";
import { applicantRowsHtml } from "../applications/applicant-rows-html";
import { periodText, SchemeTag, waitingText } from "../applications/components";
import { parseId } from "../applications/http.server";
import { getPostingSummary, listAwaitingConsentForPosting, listHostApplications } from "../applications/queries.server";
import { APPLICATION_STATUSES, isApplicationStatus } from "../applications/status";
import { forbidden, hasRole, hasUnitRole, notFound, requireUser } from "../auth/permissions.server";
import { getDb } from "../db.server";
import { useLocale, useT } from "../i18n/i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { Button } from "../ui/Button";
import { Card, DataTable, PageHeader, td, th } from "../ui/Page";
import { useDelegatedLinks } from "../ui/delegated-links";
import { Pagination } from "../ui/Pagination";
import { Facts } from "../ui/Facts";
import "../applications/messages";

export const meta: MetaFunction = () => [{ title: "応募者一覧 | 職員チャレンジポータル" }];

// Statuses a host can see (never awaiting_consent or consent_declined).
const HOST_FILTERS: ApplicationStatus[] = APPLICATION_STATUSES.filter((s) => s !== "awaiting_consent" && s !== "consent_declined");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const postingId = parseId(params.postingId);
  const db = getDb();
  const posting = await getPostingSummary(db, postingId);
  if (!posting) notFound();
  const host = hasUnitRole(user, "posting_manager", posting.host_department_id);
  const hr = hasRole(user, "hr_admin");
  if (!host && !hr) forbidden();
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = isApplicationStatus(statusParam) && HOST_FILTERS.includes(statusParam) ? statusParam : undefined;
  const page = Number(url.searchParams.get("page")) || 1;
  const [list, awaiting] = await Promise.all([
    listHostApplications(db, { postingId, status, page }, { request }),
    hr ? listAwaitingConsentForPosting(db, { postingId }) : Promise.resolve(null),
  ]);
  const from = (list.page - 1) * list.pageSize + 1;
  // Only what the page shows: the summary's status, host unit, hours and selection method stay on the server.
  const { id, title, scheme, host_name, capacity, filled, period_start, period_end, apply_from, apply_until } = posting;
  return json({
    posting: { id, title, scheme, host_name, capacity, filled, period_start, period_end, apply_from, apply_until },
    // Instants as ISO text, which is what the page receives anyway: the data then goes to the page as it is,
    // without a round trip through JSON (app/http/json.server.ts).
    applications: list.rows.map((a) => ({ ...a, consent_decided_at: a.consent_decided_at?.toISOString() ?? null, interview_at: a.interview_at?.toISOString() ?? null })),
    list: { total: list.total, page: list.page, pages: list.pages, from, to: from + list.rows.length - 1 },
    awaiting,
    status: status ?? null,
    canAct: host,
  });
}

export default function Applicants() {
  const { posting, applications, list, awaiting, status, canAct } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const onLinkClick = useDelegatedLinks();
  return (
    <div>
      <PageHeader
        title={t("applications.host.title")}
        lead={posting.title}
        actions={
          <Link to={canAct ? `/manage/postings/${posting.id}` : `/postings/${posting.id}`} className="text-sm text-brand-700 underline">
            {t("applications.detail.openPosting")}
          </Link>
        }
      />
      <div className="mb-6 grid gap-6 md:grid-cols-[2fr_1fr]">
        <Card>
          <Facts
            rows={[
              [t("applications.field.scheme"), <SchemeTag key="s" scheme={posting.scheme} t={t} />],
              [t("applications.field.host"), posting.host_name],
              [t("applications.field.period"), periodText(t, locale, posting.period_start, posting.period_end)],
              [t("applications.field.window"), periodText(t, locale, posting.apply_from, posting.apply_until)],
            ]}
          />
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("applications.field.capacity")}</p>
          <p className="mt-1 text-2xl font-bold text-slate-900" data-testid="filled">
            {posting.filled} / {posting.capacity}
          </p>
          <p className="mt-1 text-sm text-slate-700">{t("applications.host.filled", { filled: posting.filled, capacity: posting.capacity })}</p>
        </Card>
      </div>

      <p className="mb-3 text-sm text-slate-700">{t("applications.host.lead")}</p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-slate-800">
            {t("applications.host.filter")}
          </label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""} className="mt-1 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm">
            <option value="">{t("applications.host.filter.all")}</option>
            {HOST_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`applications.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("common.search")}
        </Button>
      </Form>

      {applications.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{status ? t("common.none") : t("applications.host.empty")}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700" data-testid="applicants-range">
            {t("applications.host.range", { total: list.total, from: list.from, to: list.to })}
          </p>
          <DataTable caption={t("applications.host.title")}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("applications.field.applicant")}</th>
                <th scope="col" className={th}>{t("applications.field.unit")}</th>
                <th scope="col" className={th}>{t("applications.field.hoursAvailable")}</th>
                <th scope="col" className={th}>{t("applications.host.col.consentedAt")}</th>
                <th scope="col" className={th}>{t("applications.field.status")}</th>
                <th scope="col" className={th}>{t("applications.field.interview")}</th>
              </tr>
            </thead>
            {/* Cell, link and grade styles come from `.applicant-rows` (tailwind.css), not from each of the 50 rows × 6 cells. */}
            <tbody className="applicant-rows" data-testid="host-applications" onClick={onLinkClick} dangerouslySetInnerHTML={{ __html: applicantRowsHtml(applications, { t, locale }) }} />
          </DataTable>
          <Pagination page={list.page} pages={list.pages} />
        </>
      )}

      {awaiting ? (
        <section className="mt-8" aria-labelledby="awaiting-title">
          <h2 id="awaiting-title" className="mb-3 text-lg font-semibold text-slate-900">
            {t("applications.host.awaiting")}
          </h2>
          {awaiting.length === 0 ? (
            <p className="text-sm text-slate-700">{t("applications.host.awaitingEmpty")}</p>
          ) : (
            <DataTable caption={t("applications.host.awaiting")}>
              <thead>
                <tr>
                  <th scope="col" className={th}>{t("applications.field.applicant")}</th>
                  <th scope="col" className={th}>{t("applications.host.col.supervisor")}</th>
                  <th scope="col" className={th}>{t("applications.field.submittedAt")}</th>
                  <th scope="col" className={th}>{t("applications.field.waiting")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="awaiting-consent">
                {awaiting.map((a) => (
                  <tr key={a.id}>
                    <td className={td}>
                      <Link to={`/manage/applications/${a.id}`} className="text-brand-700 underline">
                        {a.applicant_name}
                      </Link>
                    </td>
                    <td className={td}>{a.supervisor_name ?? "—"}</td>
                    <td className={td}>{formatDateTime(a.submitted_at, locale)}</td>
                    <td className={td}>
                      <span className={a.waiting.businessDays >= 3 ? "font-semibold text-red-700" : undefined}>{waitingText(t, a.waiting)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </section>
      ) : null}
    </div>
  );
}
