import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { notFound, requireRole } from "../auth/permissions.server";
import { assignReviewer, getAssignmentBoard, listRoundReviewsForAdmin, runAutoAssignment, unassignReviewer } from "../contest/assignment.server";
import { listRoundConflicts, setConflictOverride, type AutomaticReason } from "../contest/conflicts.server";
import { ProgressBadge, ScoreSheet } from "../contest/ReviewParts";
import { isReviewError } from "../contest/review-errors";
import {
  assignSchema,
  autoAssignSchema,
  CONFLICT_REASON_MAX,
  conflictOverrideSchema,
  PER_PROPOSAL_MAX,
  unassignSchema,
} from "../contest/review-schemas";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT, type Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextAreaField, TextField } from "../ui/Field";
import { inputProps, textareaProps } from "../ui/conform";
import { DataTable, Notice, td, th } from "../ui/Page";
import "../contest/review.messages";

export const meta: MetaFunction = () => [{ title: "利害関係と審査員の割当 | 職員チャレンジポータル" }];

// The round's assignments tab (contest_admin): automatic and manual assignment, the load per reviewer, every
// review with names, and the conflicts of interest with their reasons, to add or clear.

function parseRoundId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "contest_admin");
  const roundId = parseRoundId(params.id);
  const db = getDb();
  const today = todayInTokyo();
  const exists = await db.selectFrom("contest_rounds").select("id").where("id", "=", roundId).executeTakeFirst();
  if (!exists) notFound();
  const [board, conflicts, reviews] = await Promise.all([getAssignmentBoard(db, roundId, today), listRoundConflicts(db, roundId, today), listRoundReviewsForAdmin(db, roundId)]);
  return json({ ...board, conflicts, criteria: reviews.criteria, reviews: reviews.reviews });
}

type ActionReply = { form: string; result?: SubmissionResult<string[]>; message?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "contest_admin");
  const roundId = parseRoundId(params.id);
  const t = translator(user.locale);
  const db = getDb();
  const ctx = { actorId: user.id, ip: clientIp(context) };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const formId = String(formData.get("formId") ?? intent);
  const here = `/admin/contest/rounds/${roundId}/assignments`;
  const round = await db.selectFrom("contest_rounds").select("id").where("id", "=", roundId).executeTakeFirst();
  if (!round) notFound();

  /** Every proposal named in a form must belong to this round. */
  const requireInRound = async (proposalId: number) => {
    const row = await db.selectFrom("contest_proposals").select("id").where("id", "=", proposalId).where("round_id", "=", roundId).executeTakeFirst();
    if (!row) notFound();
  };
  const refused = (error: unknown, reply: (message: string) => ActionReply) => {
    if (!isReviewError(error)) throw error;
    if (error.code === "not_found") notFound();
    return json(reply(t(`contest.review.error.${error.code}`)), { status: error.status });
  };

  if (intent === "auto") {
    const submission = parseWithZod(formData, { schema: autoAssignSchema(t) });
    if (submission.status !== "success") return json<ActionReply>({ form: formId, result: submission.reply() }, { status: 400 });
    const result = await runAutoAssignment(db, { roundId, perProposal: submission.value.perProposal }, ctx);
    return redirect(`${here}?done=auto&n=${result.created.length}&short=${result.shortfalls.length}&per=${result.perProposal}`);
  }
  if (intent === "assign") {
    const submission = parseWithZod(formData, { schema: assignSchema() });
    if (submission.status !== "success") return json<ActionReply>({ form: formId, message: t("contest.review.assign.pick") }, { status: 400 });
    await requireInRound(submission.value.proposalId);
    try {
      await assignReviewer(db, { proposalId: submission.value.proposalId, reviewerId: submission.value.reviewerId }, ctx);
    } catch (error) {
      return refused(error, (message) => ({ form: formId, message }));
    }
    return redirect(`${here}?done=assigned#proposal-${submission.value.proposalId}`);
  }
  if (intent === "unassign") {
    const submission = parseWithZod(formData, { schema: unassignSchema() });
    if (submission.status !== "success") return json<ActionReply>({ form: formId, message: t("contest.review.error.not_found") }, { status: 400 });
    await requireInRound(submission.value.proposalId);
    try {
      await unassignReviewer(db, { ...submission.value, discardSubmitted: submission.value.discardSubmitted === "on" }, ctx);
    } catch (error) {
      return refused(error, (message) => ({ form: formId, message }));
    }
    return redirect(`${here}?done=unassigned#proposal-${submission.value.proposalId}`);
  }
  if (intent === "override") {
    const submission = parseWithZod(formData, { schema: conflictOverrideSchema(t) });
    if (submission.status !== "success") return json<ActionReply>({ form: formId, result: submission.reply() }, { status: 400 });
    await requireInRound(submission.value.proposalId);
    try {
      const { proposalId, reviewerId, state, reason } = submission.value;
      await setConflictOverride(db, { proposalId, reviewerId, state, reason }, ctx);
    } catch (error) {
      return refused(error, (message) => ({ form: formId, result: submission.reply({ formErrors: [message] }) }));
    }
    return redirect(`${here}?done=${submission.value.state === "conflict" ? "conflict_set" : "conflict_cleared"}#conflicts`);
  }
  return json<ActionReply>({ form: formId, message: t("contest.review.error.not_found") }, { status: 400 });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type ConflictRow = Data["conflicts"][number];

function DoneNotice() {
  const [params] = useSearchParams();
  const t = useT();
  const done = params.get("done");
  if (!done) return null;
  if (done === "auto") {
    const n = Number(params.get("n")) || 0;
    const short = Number(params.get("short")) || 0;
    return (
      <Notice tone={short > 0 ? "warning" : "success"}>
        {t("contest.review.done.auto", { count: n, per: Number(params.get("per")) || 0 })}
        {short > 0 ? <span className="mt-1 block">{t("contest.review.done.autoShort", { count: short })}</span> : null}
      </Notice>
    );
  }
  const known = ["assigned", "unassigned", "conflict_set", "conflict_cleared"];
  return known.includes(done) ? <Notice tone="success">{t(`contest.review.done.${done}`)}</Notice> : null;
}

function AutoAssignForm({ defaultPer, lastResult }: { defaultPer: number; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "auto",
    lastResult,
    defaultValue: { perProposal: String(defaultPer) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: autoAssignSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="flex flex-wrap items-end gap-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="auto" />
      <div className="w-56">
        <TextField
          label={t("contest.review.auto.perProposal")}
          hint={t("contest.review.auto.perProposal.hint", { n: defaultPer })}
          errors={fields.perProposal.errors}
          min={1}
          max={PER_PROPOSAL_MAX}
          step={1}
          {...inputProps(fields.perProposal, { type: "number" })}
          id="auto-per-proposal"
        />
      </div>
      <Button type="submit" disabled={navigation.state === "submitting"}>
        {t("contest.review.auto.run")}
      </Button>
    </Form>
  );
}

function ProposalRow({ proposal, data, message }: { proposal: Data["proposals"][number]; data: Data; message: (formId: string) => string | undefined }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const per = data.round.reviewers_per_proposal;
  const count = proposal.assignments.length;
  const reviewerById = new Map(data.reviewers.map((r) => [r.id, r]));
  const reviews = data.reviews.filter((r) => r.proposalId === proposal.id);
  const submitted = reviews.filter((r) => r.status === "submitted").length;
  const assignFormId = `assign-${proposal.id}`;
  return (
    <tr id={`proposal-${proposal.id}`} data-proposal-id={proposal.id} className="align-top">
      <td className={td}>
        <p className="font-semibold text-slate-900">{proposal.title}</p>
        <p className="mt-0.5 text-xs text-slate-600">{t("contest.review.admin.lead", { name: proposal.leadName, unit: proposal.leadUnit })}</p>
        {reviews.length > 0 ? (
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-brand-700 underline">{t("contest.review.admin.reviews", { submitted, total: reviews.length })}</summary>
            <div className="mt-3 space-y-4">
              {reviews.map((r) => (
                <section key={r.id} className="rounded-md border border-slate-200 p-3" data-review-id={r.id}>
                  <h4 className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                    {r.reviewerName}
                    <ProgressBadge progress={r.status} t={t} />
                    <span className="text-xs font-normal text-slate-600">
                      {r.submittedAt ? t("contest.review.submittedAt", { at: formatDateTime(r.submittedAt, locale) }) : t("contest.review.updatedAt", { at: formatDateTime(r.updatedAt, locale) })}
                    </span>
                  </h4>
                  <ScoreSheet criteria={data.criteria} scores={r.scores} overallComment={r.overallComment} t={t} locale={locale} />
                </section>
              ))}
            </div>
          </details>
        ) : null}
      </td>
      <td className={td}>
        {proposal.assignments.length === 0 ? (
          <p className="text-sm text-slate-600">{t("contest.review.admin.noneAssigned")}</p>
        ) : (
          <ul className="space-y-2">
            {proposal.assignments.map((a) => {
              const formId = `unassign-${proposal.id}-${a.reviewerId}`;
              return (
                <li key={a.reviewerId} className="flex flex-wrap items-center gap-2" data-reviewer-id={a.reviewerId}>
                  <span className="text-sm text-slate-900">{a.reviewerName}</span>
                  <ProgressBadge progress={a.progress} t={t} />
                  {a.conflicted ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">{t("contest.review.admin.nowConflicted")}</span> : null}
                  {a.progress === "submitted" ? (
                    // Removing a submitted review destroys a finished evaluation: behind a disclosure, with a checkbox.
                    <details className="text-xs" open={Boolean(message(formId))}>
                      <summary className="cursor-pointer font-semibold text-red-700 underline">
                        {t("contest.review.admin.unassign")}
                        <span className="sr-only">{t("contest.review.admin.of", { name: a.reviewerName })}</span>
                      </summary>
                      <Form method="post" className="mt-1 flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50/60 p-2">
                        <input type="hidden" name="intent" value="unassign" />
                        <input type="hidden" name="formId" value={formId} />
                        <input type="hidden" name="proposalId" value={proposal.id} />
                        <input type="hidden" name="reviewerId" value={a.reviewerId} />
                        <label className="inline-flex items-center gap-1 text-slate-800">
                          <input type="checkbox" name="discardSubmitted" required className="h-4 w-4 rounded border-slate-400" />
                          {t("contest.review.admin.discardSubmitted")}
                        </label>
                        <Button type="submit" variant="danger" className="px-2 py-1 text-xs" disabled={busy}>
                          {t("contest.review.admin.unassignConfirm")}
                        </Button>
                      </Form>
                    </details>
                  ) : (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="unassign" />
                      <input type="hidden" name="formId" value={formId} />
                      <input type="hidden" name="proposalId" value={proposal.id} />
                      <input type="hidden" name="reviewerId" value={a.reviewerId} />
                      <button type="submit" disabled={busy} className="text-xs font-semibold text-red-700 underline hover:text-red-900 disabled:opacity-50">
                        {t("contest.review.admin.unassign")}
                        <span className="sr-only">{t("contest.review.admin.of", { name: a.reviewerName })}</span>
                      </button>
                    </Form>
                  )}
                  {message(formId) ? (
                    <p role="alert" className="w-full text-xs font-medium text-red-700">
                      {message(formId)}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </td>
      <td className={`${td} whitespace-nowrap`}>
        <span className={count < per ? "font-semibold text-amber-800" : "text-slate-900"}>{t("contest.review.admin.count", { count, per })}</span>
      </td>
      <td className={td}>
        {proposal.eligible.length === 0 ? (
          <p className="text-xs text-slate-600">{t("contest.review.admin.noEligible")}</p>
        ) : (
          <Form method="post" className="flex items-center gap-2">
            <input type="hidden" name="intent" value="assign" />
            <input type="hidden" name="formId" value={assignFormId} />
            <input type="hidden" name="proposalId" value={proposal.id} />
            <label htmlFor={`assign-reviewer-${proposal.id}`} className="sr-only">
              {t("contest.review.admin.assignTo", { title: proposal.title })}
            </label>
            <select
              id={`assign-reviewer-${proposal.id}`}
              name="reviewerId"
              required
              defaultValue=""
              className="w-48 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
            >
              <option value="" disabled>
                {t("contest.review.admin.choose")}
              </option>
              {proposal.eligible.map((id) => {
                const r = reviewerById.get(id);
                const load = data.load.find((l) => l.reviewerId === id);
                return r ? (
                  <option key={id} value={id}>
                    {t("contest.review.admin.option", { name: r.name, unit: r.unitName, load: load?.assigned ?? 0 })}
                  </option>
                ) : null;
              })}
            </select>
            <Button type="submit" variant="secondary" className="whitespace-nowrap px-3 py-1.5" disabled={busy}>
              {t("contest.review.admin.assign")}
            </Button>
          </Form>
        )}
        {message(assignFormId) ? (
          <p role="alert" className="mt-1 text-xs font-medium text-red-700">
            {message(assignFormId)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function reasonText(reason: AutomaticReason, t: Translate): string {
  if (reason.kind === "lead") return t("contest.review.conflict.lead");
  if (reason.kind === "member") return t("contest.review.conflict.member");
  return t("contest.review.conflict.sameUnit", { unit: reason.unitName, name: reason.viaName, role: t(`contest.review.conflict.role.${reason.viaRole}`) });
}

function OverrideForm({
  formId,
  row,
  state,
  lastResult,
}: {
  formId: string;
  row: ConflictRow;
  state: "conflict" | "cleared";
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: conflictOverrideSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <details className="text-sm" open={Boolean(lastResult)}>
      <summary className={`cursor-pointer whitespace-nowrap font-semibold underline ${state === "cleared" ? "text-brand-700" : "text-red-700"}`}>
        {t(state === "cleared" ? "contest.review.override.clear" : "contest.review.override.restore")}
      </summary>
      <Form method="post" className="mt-2 w-72 space-y-2 whitespace-normal rounded-md border border-slate-200 bg-slate-50 p-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="override" />
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="state" value={state} />
        <input type="hidden" name="proposalId" value={row.proposalId} />
        <input type="hidden" name="reviewerId" value={row.reviewerId} />
        <div id={form.errorId}>
          <FormError errors={form.errors} />
        </div>
        <TextAreaField
          label={t("contest.review.override.reason")}
          errors={fields.reason.errors}
          rows={2}
          maxLength={CONFLICT_REASON_MAX}
          required
          requiredLabel={t("common.required")}
          {...textareaProps(fields.reason)}
          id={`${formId}-reason`}
        />
        {state === "conflict" ? <p className="text-xs text-slate-700">{t("contest.review.override.removesAssignment")}</p> : null}
        <Button type="submit" variant={state === "conflict" ? "danger" : "primary"} className="px-3 py-1.5" disabled={navigation.state === "submitting"}>
          {t(state === "cleared" ? "contest.review.override.clearSubmit" : "contest.review.override.setSubmit")}
        </Button>
      </Form>
    </details>
  );
}

function AddConflictForm({ data, lastResult }: { data: Data; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "conflict-add",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: conflictOverrideSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const { key: _proposalKey, ...proposalSelect } = getSelectProps(fields.proposalId);
  const { key: _reviewerKey, ...reviewerSelect } = getSelectProps(fields.reviewerId);
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4" open={Boolean(lastResult)}>
      <summary className="cursor-pointer font-semibold text-brand-700">{t("contest.review.override.add")}</summary>
      <Form method="post" className="mt-3 grid gap-4 md:grid-cols-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="override" />
        <input type="hidden" name="formId" value="conflict-add" />
        <input type="hidden" name="state" value="conflict" />
        <div id={form.errorId} className="md:col-span-2">
          <FormError errors={form.errors} />
        </div>
        <SelectField label={t("contest.review.col.proposal")} errors={fields.proposalId.errors} required requiredLabel={t("common.required")} {...proposalSelect} id="conflict-add-proposal" defaultValue="">
          <option value="">{t("contest.review.admin.choose")}</option>
          {data.proposals.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("contest.review.col.reviewer")} errors={fields.reviewerId.errors} required requiredLabel={t("common.required")} {...reviewerSelect} id="conflict-add-reviewer" defaultValue="">
          <option value="">{t("contest.review.admin.choose")}</option>
          {data.reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {t("contest.review.personUnit", { name: r.name, unit: r.unitName })}
            </option>
          ))}
        </SelectField>
        <div className="md:col-span-2">
          <TextAreaField
            label={t("contest.review.override.reason")}
            hint={t("contest.review.override.addHint")}
            errors={fields.reason.errors}
            rows={2}
            maxLength={CONFLICT_REASON_MAX}
            required
            requiredLabel={t("common.required")}
            {...textareaProps(fields.reason)}
            id="conflict-add-reason"
          />
        </div>
        <div className="md:col-span-2">
          <Button type="submit" variant="danger" disabled={navigation.state === "submitting"}>
            {t("contest.review.override.setSubmit")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function OverrideText({ row, t, locale }: { row: ConflictRow; t: Translate; locale: Locale }) {
  const o = row.override;
  if (!o) return null;
  const key = o.source === "reviewer" ? "contest.review.conflict.declared" : o.state === "conflict" ? "contest.review.conflict.adminSet" : "contest.review.conflict.adminCleared";
  return (
    <div className="mt-1 text-sm">
      <p className="font-medium text-slate-900">{t(key)}</p>
      <p className="whitespace-pre-wrap break-words text-slate-800">{t("contest.review.quote", { text: o.reason })}</p>
      <p className="text-xs text-slate-600">{t("contest.review.conflict.by", { name: o.createdByName, at: formatDate(o.createdAt, locale) })}</p>
    </div>
  );
}

export default function AssignmentsTab() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const t = useT();
  const locale = useLocale();
  const message = (formId: string) => (actionData && actionData.form === formId ? actionData.message : undefined);
  const resultFor = (formId: string) => (actionData && actionData.form === formId ? actionData.result : undefined);
  const underStaffed = data.proposals.filter((p) => p.assignments.length < data.round.reviewers_per_proposal).length;
  const maxLoad = Math.max(0, ...data.load.map((l) => l.assigned));
  const minLoad = data.load.length ? Math.min(...data.load.map((l) => l.assigned)) : 0;

  return (
    <div className="space-y-10">
      <DoneNotice />
      <nav aria-label={t("contest.review.admin.sections")} className="flex flex-wrap gap-4 text-sm">
        <a href="#assignments" className="text-brand-700 underline">{t("contest.review.admin.section.assign")}</a>
        <a href="#load" className="text-brand-700 underline">{t("contest.review.admin.section.load")}</a>
        <a href="#conflicts" className="text-brand-700 underline">{t("contest.review.admin.section.conflicts")}</a>
      </nav>

      <section id="assignments" aria-labelledby="assignments-title" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="assignments-title" className="text-xl font-semibold text-slate-900">{t("contest.review.admin.section.assign")}</h2>
          <p className="text-sm text-slate-700">
            {t("contest.review.admin.summary", { proposals: data.proposals.length, reviewers: data.reviewers.length, per: data.round.reviewers_per_proposal })}
            {underStaffed > 0 ? <span className="ml-2 font-semibold text-amber-800">{t("contest.review.admin.underStaffed", { count: underStaffed })}</span> : null}
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h3 className="mb-1 font-semibold text-slate-900">{t("contest.review.auto.title")}</h3>
          <p className="mb-4 text-sm text-slate-700">{t("contest.review.auto.lead")}</p>
          <AutoAssignForm defaultPer={data.round.reviewers_per_proposal} lastResult={resultFor("auto")} />
        </div>
        {data.proposals.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">{t("contest.review.admin.noProposals")}</div>
        ) : (
          <DataTable caption={t("contest.review.admin.section.assign")}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("contest.review.col.proposal")}</th>
                <th scope="col" className={th}>{t("contest.review.col.reviewers")}</th>
                <th scope="col" className={`${th} whitespace-nowrap`}>{t("contest.review.col.count")}</th>
                <th scope="col" className={th}>{t("contest.review.col.addReviewer")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="assignment-board">
              {data.proposals.map((p) => (
                <ProposalRow key={p.id} proposal={p} data={data} message={message} />
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section id="load" aria-labelledby="load-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="load-title" className="text-xl font-semibold text-slate-900">{t("contest.review.admin.section.load")}</h2>
          {data.load.length > 0 ? <p className="text-sm text-slate-700">{t("contest.review.load.spread", { min: minLoad, max: maxLoad })}</p> : null}
        </div>
        {data.load.length === 0 ? (
          <Notice tone="warning">{t("contest.review.load.noReviewers")}</Notice>
        ) : (
          <DataTable caption={t("contest.review.admin.section.load")}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("contest.review.col.reviewer")}</th>
                <th scope="col" className={th}>{t("contest.review.col.unit")}</th>
                <th scope="col" className={`${th} text-right`}>{t("contest.review.load.assigned")}</th>
                <th scope="col" className={`${th} text-right`}>{t("contest.review.load.submitted")}</th>
                <th scope="col" className={`${th} text-right`}>{t("contest.review.load.remaining")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="load-table">
              {data.load.map((l) => (
                <tr key={l.reviewerId} data-reviewer-id={l.reviewerId}>
                  <td className={td}>
                    {l.name}
                    <span className="ml-2 text-xs text-slate-600">{l.employeeNo}</span>
                  </td>
                  <td className={td}>{l.unitName}</td>
                  <td className={`${td} text-right tabular-nums`}>{l.assigned}</td>
                  <td className={`${td} text-right tabular-nums`}>{l.submitted}</td>
                  <td className={`${td} text-right tabular-nums ${l.remaining > 0 ? "font-semibold text-amber-800" : ""}`}>{l.remaining}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section id="conflicts" aria-labelledby="conflicts-title" className="space-y-3">
        <h2 id="conflicts-title" className="text-xl font-semibold text-slate-900">{t("contest.review.admin.section.conflicts")}</h2>
        <p className="text-sm text-slate-700">{t("contest.review.conflict.lead.text")}</p>
        <AddConflictForm data={data} lastResult={resultFor("conflict-add")} />
        {data.conflicts.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">{t("contest.review.conflict.none")}</p>
        ) : (
          <DataTable caption={t("contest.review.admin.section.conflicts")}>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("contest.review.col.proposal")}</th>
                <th scope="col" className={th}>{t("contest.review.col.reviewer")}</th>
                <th scope="col" className={th}>{t("contest.review.col.reason")}</th>
                <th scope="col" className={th}>{t("contest.review.col.conflictState")}</th>
                <th scope="col" className={th}>
                  <span className="sr-only">{t("contest.review.col.action")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="conflicts">
              {data.conflicts.map((row) => {
                const formId = `override-${row.proposalId}-${row.reviewerId}`;
                return (
                  <tr key={formId} data-proposal-id={row.proposalId} data-reviewer-id={row.reviewerId} data-conflict={row.conflict ? "yes" : "no"}>
                    <td className={td}>{row.proposalTitle}</td>
                    <td className={td}>
                      {row.reviewerName}
                      <span className="block text-xs text-slate-600">{row.reviewerUnit}</span>
                    </td>
                    <td className={td}>
                      {row.automatic.length > 0 ? (
                        <div>
                          <p className="text-xs font-semibold text-slate-600">{t("contest.review.conflict.automatic")}</p>
                          <ul className="text-sm text-slate-900">
                            {row.automatic.map((reason, index) => (
                              <li key={index}>{reasonText(reason, t)}</li>
                            ))}
                          </ul>
                        </div>
                      ) : null}
                      <OverrideText row={row} t={t} locale={locale} />
                    </td>
                    <td className={td}>
                      {row.conflict ? (
                        <span className="whitespace-nowrap rounded-full bg-red-100 px-2.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-300">{t("contest.review.conflict.yes")}</span>
                      ) : (
                        <span className="whitespace-nowrap rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300">{t("contest.review.conflict.cleared")}</span>
                      )}
                    </td>
                    <td className={td}>
                      <OverrideForm formId={formId} row={row} state={row.conflict ? "cleared" : "conflict"} lastResult={resultFor(formId)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}
