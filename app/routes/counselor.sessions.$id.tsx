import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseId } from "../applications/http.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { FactList, ModeTag, NoteText, SessionStatusBadge, SessionWhen } from "../consultations/CounselorParts";
import {
  addNoteSchema,
  CANCEL_REASON_MAX,
  cancelSchema,
  counselorErrorMessage,
  editNoteSchema,
  isCounselorError,
  NOTE_MAX,
  outcomeSchema,
} from "../consultations/counselor-schemas";
import { cancelBookingByCounselor } from "../consultations/counselor.server";
import { addSessionNote, readSessionNotes, updateSessionNote } from "../consultations/notes.server";
import { getCounselorSession, markSessionOutcome } from "../consultations/schedule.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { formatDateTime } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { FormError, TextAreaField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import { textareaProps } from "../ui/conform";
import "../consultations/counselor.messages";

export const meta: MetaFunction = () => [{ title: "相談の詳細 | 職員チャレンジポータル" }];

// One session, for its counsellor only: anyone else — another counsellor, hr_admin, the employee — gets 403 (no
// counsellor role) or 404 (not their booking), for the page and for every action. The page shows the employee's
// confidential note and the counsellor's private notes; each load is audit-logged (consultation.note_read).

const DONE = ["completed", "no_show", "cancel", "add-note", "edit-note"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, "counselor");
  const bookingId = parseId(params.id);
  const db = getDb();
  const session = await getCounselorSession(db, { bookingId, counselorId: user.id });
  if (!session) notFound();
  const { employeeNote, notes } = await readSessionNotes(db, { bookingId }, { actorId: user.id, ip: clientIp(context) });
  const now = Date.now();
  const started = new Date(session.starts_at).getTime() <= now;
  const done = new URL(request.url).searchParams.get("done");
  return json(
    {
      session,
      employeeNote,
      notes,
      canRecord: session.status === "booked" && started,
      canCancel: session.status === "booked" && !started,
      done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
    },
    // Confidential: never kept by a browser or proxy cache.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "counselor");
  const bookingId = parseId(params.id);
  const db = getDb();
  const session = await getCounselorSession(db, { bookingId, counselorId: user.id });
  if (!session) notFound();
  const t = translator(user.locale);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const ctx = { actorId: user.id, ip: clientIp(context) };
  const schema =
    intent === "cancel" ? cancelSchema(t) : intent === "add-note" ? addNoteSchema(t) : intent === "edit-note" ? editNoteSchema(t) : outcomeSchema;
  const submission = parseWithZod(formData, { schema });
  const noteId = Number(formData.get("noteId")) || null;
  if (submission.status !== "success") return json({ intent, noteId, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    if (value.intent === "cancel") await cancelBookingByCounselor(db, { bookingId, reason: value.reason }, ctx);
    else if (value.intent === "add-note") await addSessionNote(db, { bookingId, body: value.body }, ctx);
    else if (value.intent === "edit-note") await updateSessionNote(db, { bookingId, noteId: value.noteId, body: value.body }, ctx);
    else await markSessionOutcome(db, { bookingId, outcome: value.intent }, ctx);
  } catch (error) {
    if (!isCounselorError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json({ intent, noteId, result: submission.reply({ formErrors: [counselorErrorMessage(t, error)] }) }, { status: error.status });
  }
  return redirect(`/counselor/sessions/${bookingId}?done=${value.intent}${value.intent === "add-note" || value.intent === "edit-note" ? "#notes" : ""}`);
}

export default function CounselorSessionPage() {
  const { session, employeeNote, notes, canRecord, canCancel, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";

  const [cancelForm, cancelFields] = useForm({
    id: "cancel-form",
    lastResult: actionData?.intent === "cancel" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [noteForm, noteFields] = useForm({
    id: "note-form",
    lastResult: actionData?.intent === "add-note" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addNoteSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const outcomeErrors = actionData && (actionData.intent === "completed" || actionData.intent === "no_show") ? (actionData.result.error?.[""] ?? null) : null;

  const place =
    session.mode === "in_person" ? (
      session.room
    ) : session.meeting_url ? (
      <a href={session.meeting_url} target="_blank" rel="noopener noreferrer" className="break-all text-brand-700 underline hover:text-brand-900">
        {session.meeting_url}
      </a>
    ) : null;

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={t("counselor.session.title")}
        lead={<SessionWhen startsAt={session.starts_at} endsAt={session.ends_at} locale={locale} />}
        actions={
          <Link to="/counselor" className="text-sm text-brand-700 underline">
            {t("counselor.session.back")}
          </Link>
        }
      />
      {done ? <Notice tone="success">{t(`counselor.done.${done}`)}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Card title={t("counselor.session.booking")}>
            <FactList
              rows={[
                [t("counselor.col.when"), <SessionWhen key="w" startsAt={session.starts_at} endsAt={session.ends_at} locale={locale} />],
                [t("counselor.col.employee"), `${session.employee_name}（${session.employee_no}）`],
                [t("counselor.col.unit"), session.unit_name],
                [t("counselor.col.mode"), <ModeTag key="m" mode={session.mode} t={t} />],
                [t(session.mode === "in_person" ? "counselor.session.room" : "counselor.session.meetingUrl"), place],
                [t("counselor.col.topic"), t(`counselor.topic.${session.topic}`)],
                [t("counselor.col.status"), <SessionStatusBadge key="s" status={session.status} t={t} />],
                [t("counselor.session.bookedAt"), formatDateTime(session.created_at, locale)],
                [t("counselor.session.cancelledAt"), session.cancelled_at ? `${formatDateTime(session.cancelled_at, locale)}（${t(session.cancelled_by_counselor ? "counselor.cancelledBy.counselor" : "counselor.cancelledBy.employee")}）` : null],
                [t("counselor.session.cancelReason"), session.cancel_reason],
              ]}
            />
          </Card>

          <section aria-labelledby="employee-note-title" className="rounded-lg border border-amber-300 bg-white p-5 shadow-sm">
            <h2 id="employee-note-title" className="mb-1 text-lg font-semibold text-slate-900">
              {t("counselor.session.employeeNote")}
            </h2>
            <p className="mb-3 text-xs text-slate-600">{t("counselor.session.confidential")}</p>
            {employeeNote ? <NoteText>{employeeNote}</NoteText> : <p className="text-sm text-slate-600">{t("counselor.session.noEmployeeNote")}</p>}
          </section>

          <section id="notes" aria-labelledby="notes-title" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="notes-title" className="mb-1 text-lg font-semibold text-slate-900">
              {t("counselor.session.notes")}
            </h2>
            <p className="mb-4 text-xs text-slate-600">{t("counselor.session.notesLead")}</p>
            {notes.length === 0 ? <p className="mb-4 text-sm text-slate-600">{t("counselor.session.noNotes")}</p> : null}
            <ol className="mb-6 space-y-4">
              {notes.map((note) => {
                const mine = actionData?.intent === "edit-note" && actionData.noteId === note.id ? actionData.result : null;
                const errors = mine?.error?.body ?? null;
                const formErrors = mine?.error?.[""] ?? null;
                return (
                  <li key={note.id} data-testid="counselor-note" className="rounded-md border border-slate-200 p-3">
                    <p className="mb-2 text-xs text-slate-600">
                      {t("counselor.note.written", { at: formatDateTime(note.created_at, locale) })}
                      {new Date(note.updated_at).getTime() !== new Date(note.created_at).getTime() ? `・${t("counselor.note.edited", { at: formatDateTime(note.updated_at, locale) })}` : ""}
                    </p>
                    <NoteText>{note.body}</NoteText>
                    <details className="mt-2" open={Boolean(mine)}>
                      <summary className="cursor-pointer text-sm font-semibold text-brand-700 underline">{t("counselor.note.edit")}</summary>
                      <Form method="post" className="mt-2 space-y-2">
                        <input type="hidden" name="intent" value="edit-note" />
                        <input type="hidden" name="noteId" value={note.id} />
                        <FormError errors={formErrors} />
                        <TextAreaField id={`note-${note.id}`} name="body" label={t("counselor.note.body")} defaultValue={note.body} rows={5} maxLength={NOTE_MAX} errors={errors} required requiredLabel={t("common.required")} />
                        <Button type="submit" variant="secondary" disabled={busy}>
                          {t("counselor.note.save")}
                        </Button>
                      </Form>
                    </details>
                  </li>
                );
              })}
            </ol>
            <Form method="post" className="space-y-3 border-t border-slate-200 pt-4" {...getFormProps(noteForm)}>
              <input type="hidden" name="intent" value="add-note" />
              <FormError errors={noteForm.errors} />
              <TextAreaField
                label={t("counselor.note.add")}
                hint={t("counselor.note.hint", { max: NOTE_MAX })}
                errors={noteFields.body.errors}
                rows={5}
                maxLength={NOTE_MAX}
                {...textareaProps(noteFields.body)}
                id="new-note"
              />
              <Button type="submit" disabled={busy}>
                {t("counselor.note.addButton")}
              </Button>
            </Form>
          </section>
        </div>

        <aside className="space-y-6">
          {canRecord ? (
            <Card title={t("counselor.session.record")}>
              <p className="mb-3 text-sm text-slate-700">{t("counselor.session.recordLead")}</p>
              <FormError errors={outcomeErrors} />
              <Form method="post" className="flex flex-wrap gap-2">
                <Button type="submit" name="intent" value="completed" disabled={busy}>
                  {t("counselor.outcome.completed")}
                </Button>
                <Button type="submit" name="intent" value="no_show" variant="secondary" disabled={busy}>
                  {t("counselor.outcome.no_show")}
                </Button>
              </Form>
            </Card>
          ) : null}
          {canCancel ? (
            <Card title={t("counselor.session.cancel")}>
              <p className="mb-3 text-sm text-slate-700">{t("counselor.session.cancelLead")}</p>
              <Form method="post" className="space-y-3" {...getFormProps(cancelForm)}>
                <input type="hidden" name="intent" value="cancel" />
                <FormError errors={cancelForm.errors} />
                <TextAreaField
                  label={t("counselor.cancel.reason")}
                  hint={t("counselor.cancel.reasonHint")}
                  errors={cancelFields.reason.errors}
                  required
                  requiredLabel={t("common.required")}
                  rows={4}
                  maxLength={CANCEL_REASON_MAX}
                  {...textareaProps(cancelFields.reason)}
                  id="cancel-reason"
                />
                <Button type="submit" variant="danger" disabled={busy}>
                  {t("counselor.cancel.button")}
                </Button>
              </Form>
            </Card>
          ) : null}
          {!canRecord && !canCancel ? (
            <Card title={t("counselor.session.state")}>
              <p className="text-sm text-slate-700">{t(`counselor.session.stateLead.${session.status}`)}</p>
            </Card>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
