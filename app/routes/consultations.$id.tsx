import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Facts, Prose } from "../ui/Facts";
import { parseId } from "../applications/http.server";
import { audit } from "../audit/audit.server";
import { notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { cancelBooking, moveBooking } from "../consultations/booking.server";
import { getOwnBooking, loadFreeSlots, loadWeek } from "../consultations/booking-queries.server";
import { isBookingError, type BookingErrorCode, type SlotOffer } from "../consultations/booking-errors";
import { CANCEL_REASON_MAX } from "../consultations/booking-limits";
import { bookingActionSchema, parseSlotInstant } from "../consultations/booking-schemas";
import { BookingStatusBadge, formatMoment, formatSession, LockIcon, ModeTag, SlotWeek, WeekNav } from "../consultations/BookingParts";
import { changeCutoff } from "../calendar.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../consultations/booking.messages";

export const meta: MetaFunction = () => [{ title: "キャリア相談の予約 | 職員チャレンジポータル" }];

/** Only the booking's employee: to anyone else — counsellors and HR included — this page does not exist. */
async function loadOwn(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(idParam);
  const db = getDb();
  const booking = await getOwnBooking(db, { bookingId: id, employeeId: user.id });
  if (!booking) notFound();
  return { user, db, booking };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, db, booking } = await loadOwn(request, params.id);
  const now = new Date();
  const url = new URL(request.url);
  const cutoff = changeCutoff(booking.startsAt);
  const upcoming = booking.status === "booked" && booking.startsAt.getTime() > now.getTime();
  const canChange = upcoming && now.getTime() < cutoff.getTime();
  const moving = canChange && url.searchParams.get("move") === "1";

  let week = null;
  let target: { startsAt: string; endsAt: string; changeUntil: string; changeable: boolean } | null = null;
  let targetGone = false;
  if (moving) {
    const to = parseSlotInstant(url.searchParams.get("to"));
    const common = { counselorId: booking.counselorId, now, employeeId: user.id, excludeBookingId: booking.id };
    week = await loadWeek(db, { ...common, week: url.searchParams.get("week"), around: to, locale: user.locale });
    if (to) {
      const hit = (await loadFreeSlots(db, { ...common, from: to, to: new Date(to.getTime() + 1) })).find((s) => s.startsAt.getTime() === to.getTime());
      if (hit) {
        const until = changeCutoff(hit.startsAt);
        target = { startsAt: hit.startsAt.toISOString(), endsAt: hit.endsAt.toISOString(), changeUntil: until.toISOString(), changeable: now < until };
      }
      else targetGone = true;
    }
  }
  // Reading a confidential note is audit-logged, whoever reads it (here: its own author). Never its text.
  if (booking.note) await audit(db, { actorId: user.id, action: "consultation.note.read", entityType: "consultation_booking", entityId: booking.id, detail: { reader: "employee" }, ip: clientIp(context) });

  return json({
    booking: {
      id: booking.id,
      counselorName: booking.counselorName,
      counselorEmail: booking.counselorEmail,
      counselorQualifications: booking.counselorQualifications,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      mode: booking.mode,
      room: booking.room,
      meetingUrl: booking.mode === "online" && upcoming ? booking.meetingUrl : "",
      topic: booking.topic,
      note: booking.note,
      status: booking.status,
      cancelledAt: booking.cancelledAt,
      cancelledByCounselor: booking.cancelledByCounselor,
      cancelReason: booking.cancelReason,
    },
    cutoff,
    upcoming,
    canChange,
    moving,
    week,
    target,
    targetGone,
  });
}

interface Refusal {
  code: BookingErrorCode;
  alternatives: SlotOffer[];
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, db, booking } = await loadOwn(request, params.id);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: bookingActionSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply(), refusal: null as Refusal | null }, { status: 400 });
  const value = submission.value;
  const ctx = { actorId: user.id, ip: clientIp(context) };
  try {
    if (value.intent === "move") {
      await moveBooking(db, { bookingId: booking.id, startsAt: parseSlotInstant(value.startsAt)! }, ctx);
      return redirect(`/consultations/${booking.id}?done=moved`);
    }
    await cancelBooking(db, { bookingId: booking.id, reason: value.reason ?? null, by: "employee" }, ctx);
    return redirect(`/consultations/${booking.id}?done=cancelled`);
  } catch (error) {
    if (!isBookingError(error)) throw error;
    if (error.code === "not_found") notFound();
    const refusal: Refusal = { code: error.code, alternatives: error.details.alternatives ?? [] };
    return json({ result: submission.reply({ formErrors: [t(`booking.error.${error.code}`)] }), refusal }, { status: error.status });
  }
}

const linkButton =
  "inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2";

export default function ConsultationBooking() {
  const { booking, cutoff, upcoming, canChange, moving, week, target, targetGone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const done = params.get("done");
  const busy = navigation.state === "submitting";
  const formErrors = actionData?.result.error?.[""] ?? null;
  const reasonErrors = actionData?.result.error?.reason ?? null;
  const alternatives = actionData?.refusal?.alternatives ?? [];
  const base = `/consultations/${booking.id}`;
  const moveHref = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ move: "1", ...extra }).toString()}`;
  const japanTime = locale === "en" ? "(Japan time)" : "（日本時間）";

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={t("booking.detail.title")}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-semibold text-slate-900">{formatSession(booking.startsAt, booking.endsAt, locale)}</span>
            <BookingStatusBadge status={booking.status} t={t} />
          </span>
        }
        actions={
          <Link to="/consultations" className="text-sm text-brand-700 underline">
            {t("booking.detail.back")}
          </Link>
        }
      />
      {done === "booked" ? <Notice tone="success">{t("booking.done.booked")}</Notice> : null}
      {done === "moved" ? <Notice tone="success">{t("booking.done.moved")}</Notice> : null}
      {done === "cancelled" ? <Notice tone="success">{t("booking.done.cancelled")}</Notice> : null}
      {formErrors ? (
        <div className="mb-4">
          <FormError errors={formErrors} />
        </div>
      ) : null}
      {alternatives.length > 0 ? (
        <Card title={t("booking.alternatives.title")}>
          <p className="mb-3 text-sm text-slate-800">{t("booking.alternatives.moveLead")}</p>
          <ul className="flex flex-wrap gap-2" data-testid="alternatives">
            {alternatives.map((alt) => (
              <li key={alt.startsAt}>
                <Link to={moveHref({ to: alt.startsAt })} className="inline-flex rounded-md border border-brand-600/40 bg-brand-50 px-3 py-1.5 text-sm font-semibold text-brand-900 hover:bg-brand-100">
                  {formatSession(alt.startsAt, alt.endsAt, locale)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <div className="mt-4 space-y-6">
        <Card>
          <Facts
            rows={[
              [t("booking.detail.when"), <span key="w" className="font-semibold">{`${formatSession(booking.startsAt, booking.endsAt, locale)}${japanTime}`}</span>],
              [
                t("booking.detail.counselor"),
                <span key="c">
                  {booking.counselorName}
                  {booking.counselorQualifications ? <span className="ml-2 text-slate-600">{booking.counselorQualifications}</span> : null}
                </span>,
              ],
              [t("booking.detail.mode"), <ModeTag key="m" mode={booking.mode} t={t} />],
              [t("booking.detail.place"), booking.mode === "in_person" ? booking.room : null],
              [
                t("booking.detail.link"),
                booking.meetingUrl ? (
                  <a key="l" href={booking.meetingUrl} className="break-all text-brand-700 underline" rel="noreferrer" target="_blank">
                    {booking.meetingUrl}
                  </a>
                ) : null,
              ],
              [t("booking.detail.topic"), t(`booking.topic.${booking.topic}`)],
              [t("booking.detail.status"), <BookingStatusBadge key="s" status={booking.status} t={t} />],
              [t("booking.detail.cancelledAt"), booking.cancelledAt ? formatMoment(booking.cancelledAt, locale) : null],
            ]}
          />
          {booking.status === "cancelled" && booking.cancelledByCounselor ? <p className="mt-3 text-sm text-slate-800">{t("booking.detail.cancelledByCounselor")}</p> : null}
          {booking.status === "cancelled" && booking.cancelReason ? (
            <div className="mt-3">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("booking.detail.cancelReason")}</h3>
              <Prose>{booking.cancelReason}</Prose>
            </div>
          ) : null}
          <div className="mt-5">
            <h3 className="mb-1 text-sm font-semibold text-slate-800">{t("booking.detail.note")}</h3>
            <Prose>{booking.note || t("booking.detail.noteNone")}</Prose>
            <p className="mt-1 flex items-center gap-1 text-xs text-slate-600">
              <LockIcon className="h-3.5 w-3.5" />
              {t("booking.detail.noteVisibility")}
            </p>
          </div>
        </Card>

        {upcoming ? (
          <Card title={t("booking.change.title")}>
            {canChange ? (
              <div className="space-y-6">
                <p className="text-sm text-slate-800" data-testid="change-until">
                  {t("booking.change.until", { until: `${formatMoment(cutoff, locale)}${japanTime}` })}
                </p>

                <section aria-labelledby="move-title" className="space-y-3">
                  <h3 id="move-title" className="font-semibold text-slate-900">
                    {t("booking.move.title")}
                  </h3>
                  {!moving ? (
                    <>
                      <p className="text-sm text-slate-700">{t("booking.move.lead")}</p>
                      <Link to={moveHref({})} className={linkButton} data-testid="move-open">
                        {t("booking.move.open")}
                      </Link>
                    </>
                  ) : (
                    <>
                      {targetGone ? <Notice tone="warning">{t("booking.slot.gone")}</Notice> : null}
                      {target ? (
                        <Form method="post" className="rounded-md border border-brand-600/40 bg-brand-50 p-4" data-testid="move-confirm">
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="startsAt" value={target.startsAt} />
                          <p className="mb-2 text-sm text-slate-900">
                            {t("booking.move.confirm", { from: formatSession(booking.startsAt, booking.endsAt, locale), to: formatSession(target.startsAt, target.endsAt, locale) })}
                          </p>
                          <p className={`mb-3 text-sm ${target.changeable ? "text-slate-700" : "font-medium text-amber-900"}`}>
                            {target.changeable ? t("booking.form.changeUntil", { until: formatMoment(target.changeUntil, locale) }) : t("booking.form.noChange", { until: formatMoment(target.changeUntil, locale) })}
                          </p>
                          <div className="flex flex-wrap items-center gap-3">
                            <Button type="submit" disabled={busy}>
                              {t("booking.move.submit")}
                            </Button>
                            <Link to={moveHref(week ? { week: week.weekStart } : {})} className="text-sm text-brand-700 underline">
                              {t("booking.move.cancel")}
                            </Link>
                          </div>
                        </Form>
                      ) : null}
                      {week ? (
                        <>
                          <WeekNav
                            t={t}
                            locale={locale}
                            weekStart={week.weekStart}
                            weekEnd={week.weekEnd}
                            prevHref={week.weekStart > week.firstWeek ? moveHref({ week: shiftWeek(week.weekStart, -7) }) : null}
                            nextHref={week.weekStart < week.lastWeek ? moveHref({ week: shiftWeek(week.weekStart, 7) }) : null}
                            thisHref={null}
                          />
                          {week.days.every((d) => d.slots.length === 0) ? <p className="text-sm text-slate-700">{t("booking.week.empty")}</p> : null}
                          <SlotWeek t={t} locale={locale} days={week.days} selected={target?.startsAt ?? null} hrefFor={(slot) => moveHref({ week: week.weekStart, to: slot.startsAt })} />
                          <p className="text-xs text-slate-600">{t("booking.timezone")}</p>
                        </>
                      ) : null}
                      <Link to={base} className="inline-block text-sm text-brand-700 underline">
                        {t("booking.move.close")}
                      </Link>
                    </>
                  )}
                </section>

                <section aria-labelledby="cancel-title" className="border-t border-slate-200 pt-5">
                  <h3 id="cancel-title" className="mb-2 font-semibold text-slate-900">
                    {t("booking.cancel.title")}
                  </h3>
                  <details className="group" open={reasonErrors ? true : undefined}>
                    <summary className="inline-flex cursor-pointer list-none items-center rounded-md border border-red-700 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700" data-testid="cancel-open">
                      {t("booking.cancel.open")}
                    </summary>
                    <Form method="post" className="mt-3 space-y-3 rounded-md border border-red-200 bg-red-50/40 p-4">
                      <input type="hidden" name="intent" value="cancel" />
                      <p className="text-sm text-red-900">{t("booking.cancel.warning")}</p>
                      <div className="space-y-1">
                        <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
                          {t("booking.cancel.reason")}（{t("common.optional")}）
                        </label>
                        <p id="reason-hint" className="text-sm text-slate-600">
                          {t("booking.cancel.reason.hint")}
                        </p>
                        <textarea
                          id="reason"
                          name="reason"
                          rows={3}
                          maxLength={CANCEL_REASON_MAX * 2}
                          aria-describedby={`reason-hint${reasonErrors ? " reason-error" : ""}`}
                          aria-invalid={reasonErrors ? true : undefined}
                          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
                        />
                        {reasonErrors ? (
                          <p id="reason-error" role="alert" className="text-sm font-medium text-red-700">
                            {reasonErrors[0]}
                          </p>
                        ) : null}
                      </div>
                      <Button type="submit" variant="danger" disabled={busy} data-testid="cancel-submit">
                        {t("booking.cancel.submit")}
                      </Button>
                    </Form>
                  </details>
                </section>
              </div>
            ) : (
              <div className="space-y-2 text-sm text-slate-800" data-testid="after-cutoff">
                <p className="font-semibold">{t("booking.change.closed", { until: `${formatMoment(cutoff, locale)}${japanTime}` })}</p>
                <p>{t("booking.change.contact", { name: booking.counselorName, email: booking.counselorEmail })}</p>
              </div>
            )}
          </Card>
        ) : null}
      </div>
    </div>
  );
}

function shiftWeek(monday: string, days: number): string {
  const date = new Date(`${monday}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
