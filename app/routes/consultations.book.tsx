import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { bookConsultation, newIdempotencyKey } from "../consultations/booking.server";
import { counselorsAndFutureBookings, loadFreeSlots, loadWeek, readAheadWindow } from "../consultations/booking-queries.server";
import { isBookingError, type BookingErrorCode, type SlotOffer } from "../consultations/booking-errors";
import { MAX_FUTURE_BOOKINGS, NOTE_MAX } from "../consultations/booking-limits";
import { bookSchema, charCount, parseSlotInstant, TOPICS } from "../consultations/booking-schemas";
import { BookingSteps, formatDay, formatMoment, formatSession, formatTime, LockIcon, ModeTag, SlotWeek, WeekNav } from "../consultations/BookingParts";
import { changeCutoff } from "../calendar.server";
import { getDb } from "../db.server";
import { translator, useLocale, useT, type Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../consultations/booking.messages";

export const meta: MetaFunction = () => [{ title: "キャリア相談の予約 | 職員チャレンジポータル" }];

// Three steps, each a plain GET page so it works without JavaScript: ?c= (counsellor id or 'any'), ?week=
// (a Monday), ?slot= (an ISO instant). The action books; the database refuses double bookings.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const db = getDb();
  const now = new Date();
  const choiceParam = url.searchParams.get("c");
  // With a counsellor (or 指定なし) chosen the page shows a week: its slot inputs come with the counsellors.
  const showsWeek = choiceParam === "any" || (choiceParam !== null && /^\d{1,9}$/.test(choiceParam));
  const { counselors: allCounselors, futureBookings, prefetched } = await counselorsAndFutureBookings(db, user.id, now, showsWeek ? readAheadWindow(now) : undefined, { request });
  const limitReached = futureBookings >= MAX_FUTURE_BOOKINGS;
  const accepting = allCounselors.filter((c) => c.id !== user.id);
  // The cards without the booking rules (those are for loadWeek, not for the page).
  const counselors = accepting.map(({ rules: _rules, ...card }) => card);
  const choice = choiceParam === "any" ? "any" : choiceParam && /^\d{1,9}$/.test(choiceParam) && counselors.some((c) => c.id === Number(choiceParam)) ? choiceParam : null;
  const base = { limitReached, counselors, choice, week: null, selected: null, slotGone: false, idempotencyKey: newIdempotencyKey() };
  if (limitReached || choice === null) return json(base);

  const counselorId = choice === "any" ? null : Number(choice);
  const slot = parseSlotInstant(url.searchParams.get("slot"));
  const week = await loadWeek(db, { counselorId, week: url.searchParams.get("week"), around: slot, now, employeeId: user.id, locale: user.locale, accepting: accepting.map((c) => c.rules), prefetched });
  let selected: { startsAt: string; endsAt: string; counselorId: number; changeUntil: string; changeable: boolean } | null = null;
  if (slot) {
    // The week shown was computed by the same rules: a slot inside it is free exactly when the week lists it.
    const slotDate = tokyoDateOf(slot.toISOString());
    const inWeek = slotDate >= week.weekStart && slotDate <= week.weekEnd;
    const free = inWeek
      ? week.days.flatMap((d) => d.slots).map((s) => ({ counselorId: s.counselorId, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }))
      : await loadFreeSlots(db, { counselorId, from: slot, to: new Date(slot.getTime() + 1), now, employeeId: user.id });
    const hit = free.find((s) => s.startsAt.getTime() === slot.getTime());
    if (hit) {
      const cutoff = changeCutoff(hit.startsAt);
      selected = { startsAt: hit.startsAt.toISOString(), endsAt: hit.endsAt.toISOString(), counselorId: hit.counselorId, changeUntil: cutoff.toISOString(), changeable: now < cutoff };
    }
  }
  return json({ ...base, week, selected, slotGone: slot !== null && selected === null });
}

interface Refusal {
  code: BookingErrorCode;
  alternatives: SlotOffer[];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(user.locale);
  const submission = parseWithZod(await request.formData(), { schema: bookSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply(), refusal: null as Refusal | null }, { status: 400 });
  const value = submission.value;
  try {
    const booked = await bookConsultation(
      getDb(),
      {
        counselorId: value.counselor === "any" ? null : Number(value.counselor),
        startsAt: parseSlotInstant(value.startsAt)!,
        mode: value.mode,
        topic: value.topic,
        note: value.note ?? "",
        idempotencyKey: value.idempotencyKey,
      },
      { actorId: user.id, ip: clientIp(context) },
    );
    return redirect(`/consultations/${booked.bookingId}?done=booked`);
  } catch (error) {
    if (!isBookingError(error)) throw error;
    const refusal: Refusal = { code: error.code, alternatives: error.details.alternatives ?? [] };
    return json({ result: submission.reply({ formErrors: [t(`booking.error.${error.code}`)] }), refusal }, { status: error.status });
  }
}

const linkButton =
  "inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2";

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return `/consultations/book?${search.toString()}`;
}

/** The same link as query({ c, week, slot }) for every time of a week, with its common part built once. */
function slotHref(choice: string | null, week: string): (slot: { startsAt: string }) => string {
  const prefix = `${query({ c: choice, week })}&slot=`;
  return (slot) => prefix + encodeURIComponent(slot.startsAt);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Counselors = LoaderData["counselors"];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function BookConsultation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { counselors, choice, week, selected, limitReached } = data;
  const refusal = actionData?.refusal ?? null;
  const alternatives = refusal?.alternatives ?? [];
  const showForm = !limitReached && choice !== null && (selected !== null || alternatives.length > 0);
  const step = choice === null ? 1 : showForm ? 3 : 2;
  const chosen = choice && choice !== "any" ? counselors.find((c) => String(c.id) === choice) ?? null : null;
  const formErrors = actionData?.result.error?.[""] ?? null;

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={t("booking.book.title")}
        actions={
          <Link to="/consultations" className="text-sm text-brand-700 underline">
            {t("booking.book.back")}
          </Link>
        }
      />
      {limitReached ? (
        <Notice tone="warning">
          <span data-testid="limit-notice">{t("booking.limit")}</span>
        </Notice>
      ) : (
        <>
          <BookingSteps current={step} t={t} />
          {step === 1 ? <ChooseCounselor counselors={counselors} t={t} /> : null}
          {step === 2 && week ? (
            <div className="space-y-4">
              {formErrors ? <FormError errors={formErrors} /> : null}
              {refusal && alternatives.length === 0 ? <Notice tone="info">{t("booking.alternatives.none")}</Notice> : null}
              {data.slotGone && !refusal ? <Notice tone="warning">{t("booking.slot.gone")}</Notice> : null}
              <ChosenCounselorLine name={chosen?.name ?? null} t={t} />
              <Card title={t("booking.week.title")}>
                <p className="mb-3 text-sm text-slate-700">
                  {t("booking.week.rules", { horizon: week.horizonDays })} {t("booking.timezone")}
                </p>
                <WeekNav
                  t={t}
                  locale={locale}
                  weekStart={week.weekStart}
                  weekEnd={week.weekEnd}
                  prevHref={week.weekStart > week.firstWeek ? query({ c: choice, week: shiftWeek(week.weekStart, -7) }) : null}
                  nextHref={week.weekStart < week.lastWeek ? query({ c: choice, week: shiftWeek(week.weekStart, 7) }) : null}
                  thisHref={week.weekStart !== week.firstWeek ? query({ c: choice, week: week.firstWeek }) : null}
                />
                {week.days.every((d) => d.slots.length === 0) ? (
                  <div className="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" data-testid="week-empty">
                    <p>{t("booking.week.empty")}</p>
                    {week.nextFree ? (
                      <p className="mt-1">
                        {t("booking.week.nextFree", { when: `${formatDay(week.nextFree.startsAt, locale)} ${formatTime(week.nextFree.startsAt, locale)}` })}{" "}
                        <Link to={query({ c: choice, week: tokyoDateOf(week.nextFree.startsAt) })} className="font-semibold text-brand-700 underline">
                          {t("booking.week.goNextFree")}
                        </Link>
                      </p>
                    ) : (
                      <p className="mt-1">{t("booking.week.noneAtAll")}</p>
                    )}
                  </div>
                ) : null}
                <SlotWeek t={t} locale={locale} days={week.days} showCounselor={choice === "any"} hrefFor={slotHref(choice, week.weekStart)} />
              </Card>
            </div>
          ) : null}
          {step === 3 && choice ? (
            <BookingForm
              t={t}
              locale={locale}
              choice={choice}
              counselors={counselors}
              chosen={chosen}
              selected={selected}
              weekStart={week?.weekStart ?? null}
              idempotencyKey={data.idempotencyKey}
              actionData={actionData}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

function ChooseCounselor({ counselors, t }: { counselors: Counselors; t: Translate }) {
  return (
    <section aria-labelledby="choose-counselor">
      <h2 id="choose-counselor" className="text-lg font-semibold text-slate-900">
        {t("booking.choose.title")}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-700">{t("booking.choose.lead")}</p>
      {counselors.length === 0 ? (
        <Notice tone="info">{t("booking.choose.none")}</Notice>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          <li className="flex flex-col rounded-lg border-2 border-brand-600/30 bg-brand-50 p-5 shadow-sm" data-testid="counselor-any">
            <h3 className="text-lg font-semibold text-brand-900">{t("booking.choose.any")}</h3>
            <p className="mt-2 flex-1 text-sm text-slate-800">{t("booking.choose.anyBody")}</p>
            <div className="mt-4">
              <Link to={query({ c: "any" })} className={linkButton}>
                {t("booking.choose.selectAny")}
              </Link>
            </div>
          </li>
          {counselors.map((c) => (
            <li key={c.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="counselor-card">
              <h3 className="text-lg font-semibold text-slate-900">{c.name}</h3>
              {c.qualifications ? (
                <p className="mt-1 text-sm text-slate-700">
                  <span className="sr-only">{t("booking.counselor.qualifications")}：</span>
                  {c.qualifications}
                </p>
              ) : null}
              <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                {c.offersInPerson ? <ModeTag mode="in_person" t={t} /> : null}
                {c.offersOnline ? <ModeTag mode="online" t={t} /> : null}
                <span>
                  {t("booking.counselor.session")} {t("booking.minutes", { minutes: c.sessionMinutes })}
                </span>
              </div>
              {c.introduction ? <p className="mt-3 flex-1 whitespace-pre-wrap text-sm leading-6 text-slate-800">{c.introduction}</p> : <div className="flex-1" />}
              <div className="mt-4">
                <Link to={query({ c: String(c.id) })} className={linkButton} aria-label={t("booking.choose.selectLabel", { name: c.name })}>
                  {t("booking.choose.select")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChosenCounselorLine({ name, t }: { name: string | null; t: Translate }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
      <p className="font-medium text-slate-900" data-testid="chosen-counselor">
        {name ? t("booking.week.for", { name }) : t("booking.week.forAny")}
      </p>
      <Link to="/consultations/book" className="text-brand-700 underline">
        {t("booking.counselor.change")}
      </Link>
    </div>
  );
}

const choiceCard = "flex cursor-pointer items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50";

function BookingForm({
  t,
  locale,
  choice,
  counselors,
  chosen,
  selected,
  weekStart,
  idempotencyKey,
  actionData,
}: {
  t: Translate;
  locale: Locale;
  choice: string;
  counselors: Counselors;
  chosen: Counselors[number] | null;
  selected: LoaderData["selected"];
  weekStart: string | null;
  idempotencyKey: string;
  actionData: ActionData;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bookSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [noteLength, setNoteLength] = useState(() => charCount(String(fields.note.initialValue ?? "")));
  const alternatives = selected ? [] : actionData?.refusal?.alternatives ?? [];
  const assigned = selected ? counselors.find((c) => c.id === selected.counselorId) ?? null : null;
  // The modes to offer: the counsellor's; for alternatives under 指定なし, those any counsellor offers.
  const modeSource = assigned ? [assigned] : chosen ? [chosen] : counselors;
  const modes = (["in_person", "online"] as const).filter((m) => modeSource.some((c) => (m === "in_person" ? c.offersInPerson : c.offersOnline)));
  const room = (assigned ?? chosen)?.room ?? "";
  const initialMode = String(fields.mode.initialValue ?? (modes.length === 1 ? modes[0] : ""));
  const initialTopic = String(fields.topic.initialValue ?? "");
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <input type="hidden" name="counselor" value={choice} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div id={form.errorId}>
        <FormError errors={form.errors} />
      </div>

      {alternatives.length > 0 ? (
        <Card title={t("booking.alternatives.title")}>
          <fieldset>
            <legend className="mb-3 text-sm text-slate-800">{t("booking.alternatives.lead")}</legend>
            <ul className="space-y-2" data-testid="alternatives">
              {alternatives.map((alt, index) => (
                <li key={`${alt.startsAt}-${alt.counselorId}`}>
                  <label className={choiceCard}>
                    <input type="radio" name="startsAt" value={alt.startsAt} defaultChecked={index === 0} className="h-4 w-4 accent-brand-700" />
                    <span className="font-semibold text-slate-900">{formatSession(alt.startsAt, alt.endsAt, locale)}</span>
                    <span className="text-slate-700">{alt.counselorName}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </Card>
      ) : null}

      {selected ? (
        <Card title={t("booking.form.selected")}>
          <input type="hidden" name="startsAt" value={selected.startsAt} />
          <dl className="grid grid-cols-[auto_1fr] gap-x-5 gap-y-2 text-sm">
            <dt className="font-medium text-slate-600">{t("booking.col.when")}</dt>
            <dd className="text-base font-semibold text-slate-900" data-testid="selected-slot">
              {formatSession(selected.startsAt, selected.endsAt, locale)}
              <span className="ml-1 text-xs font-normal text-slate-600">（{locale === "en" ? "Japan time" : "日本時間"}）</span>
            </dd>
            <dt className="font-medium text-slate-600">{t("booking.form.counselor")}</dt>
            <dd className="text-slate-900">{assigned ? (choice === "any" ? t("booking.form.assigned", { name: assigned.name }) : assigned.name) : ""}</dd>
          </dl>
          <p className={`mt-3 rounded-md p-2 text-sm ${selected.changeable ? "bg-slate-50 text-slate-700" : "border-l-4 border-amber-700 bg-amber-50 text-amber-900"}`} data-testid="change-rule">
            {selected.changeable
              ? t("booking.form.changeUntil", { until: formatMoment(selected.changeUntil, locale) })
              : t("booking.form.noChange", { until: formatMoment(selected.changeUntil, locale) })}
          </p>
          <p className="mt-3 text-sm">
            <Link to={query({ c: choice, week: weekStart })} className="text-brand-700 underline">
              {t("booking.form.changeSlot")}
            </Link>
          </p>
        </Card>
      ) : null}

      <Card title={t("booking.form.title")}>
        <div className="space-y-6">
          <fieldset aria-describedby={fields.mode.errors ? "mode-error" : undefined}>
            <legend className="mb-2 text-sm font-medium text-slate-800">
              {t("booking.form.mode")}
              <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("common.required")}</span>
            </legend>
            <div className="space-y-2">
              {modes.map((mode) => (
                <label key={mode} className={choiceCard}>
                  <input type="radio" name={fields.mode.name} value={mode} defaultChecked={initialMode === mode} className="h-4 w-4 accent-brand-700" />
                  <span className="text-slate-900">{mode === "in_person" ? t("booking.form.mode.in_person", { room: room || "—" }) : t("booking.form.mode.online")}</span>
                </label>
              ))}
            </div>
            {fields.mode.errors ? (
              <p id="mode-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
                {fields.mode.errors[0]}
              </p>
            ) : null}
          </fieldset>

          <fieldset aria-describedby={`topic-hint${fields.topic.errors ? " topic-error" : ""}`}>
            <legend className="text-sm font-medium text-slate-800">
              {t("booking.form.topic")}
              <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("common.required")}</span>
            </legend>
            <p id="topic-hint" className="mb-2 mt-1 text-sm text-slate-600">
              {t("booking.form.topic.hint")}
            </p>
            <div className="grid gap-2 sm:grid-cols-3">
              {TOPICS.map((topic) => (
                <label key={topic} className={choiceCard}>
                  <input type="radio" name={fields.topic.name} value={topic} defaultChecked={initialTopic === topic} className="h-4 w-4 accent-brand-700" />
                  <span className="text-slate-900">{t(`booking.topic.${topic}`)}</span>
                </label>
              ))}
            </div>
            {fields.topic.errors ? (
              <p id="topic-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
                {fields.topic.errors[0]}
              </p>
            ) : null}
          </fieldset>

          <div className="space-y-1">
            <label htmlFor="note" className="block text-sm font-medium text-slate-800">
              {t("booking.form.note")}（{t("common.optional")}）
            </label>
            <p id="note-hint" className="flex gap-2 rounded-md bg-slate-50 p-2 text-sm text-slate-700">
              <LockIcon className="mt-0.5 h-4 w-4 text-brand-700" />
              <span>{t("booking.form.note.hint")}</span>
            </p>
            <textarea
              id="note"
              name={fields.note.name}
              defaultValue={String(fields.note.initialValue ?? "")}
              rows={5}
              aria-describedby={`note-hint note-counter${fields.note.errors ? " note-error" : ""}`}
              aria-invalid={fields.note.errors ? true : undefined}
              onInput={(event) => setNoteLength(charCount(event.currentTarget.value))}
              className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-700"
            />
            <p id="note-counter" className={`text-right text-xs ${noteLength > NOTE_MAX ? "font-semibold text-red-700" : "text-slate-600"}`} aria-live="polite">
              {t("booking.form.note.counter", { count: noteLength, max: NOTE_MAX })}
            </p>
            {fields.note.errors ? (
              <p id="note-error" role="alert" className="text-sm font-medium text-red-700">
                {fields.note.errors[0]}
              </p>
            ) : null}
          </div>

          <p className="text-sm text-slate-700">{t("booking.form.after")}</p>
          <Button type="submit" disabled={submitting} data-testid="book-submit">
            {submitting ? t("booking.form.submitting") : t("booking.form.submit")}
          </Button>
        </div>
      </Card>
    </Form>
  );
}

function shiftWeek(monday: string, days: number): string {
  const date = new Date(`${monday}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function tokyoDateOf(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
