import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes } from "react";
import { requireRole } from "../auth/permissions.server";
import { addDateOverride, addWeeklyHours, listDateOverrides, listWeeklyHours, removeDateOverride, removeWeeklyHours } from "../consultations/availability.server";
import { EmptyState, sessionDay } from "../consultations/CounselorParts";
import {
  addHoursSchema,
  addOverrideSchema,
  counselorErrorMessage,
  isCounselorError,
  OVERRIDE_NOTE_MAX,
  PROFILE_LIMITS,
  profileSchema,
  removeHoursSchema,
  removeOverrideSchema,
  shortTime,
  WEEKDAYS,
} from "../consultations/counselor-schemas";
import { defaultProfile, getCounselorProfile, saveCounselorProfile } from "../consultations/counselor.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextAreaField, TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { inputProps, selectProps, textareaProps } from "../ui/conform";
import "../consultations/counselor.messages";

export const meta: MetaFunction = () => [{ title: "相談員の設定 | 職員チャレンジポータル" }];

// The counsellor's own profile, booking rules, weekly hours and date exceptions. Every change is audit-logged by
// the domain module; the form errors sit beside their fields (conform + one zod schema per form).

type Intent = "save-profile" | "add-hours" | "remove-hours" | "add-override" | "remove-override";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "counselor");
  const db = getDb();
  const today = todayInTokyo();
  const [profile, weekly, overrides] = await Promise.all([getCounselorProfile(db, user.id), listWeeklyHours(db, user.id), listDateOverrides(db, user.id, { from: today })]);
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  const affected = Number(url.searchParams.get("affected")) || 0;
  const known: Intent[] = ["save-profile", "add-hours", "remove-hours", "add-override", "remove-override"];
  return json({
    hasProfile: Boolean(profile),
    profile: profile ?? defaultProfile(user.name),
    updatedAt: profile?.updated_at ?? null,
    weekly: weekly.map((w) => ({ id: w.id, weekday: w.weekday, starts: shortTime(w.starts), ends: shortTime(w.ends) })),
    overrides: overrides.map((o) => ({ ...o, starts: o.starts ? shortTime(o.starts) : null, ends: o.ends ? shortTime(o.ends) : null })),
    today,
    done: known.includes(done as Intent) ? (done as Intent) : null,
    affected,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "counselor");
  const t = translator(user.locale);
  const db = getDb();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const ctx = { actorId: user.id, ip: clientIp(context) };
  const fail = (result: SubmissionResult<string[]>, status: number) => json({ intent, result }, { status });

  try {
    if (intent === "save-profile") {
      const submission = parseWithZod(formData, { schema: profileSchema(t) });
      if (submission.status !== "success") return fail(submission.reply(), 400);
      const v = submission.value;
      await saveCounselorProfile(
        db,
        {
          displayName: v.displayName,
          qualifications: v.qualifications,
          introduction: v.introduction,
          sessionMinutes: v.sessionMinutes,
          bufferMinutes: v.bufferMinutes,
          minNoticeBusinessDays: v.minNoticeBusinessDays,
          horizonDays: v.horizonDays,
          maxPerDay: v.maxPerDay,
          offersInPerson: v.offersInPerson,
          room: v.room,
          offersOnline: v.offersOnline,
          meetingUrl: v.meetingUrl,
          accepting: v.accepting,
        },
        ctx,
      );
      return redirect("/counselor/settings?done=save-profile");
    }
    if (intent === "add-hours") {
      const submission = parseWithZod(formData, { schema: addHoursSchema(t) });
      if (submission.status !== "success") return fail(submission.reply(), 400);
      try {
        await addWeeklyHours(db, submission.value, ctx);
      } catch (error) {
        if (!isCounselorError(error)) throw error;
        const field = error.code === "hours_overlap" || error.code === "range_too_short" ? "starts" : "";
        return fail(submission.reply({ fieldErrors: field ? { [field]: [counselorErrorMessage(t, error)] } : {}, formErrors: field ? [] : [counselorErrorMessage(t, error)] }), error.status);
      }
      return redirect("/counselor/settings?done=add-hours#weekly");
    }
    if (intent === "add-override") {
      const submission = parseWithZod(formData, { schema: addOverrideSchema(t) });
      if (submission.status !== "success") return fail(submission.reply(), 400);
      const v = submission.value;
      try {
        const { bookingsAffected } = await addDateOverride(db, { onDate: v.onDate, kind: v.kind, starts: v.starts ?? null, ends: v.ends ?? null, note: v.note }, ctx);
        return redirect(`/counselor/settings?done=add-override${bookingsAffected ? `&affected=${bookingsAffected}` : ""}#overrides`);
      } catch (error) {
        if (!isCounselorError(error)) throw error;
        const field = error.code === "override_past" || error.code === "override_too_far" ? "onDate" : error.code === "override_overlap" || error.code === "range_too_short" ? "starts" : "";
        return fail(submission.reply({ fieldErrors: field ? { [field]: [counselorErrorMessage(t, error)] } : {}, formErrors: field ? [] : [counselorErrorMessage(t, error)] }), error.status);
      }
    }
    if (intent === "remove-hours" || intent === "remove-override") {
      const submission = parseWithZod(formData, { schema: intent === "remove-hours" ? removeHoursSchema : removeOverrideSchema });
      if (submission.status !== "success") return fail(submission.reply(), 400);
      if (intent === "remove-hours") await removeWeeklyHours(db, { id: submission.value.id }, ctx);
      else await removeDateOverride(db, { id: submission.value.id }, ctx);
      return redirect(`/counselor/settings?done=${intent}#${intent === "remove-hours" ? "weekly" : "overrides"}`);
    }
  } catch (error) {
    if (!isCounselorError(error)) throw error;
    return fail({ status: "error", error: { "": [counselorErrorMessage(t, error)] } }, error.status);
  }
  return fail({ status: "error", error: { "": [t("counselor.error.state_changed")] } }, 400);
}

/** A small whole-number setting: label above, the box with its unit beside it, the range as a hint. */
function NumberRule({ id, label, suffix, hint, errors, requiredLabel, ...input }: { id: string; label: string; suffix: string; hint: string; errors?: string[] | null; requiredLabel: string } & InputHTMLAttributes<HTMLInputElement>) {
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{requiredLabel}</span>
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          inputMode="numeric"
          required
          className="block w-24 rounded-md border border-slate-400 bg-white px-3 py-2 text-right tabular-nums text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-700"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
        <span className="text-sm text-slate-700">{suffix}</span>
        <span id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </span>
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

function Checkbox({ id, label, hint, errors, ...input }: { id: string; label: string; hint?: string; errors?: string[] | null } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-1 h-4 w-4 rounded border-slate-400 text-brand-700 focus:ring-brand-600" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
          {hint ? (
            <span id={`${id}-hint`} className="block text-xs font-normal text-slate-600">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

export default function CounselorSettings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const p = data.profile;

  const [profileForm, f] = useForm({
    id: "profile-form",
    lastResult: resultFor("save-profile"),
    defaultValue: {
      displayName: p.display_name,
      qualifications: p.qualifications,
      introduction: p.introduction,
      sessionMinutes: String(p.session_minutes),
      bufferMinutes: String(p.buffer_minutes),
      minNoticeBusinessDays: String(p.min_notice_business_days),
      horizonDays: String(p.horizon_days),
      maxPerDay: String(p.max_per_day),
      offersInPerson: p.offers_in_person ? "on" : undefined,
      room: p.room,
      offersOnline: p.offers_online ? "on" : undefined,
      meetingUrl: p.meeting_url,
      accepting: p.accepting ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [hoursForm, h] = useForm({
    id: "hours-form",
    lastResult: resultFor("add-hours"),
    defaultValue: { weekday: "1", starts: "09:00", ends: "12:00" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addHoursSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [overrideForm, o] = useForm({
    id: "override-form",
    lastResult: resultFor("add-override"),
    defaultValue: { kind: "off" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addOverrideSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const removeErrors = actionData && (actionData.intent === "remove-hours" || actionData.intent === "remove-override") ? (actionData.result.error?.[""] ?? null) : null;
  const num = (field: typeof f.sessionMinutes, name: string, limits: { min: number; max: number }, suffix: string) => (
    <NumberRule
      id={name}
      label={t(`counselor.profile.${name}`)}
      suffix={suffix}
      hint={t("counselor.number.rangeHint", { min: limits.min, max: limits.max })}
      errors={field.errors}
      requiredLabel={t("common.required")}
      {...inputProps(field, { type: "text" })}
    />
  );
  const byWeekday = WEEKDAYS.map((weekday) => ({ weekday, ranges: data.weekly.filter((w) => w.weekday === weekday) }));

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("counselor.settings.title")}
        lead={t("counselor.settings.lead")}
        actions={
          <Link to="/counselor" className="text-sm text-brand-700 underline">
            {t("counselor.settings.back")}
          </Link>
        }
      />
      {data.done ? <Notice tone="success">{t(`counselor.settings.done.${data.done}`)}</Notice> : null}
      {data.done === "add-override" && data.affected > 0 ? <Notice tone="warning">{t("counselor.override.affected", { count: data.affected })}</Notice> : null}
      {!data.hasProfile ? <Notice tone="warning">{t("counselor.settings.firstTime")}</Notice> : null}
      <FormError errors={removeErrors} />

      <Card title={t("counselor.settings.profile")}>
        {data.updatedAt ? <p className="-mt-2 mb-4 text-xs text-slate-600">{t("counselor.settings.updatedAt", { at: formatDateTime(data.updatedAt, locale) })}</p> : null}
        <Form method="post" className="space-y-6" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="save-profile" />
          <FormError errors={profileForm.errors} />
          <fieldset className="space-y-4">
            <legend className="mb-2 text-base font-semibold text-slate-900">{t("counselor.settings.shownToEmployees")}</legend>
            <TextField label={t("counselor.profile.displayName")} hint={t("counselor.profile.displayNameHint")} errors={f.displayName.errors} required requiredLabel={t("common.required")} maxLength={PROFILE_LIMITS.displayName} {...inputProps(f.displayName, { type: "text" })} id="displayName" />
            <TextField label={t("counselor.profile.qualifications")} hint={t("counselor.profile.qualificationsHint")} errors={f.qualifications.errors} maxLength={PROFILE_LIMITS.qualifications} {...inputProps(f.qualifications, { type: "text" })} id="qualifications" />
            <TextAreaField label={t("counselor.profile.introduction")} hint={t("counselor.profile.introductionHint", { max: PROFILE_LIMITS.introduction })} errors={f.introduction.errors} rows={4} maxLength={PROFILE_LIMITS.introduction} {...textareaProps(f.introduction)} id="introduction" />
          </fieldset>

          <hr className="border-slate-200" />
          <fieldset className="space-y-4">
            <legend className="mb-2 text-base font-semibold text-slate-900">{t("counselor.settings.modes")}</legend>
            <div className="grid gap-4 md:grid-cols-2">
              <div className="space-y-2 rounded-md border border-slate-200 p-3">
                <Checkbox label={t("counselor.mode.in_person")} errors={f.offersInPerson.errors} {...inputProps(f.offersInPerson, { type: "checkbox" })} id="offersInPerson" />
                <TextField label={t("counselor.profile.room")} hint={t("counselor.profile.roomHint")} errors={f.room.errors} maxLength={PROFILE_LIMITS.room} {...inputProps(f.room, { type: "text" })} id="room" />
              </div>
              <div className="space-y-2 rounded-md border border-slate-200 p-3">
                <Checkbox label={t("counselor.mode.online")} errors={f.offersOnline.errors} {...inputProps(f.offersOnline, { type: "checkbox" })} id="offersOnline" />
                <TextField label={t("counselor.profile.meetingUrl")} hint={t("counselor.profile.meetingUrlHint")} errors={f.meetingUrl.errors} maxLength={PROFILE_LIMITS.meetingUrl} inputMode="url" {...inputProps(f.meetingUrl, { type: "text" })} id="meetingUrl" />
              </div>
            </div>
          </fieldset>

          <hr className="border-slate-200" />
          <fieldset className="space-y-4">
            <legend className="mb-2 text-base font-semibold text-slate-900">{t("counselor.settings.rules")}</legend>
            <div className="grid gap-x-8 gap-y-4 md:grid-cols-2">
              {num(f.sessionMinutes, "sessionMinutes", PROFILE_LIMITS.sessionMinutes, t("counselor.unit.minutes"))}
              {num(f.bufferMinutes, "bufferMinutes", PROFILE_LIMITS.bufferMinutes, t("counselor.unit.minutes"))}
              {num(f.minNoticeBusinessDays, "minNoticeBusinessDays", PROFILE_LIMITS.minNoticeBusinessDays, t("counselor.unit.businessDays"))}
              {num(f.horizonDays, "horizonDays", PROFILE_LIMITS.horizonDays, t("counselor.unit.days"))}
              {num(f.maxPerDay, "maxPerDay", PROFILE_LIMITS.maxPerDay, t("counselor.unit.sessions"))}
            </div>
            <p className="text-xs text-slate-600">{t("counselor.settings.rulesNote")}</p>
            <Checkbox label={t("counselor.profile.accepting")} hint={t("counselor.profile.acceptingHint")} errors={f.accepting.errors} {...inputProps(f.accepting, { type: "checkbox" })} id="accepting" />
          </fieldset>

          <Button type="submit" disabled={busy}>
            {t("counselor.settings.saveProfile")}
          </Button>
        </Form>
      </Card>

      <section id="weekly" aria-labelledby="weekly-title" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="weekly-title" className="mb-1 text-lg font-semibold text-slate-900">
          {t("counselor.settings.weekly")}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{t("counselor.settings.weeklyLead")}</p>
        <ul className="mb-6 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={t("counselor.settings.weekly")}>
          {byWeekday.map(({ weekday, ranges }) => (
            <li key={weekday} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid={`weekday-${weekday}`}>
              <span className="w-16 shrink-0 text-sm font-semibold text-slate-800">{t(`counselor.weekday.${weekday}`)}</span>
              {ranges.length === 0 ? <span className="text-sm text-slate-500">{t("counselor.settings.noHours")}</span> : null}
              {ranges.map((range) => (
                <Form method="post" key={range.id} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-3 pr-1 text-sm text-brand-900 ring-1 ring-inset ring-brand-600/30">
                  <span className="tabular-nums">
                    {range.starts}〜{range.ends}
                  </span>
                  <input type="hidden" name="intent" value="remove-hours" />
                  <input type="hidden" name="id" value={range.id} />
                  <button type="submit" disabled={busy} className="rounded-full px-2 py-0.5 text-xs font-semibold text-brand-800 hover:bg-brand-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" aria-label={t("counselor.settings.removeHours", { weekday: t(`counselor.weekday.${weekday}`), starts: range.starts, ends: range.ends })}>
                    {t("counselor.settings.remove")}
                  </button>
                </Form>
              ))}
            </li>
          ))}
        </ul>
        <Form method="post" className="space-y-3" {...getFormProps(hoursForm)}>
          <input type="hidden" name="intent" value="add-hours" />
          <h3 className="text-sm font-semibold text-slate-900">{t("counselor.settings.addHours")}</h3>
          <FormError errors={hoursForm.errors} />
          <fieldset disabled={!data.hasProfile} className="grid items-start gap-3 sm:grid-cols-[10rem_12rem_12rem_auto]">
            <SelectField label={t("counselor.hours.weekday")} errors={h.weekday.errors} {...selectProps(h.weekday)} id="weekday">
              {WEEKDAYS.map((weekday) => (
                <option key={weekday} value={weekday}>
                  {t(`counselor.weekday.${weekday}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={t("counselor.hours.starts")} errors={h.starts.errors} {...inputProps(h.starts, { type: "time" })} step={300} id="starts" />
            <TextField label={t("counselor.hours.ends")} errors={h.ends.errors} {...inputProps(h.ends, { type: "time" })} step={300} id="ends" />
            <div className="pt-6">
              <Button type="submit" disabled={busy || !data.hasProfile}>
                {t("counselor.settings.add")}
              </Button>
            </div>
          </fieldset>
          {!data.hasProfile ? <p className="text-sm text-slate-600">{t("counselor.settings.profileFirst")}</p> : null}
        </Form>
      </section>

      <section id="overrides" aria-labelledby="overrides-title" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="overrides-title" className="mb-1 text-lg font-semibold text-slate-900">
          {t("counselor.settings.overrides")}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{t("counselor.settings.overridesLead")}</p>
        {data.overrides.length === 0 ? (
          <div className="mb-6">
            <EmptyState>{t("counselor.settings.noOverrides")}</EmptyState>
          </div>
        ) : (
          <ul className="mb-6 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={t("counselor.settings.overrides")}>
            {data.overrides.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2" data-testid="override-row">
                <div className="text-sm">
                  <span className="font-semibold text-slate-900">{sessionDay(`${item.on_date}T00:00:00+09:00`, locale)}</span>{" "}
                  <span className={`ml-1 inline-flex rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${item.kind === "off" ? "bg-red-50 text-red-800 ring-red-300" : "bg-green-50 text-green-900 ring-green-300"}`}>
                    {t(`counselor.override.kind.${item.kind}`)}
                  </span>{" "}
                  <span className="tabular-nums text-slate-800">{item.starts && item.ends ? `${item.starts}〜${item.ends}` : t("counselor.override.wholeDay")}</span>
                  {item.note ? <span className="ml-2 text-slate-600">— {item.note}</span> : null}
                </div>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-override" />
                  <input type="hidden" name="id" value={item.id} />
                  <Button type="submit" variant="secondary" disabled={busy} className="px-3 py-1">
                    {t("counselor.settings.remove")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="space-y-3" {...getFormProps(overrideForm)}>
          <input type="hidden" name="intent" value="add-override" />
          <h3 className="text-sm font-semibold text-slate-900">{t("counselor.settings.addOverride")}</h3>
          <FormError errors={overrideForm.errors} />
          <fieldset disabled={!data.hasProfile} className="space-y-3">
            <div className="grid items-start gap-3 sm:grid-cols-[11rem_12rem_9rem_9rem]">
              <TextField label={t("counselor.override.date")} errors={o.onDate.errors} required requiredLabel={t("common.required")} min={data.today} {...inputProps(o.onDate, { type: "date" })} id="onDate" />
              <SelectField label={t("counselor.override.kind")} errors={o.kind.errors} {...selectProps(o.kind)} id="kind">
                <option value="off">{t("counselor.override.kind.off")}</option>
                <option value="extra">{t("counselor.override.kind.extra")}</option>
              </SelectField>
              <TextField label={t("counselor.override.starts")} errors={o.starts.errors} {...inputProps(o.starts, { type: "time" })} step={300} id="overrideStarts" />
              <TextField label={t("counselor.override.ends")} errors={o.ends.errors} {...inputProps(o.ends, { type: "time" })} step={300} id="overrideEnds" />
            </div>
            <p className="text-xs text-slate-600">{t("counselor.override.timesHint")}</p>
            <TextField label={t("counselor.override.note")} hint={t("counselor.override.noteHint")} errors={o.note.errors} maxLength={OVERRIDE_NOTE_MAX} {...inputProps(o.note, { type: "text" })} id="overrideNote" />
            <Button type="submit" disabled={busy || !data.hasProfile}>
              {t("counselor.settings.add")}
            </Button>
          </fieldset>
        </Form>
      </section>
    </div>
  );
}
