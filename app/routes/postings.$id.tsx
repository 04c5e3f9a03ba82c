import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { hasRole, hasUnitRole, notFound, requireUser } from "../auth/permissions.server";
import { formatDate, todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { AboutPosting, Badge, ConditionFacts, hostLabel, PhaseBadge, SchemeBadge, type PostingView } from "../postings/components";
import { parseId } from "../postings/http.server";
import { applyCheck, isDeadlineSoon, placesLeft, postingPhase, PUBLIC_STATUSES } from "../postings/model";
import { getApplicantContext, getPosting } from "../postings/postings.server";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../postings/messages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.posting.title ?? "募集"} | 職員チャレンジポータル` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const db = getDb();
  // Both at once: the viewer's context says nothing about the posting, and is dropped when the posting is hidden.
  const [posting, viewer] = await Promise.all([getPosting(db, id), getApplicantContext(db, id, user.id)]);
  if (!posting) notFound();
  const isHost = hasUnitRole(user, "posting_manager", posting.host_department_id);
  const isHr = hasRole(user, "hr_admin");
  // Drafts, postings awaiting approval and returned ones — and one cancelled before it was ever approved — exist
  // only for their host unit's posting managers and HR; anyone else gets the same 404 as for no posting at all.
  const everPublished = PUBLIC_STATUSES.includes(posting.status) && posting.approved_at !== null;
  if (!everPublished && !isHost && !isHr) notFound();
  const today = todayInTokyo();
  const check = applyCheck(posting, viewer, today);
  // What the page shows; internal fields (who created or approved it, HR's review comment) stay on the server.
  const view: PostingView = {
    id: posting.id,
    scheme: posting.scheme,
    title: posting.title,
    summary: posting.summary,
    work_content: posting.work_content,
    skills: posting.skills,
    hours_per_month: posting.hours_per_month,
    period_start: posting.period_start,
    period_end: posting.period_end,
    capacity: posting.capacity,
    filled: posting.filled,
    work_style: posting.work_style,
    place: posting.place,
    max_grade: posting.max_grade,
    employment_types: posting.employment_types,
    selection_method: posting.selection_method,
    contact: posting.contact,
    apply_from: posting.apply_from,
    apply_until: posting.apply_until,
    host_name: posting.host_name,
    bureau_name: posting.bureau_name,
    application_count: posting.application_count,
    review_comment: null,
    cancel_reason: posting.status === "cancelled" ? posting.cancel_reason : null,
  };
  return json({
    posting: view,
    phase: postingPhase(posting, today),
    deadlineSoon: posting.status === "published" && isDeadlineSoon(posting, today),
    placesLeft: placesLeft(posting),
    check,
    myApplicationId: viewer.myApplicationId,
    isHost,
    isHr,
  });
}

export default function PostingDetail() {
  const { posting, phase, deadlineSoon, placesLeft: left, check, myApplicationId, isHost, isHr } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const unpublished = phase === "draft" || phase === "pending_approval" || phase === "returned";
  const reason = check.canApply ? null : check.reason;
  return (
    <div>
      <PageHeader
        title={posting.title}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <SchemeBadge scheme={posting.scheme} />
            <PhaseBadge phase={phase} />
            {deadlineSoon ? <Badge tone="warning">{t("postings.badge.deadlineSoon")}</Badge> : null}
            {left === 0 ? <Badge tone="muted">{t("postings.badge.full")}</Badge> : null}
            <span>{hostLabel(t, posting)}</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            <Link to="/postings" className="text-brand-700 underline">
              {t("postings.detail.back")}
            </Link>
            {isHost ? (
              <Link to={`/manage/postings/${posting.id}`} className="text-brand-700 underline">
                {t("postings.detail.manage")}
              </Link>
            ) : null}
            {isHr ? (
              <Link to={`/hr/postings/${posting.id}`} className="text-brand-700 underline">
                {t("postings.detail.review")}
              </Link>
            ) : null}
          </div>
        }
      />
      {unpublished ? <Notice tone="warning">{t("postings.detail.preview", { status: t(`postings.phase.${phase}`) })}</Notice> : null}
      {posting.cancel_reason ? (
        <Notice tone="warning">
          <span className="font-semibold">{t("postings.detail.reason.cancelled")}</span> {t("postings.field.cancelReason")}: {posting.cancel_reason}
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card title={t("postings.detail.about")}>
            <AboutPosting posting={posting} />
          </Card>
          <Card title={t("postings.detail.conditions")}>
            <ConditionFacts posting={posting} showApplications={false} />
          </Card>
        </div>
        <aside className="lg:sticky lg:top-4 lg:self-start">
          <Card title={t("postings.detail.application")}>
            <dl className="mb-4 space-y-2 text-sm">
              <div>
                <dt className="text-slate-600">{t("postings.field.window")}</dt>
                <dd className="font-medium">
                  {formatDate(posting.apply_from, locale)} 〜 {formatDate(posting.apply_until, locale)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("postings.field.capacity")}</dt>
                <dd className="font-medium">{t("postings.detail.placesLeft", { left, capacity: posting.capacity })}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("postings.field.applications")}</dt>
                <dd className="font-medium">{t("postings.detail.applications", { count: posting.application_count })}</dd>
              </div>
            </dl>
            {check.canApply ? (
              <div className="space-y-2">
                <Link
                  to={`/postings/${posting.id}/apply`}
                  className="block rounded-md bg-brand-700 px-4 py-3 text-center font-semibold text-white shadow-sm hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
                >
                  {t("postings.detail.apply")}
                </Link>
                <p className="text-xs text-slate-600">{t("postings.detail.apply.note")}</p>
              </div>
            ) : (
              <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" data-testid="apply-blocked" data-reason={reason ?? undefined}>
                <p>{reason ? t(`postings.detail.reason.${reason}`, { date: formatDate(posting.apply_from, locale), grade: posting.max_grade ?? "" }) : null}</p>
                {reason === "applied" && myApplicationId ? (
                  <Link to={`/me/applications/${myApplicationId}`} className="mt-2 inline-block font-medium text-brand-700 underline">
                    {t("postings.detail.reason.applied.link")}
                  </Link>
                ) : null}
              </div>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
