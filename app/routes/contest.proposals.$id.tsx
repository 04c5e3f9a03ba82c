import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { forbidden, hasRole, notFound, requireUser } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { inviteMember, removeMember, respondToInvitation, searchInvitees } from "../contest/members.server";
import { isBeforeCallClose, isCallOpen, roundPhase, type RoundPhase } from "../contest/phase";
import { DeadlinePill, FactRows, InvitationBadge, period, ProposalContentView, ProposalStatusBadge, Prose, RubricTable } from "../contest/proposal-components";
import { isContestError, type ContestError } from "../contest/proposal-errors";
import { inviteSchema, memberQuerySchema, proposalFormSchema, removeMemberSchema } from "../contest/proposal-schemas";
import { ProposalForm, type ProposalFormDefaults } from "../contest/ProposalForm";
import { getProposalForViewer, submitProposal, updateProposal, withdrawProposal } from "../contest/proposals.server";
import { inTransaction, listCriteria } from "../contest/rounds.server";
import { getDb } from "../db.server";
import { formatDate, formatDateTime, todayInTokyo } from "../i18n/format";
import { translator, useLocale, useT } from "../i18n/i18n";
import { listDepartmentOptions } from "../people/directory.server";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { Card, Notice, PageHeader } from "../ui/Page";
import "../contest/proposals.messages";

export const meta: MetaFunction = () => [{ title: "提案 | 職員チャレンジポータル" }];

function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** The lead, members (invited ones too) and contest_admin; to anyone else the proposal does not exist. */
async function loadVisible(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(idParam);
  const view = await getProposalForViewer(getDb(), id, { id: user.id, isAdmin: hasRole(user, "contest_admin") });
  if (!view) notFound();
  return { user, view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await loadVisible(request, params.id);
  const { proposal: p, relation, members } = view;
  const db = getDb();
  const today = todayInTokyo();
  const live = p.status !== "withdrawn";
  const beforeClose = isBeforeCallClose(p, today);
  const editable = relation === "lead" && live && beforeClose;
  const memberQuery = editable ? (memberQuerySchema.parse(new URL(request.url).searchParams.get("member") ?? undefined) ?? "") : "";
  const [criteria, departments, candidates] = await Promise.all([
    listCriteria(db, p.round_id),
    editable ? listDepartmentOptions(db) : Promise.resolve([]),
    editable && memberQuery ? searchInvitees(db, p.id, memberQuery) : Promise.resolve({ rows: [], total: 0 }),
  ]);
  const defaults: ProposalFormDefaults = {
    title: p.title,
    background: p.background,
    proposal: p.proposal,
    expectedEffect: p.expected_effect,
    plan: p.plan,
    budgetYen: p.budget_yen === null ? "" : String(p.budget_yen),
    requestedSharePercent: p.requested_share_percent === null ? "" : String(p.requested_share_percent),
    desiredHostDepartmentId: p.desired_host_department_id === null ? "" : String(p.desired_host_department_id),
  };
  return json({
    proposal: p,
    relation,
    members,
    acceptedCount: members.filter((m) => m.invitation === "accepted").length,
    today,
    can: {
      edit: editable,
      submit: relation === "lead" && p.status === "draft" && isCallOpen(p, today),
      withdraw: editable,
      respond: relation === "invited" && live && beforeClose,
    },
    callOpen: isCallOpen(p, today),
    phase: roundPhase(p, today),
    criteria,
    departments,
    defaults,
    memberQuery,
    candidates: candidates.rows,
    moreCandidates: Math.max(0, candidates.total - candidates.rows.length),
  });
}

type ActionForm = "proposal" | "invite" | "members" | "respond" | "withdraw";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, view } = await loadVisible(request, params.id);
  const t = translator(user.locale);
  const db = getDb();
  const ctx = { actorId: user.id, ip: clientIp(context) };
  const id = view.proposal.id;
  const here = `/contest/proposals/${id}`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const refused = (error: unknown, form: ActionForm) => {
    if (!isContestError(error)) throw error;
    if (error.code === "not_found") notFound();
    if (error.code === "forbidden") forbidden();
    return json({ form, result: null, message: message(t, error) }, { status: error.status });
  };

  if (intent === "save" || intent === "submit") {
    // A submitted proposal stays submitted when saved, so it is validated like a submission.
    if (view.proposal.status === "submitted") formData.set("intent", "submit");
    const submission = parseWithZod(formData, { schema: proposalFormSchema(t) });
    if (submission.status !== "success") return json({ form: "proposal" as ActionForm, result: submission.reply(), message: null }, { status: 400 });
    try {
      await inTransaction(db, async (trx) => {
        await updateProposal(trx, { ...submission.value.value, proposalId: id }, ctx);
        if (intent === "submit" && view.proposal.status === "draft") await submitProposal(trx, { proposalId: id }, ctx);
      });
    } catch (error) {
      if (!isContestError(error) || error.code === "not_found" || error.code === "forbidden") return refused(error, "proposal");
      return json({ form: "proposal" as ActionForm, result: submission.reply({ formErrors: [message(t, error)] }), message: null }, { status: error.status });
    }
    return redirect(`${here}?done=${intent === "submit" && view.proposal.status === "draft" ? "submitted" : "saved"}`);
  }
  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: inviteSchema(t) });
    if (submission.status !== "success") return json({ form: "invite" as ActionForm, result: submission.reply(), message: null }, { status: 400 });
    const byNumber = submission.value.employeeId === undefined;
    try {
      await inviteMember(db, { proposalId: id, employeeId: submission.value.employeeId, employeeNo: submission.value.employeeNo }, ctx);
    } catch (error) {
      if (!isContestError(error) || error.code === "not_found" || error.code === "forbidden") return refused(error, "invite");
      // Typed 職員番号: the message goes beside that field; a pick from the search: above the list.
      if (byNumber) return json({ form: "invite" as ActionForm, result: submission.reply({ fieldErrors: { employeeNo: [message(t, error)] } }), message: null }, { status: error.status });
      return json({ form: "members" as ActionForm, result: null, message: message(t, error) }, { status: error.status });
    }
    return redirect(`${here}?done=invited#members`);
  }
  if (intent === "remove") {
    const parsed = parseWithZod(formData, { schema: removeMemberSchema });
    if (parsed.status !== "success") return json({ form: "members" as ActionForm, result: null, message: t("contest.proposals.error.state_changed") }, { status: 400 });
    try {
      await removeMember(db, { proposalId: id, employeeId: parsed.value.employeeId }, ctx);
    } catch (error) {
      return refused(error, "members");
    }
    return redirect(`${here}?done=removed#members`);
  }
  if (intent === "accept" || intent === "decline") {
    try {
      await respondToInvitation(db, { proposalId: id, response: intent === "accept" ? "accepted" : "declined" }, ctx);
    } catch (error) {
      return refused(error, "respond");
    }
    // Having declined, the proposal is no longer theirs to see: back to the invitations.
    return redirect(intent === "accept" ? `${here}?done=accepted` : "/contest/invitations?done=declined");
  }
  if (intent === "withdraw") {
    try {
      await withdrawProposal(db, { proposalId: id }, ctx);
    } catch (error) {
      return refused(error, "withdraw");
    }
    return redirect(`${here}?done=withdrawn`);
  }
  return json({ form: "proposal" as ActionForm, result: null, message: t("contest.proposals.error.state_changed") }, { status: 400 });
}

function message(t: (key: string, vars?: Record<string, string | number>) => string, error: ContestError): string {
  const base = t(`contest.proposals.error.${error.code}`);
  if (error.code !== "incomplete" || !error.details.missing?.length) return base;
  const fields = error.details.missing.map((f) => t(`contest.proposals.field.${f === "desiredHostDepartmentId" ? "desiredHost" : f}`)).join("、");
  return `${base}${t("contest.proposals.error.missingList", { fields })}`;
}

const DONE = ["created", "saved", "submitted", "invited", "removed", "accepted", "withdrawn"];

export default function ProposalPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const { proposal: p, relation, members, can } = data;
  const done = params.get("done");
  const busy = navigation.state === "submitting";
  const proposalResult = actionData?.form === "proposal" ? actionData.result : undefined;
  const inviteErrors = actionData?.form === "invite" && actionData.result?.error ? (actionData.result.error.employeeNo ?? actionData.result.error[""] ?? null) : null;
  const formMessage = actionData?.message && actionData.form !== "invite" && actionData.form !== "members" ? actionData.message : null;
  const membersMessage = actionData?.message && (actionData.form === "invite" || actionData.form === "members") ? actionData.message : null;
  const lead = members.find((m) => m.role === "lead");

  return (
    <div>
      <PageHeader
        title={p.title}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <ProposalStatusBadge status={p.status} outcome={p.outcome} />
            <span>{p.round_title}</span>
            <span className="text-slate-600">{t(`contest.proposals.relation.${relation}`)}</span>
          </span>
        }
        actions={
          <Link to={relation === "admin" ? `/admin/contest/rounds/${p.round_id}` : "/contest"} className="text-sm text-brand-700 underline">
            {relation === "admin" ? t("contest.proposals.backToRound") : t("contest.proposals.backToContest")}
          </Link>
        }
      />
      {done && DONE.includes(done) ? <Notice tone="success">{t(`contest.proposals.notice.${done}`)}</Notice> : null}
      {formMessage ? <Notice tone="error">{formMessage}</Notice> : null}

      {can.respond ? (
        <section aria-labelledby="invite-answer" className="mb-6 rounded-lg border-2 border-brand-600 bg-brand-50 p-5">
          <h2 id="invite-answer" className="text-lg font-semibold text-brand-900">
            {t("contest.invitations.here.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-800">{t("contest.invitations.here.lead", { lead: lead?.name ?? "", date: formatDate(p.call_closes_on, locale) })}</p>
          <Form method="post" className="mt-3 flex flex-wrap gap-3">
            <Button type="submit" name="intent" value="accept" disabled={busy}>
              {t("contest.invitations.accept")}
            </Button>
            <Button type="submit" name="intent" value="decline" variant="secondary" disabled={busy}>
              {t("contest.invitations.decline")}
            </Button>
          </Form>
          <p className="mt-2 text-xs text-slate-700">{t("contest.invitations.declineNote")}</p>
        </section>
      ) : null}

      <ResultCard proposal={p} phase={data.phase} />

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          {can.edit ? (
            <section aria-labelledby="edit-heading">
              <h2 id="edit-heading" className="mb-1 text-lg font-semibold">
                {t("contest.proposals.edit.title")}
              </h2>
              <p className="mb-4 text-sm text-slate-700">
                {p.status === "submitted"
                  ? t("contest.proposals.edit.submittedLead", { date: formatDate(p.call_closes_on, locale) })
                  : t("contest.proposals.edit.draftLead", { date: formatDate(p.call_closes_on, locale) })}
              </p>
              <ProposalForm
                lastResult={proposalResult}
                defaultValue={data.defaults}
                departments={data.departments}
                canSubmit={can.submit}
                submitted={p.status === "submitted"}
                submitHint={p.status === "draft" && !can.submit ? t("contest.proposals.submit.notYetOpen", { date: formatDate(p.call_opens_on, locale) }) : null}
              />
            </section>
          ) : (
            <Card title={t("contest.proposals.content.title")}>
              {relation === "lead" && p.status !== "withdrawn" ? <p className="mb-4 text-sm text-slate-700">{t("contest.proposals.readonly.closed")}</p> : null}
              <ProposalContentView proposal={p} />
            </Card>
          )}
        </div>

        <aside className="space-y-6">
          <Card title={t("contest.proposals.side.status")}>
            <FactRows
              rows={[
                [t("contest.proposals.col.status"), <ProposalStatusBadge key="s" status={p.status} outcome={p.outcome} />],
                [t("contest.proposals.col.lead"), t("contest.proposals.personUnit", { name: p.lead_name, unit: p.lead_unit })],
                [
                  t("contest.proposals.home.callWindow"),
                  <span key="w">
                    {period(locale, p.call_opens_on, p.call_closes_on)}
                    {data.callOpen ? <DeadlinePill today={data.today} closesOn={p.call_closes_on} block /> : null}
                  </span>,
                ],
                [t("contest.proposals.col.submittedAt"), p.submitted_at ? formatDateTime(p.submitted_at, locale) : null],
                [t("contest.proposals.col.withdrawnAt"), p.withdrawn_at ? formatDateTime(p.withdrawn_at, locale) : null],
                [p.results_published ? t("contest.proposals.side.resultsDone") : t("contest.proposals.side.results"), formatDate(p.results_on, locale)],
                [t("contest.proposals.col.updatedAt"), formatDateTime(p.updated_at, locale)],
              ]}
            />
          </Card>

          <MembersCard
            members={members}
            acceptedCount={data.acceptedCount}
            editable={can.edit}
            memberQuery={data.memberQuery}
            candidates={data.candidates}
            moreCandidates={data.moreCandidates}
            inviteErrors={inviteErrors}
            message={membersMessage}
          />

          <Card title={t("contest.rubric.title")}>
            <RubricTable criteria={data.criteria} caption={t("contest.rubric.caption", { title: p.round_title })} compact />
          </Card>

          {can.withdraw ? (
            <section aria-labelledby="withdraw-heading" className="rounded-lg border border-red-200 bg-white p-5 shadow-sm">
              <h2 id="withdraw-heading" className="mb-2 text-lg font-semibold text-slate-900">
                {t("contest.proposals.withdraw.title")}
              </h2>
              <details>
                <summary className="cursor-pointer text-sm font-semibold text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
                  {t("contest.proposals.withdraw.open")}
                </summary>
                <p className="mt-2 text-sm text-slate-700">{t("contest.proposals.withdraw.lead")}</p>
                <Form method="post" className="mt-3">
                  <Button type="submit" name="intent" value="withdraw" variant="danger" disabled={busy}>
                    {t("contest.proposals.withdraw.submit")}
                  </Button>
                </Form>
              </details>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

/** The outcome and feedback once published; before that only that the proposal is being reviewed. */
function ResultCard({ proposal: p, phase }: { proposal: ReturnType<typeof useLoaderData<typeof loader>>["proposal"]; phase: RoundPhase }) {
  const t = useT();
  const locale = useLocale();
  if (p.status !== "submitted") return null;
  if (!p.results_published) {
    return (
      <div className="mb-6 rounded-md border-l-4 border-slate-400 bg-white p-3 text-sm text-slate-800" role="status">
        {t(phase === "before_call" || phase === "call" ? "contest.proposals.result.received" : "contest.proposals.result.pending", { date: formatDate(p.results_on, locale) })}
      </div>
    );
  }
  return (
    <section aria-labelledby="result-heading" className="mb-6 rounded-lg border border-brand-600/40 bg-white p-5 shadow-sm" data-testid="result">
      <h2 id="result-heading" className="mb-2 text-lg font-semibold text-slate-900">
        {t("contest.proposals.result.title")}
      </h2>
      {p.outcome ? (
        <>
          <p className="flex flex-wrap items-center gap-3">
            <ProposalStatusBadge status={p.status} outcome={p.outcome} />
            <span className="text-sm text-slate-800">{t(`contest.proposals.result.${p.outcome}`)}</span>
          </p>
          <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-800">{t("contest.proposals.result.feedback")}</h3>
          <Prose empty={t("contest.proposals.result.noFeedback")}>{p.feedback}</Prose>
        </>
      ) : (
        <p className="text-sm text-slate-800">{t("contest.proposals.result.undecided")}</p>
      )}
    </section>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function MembersCard({
  members,
  acceptedCount,
  editable,
  memberQuery,
  candidates,
  moreCandidates,
  inviteErrors,
  message,
}: {
  members: Loaded["members"];
  acceptedCount: number;
  editable: boolean;
  memberQuery: string;
  candidates: Loaded["candidates"];
  moreCandidates: number;
  inviteErrors: string[] | null;
  message: string | null;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <section id="members" aria-labelledby="members-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
        {t("contest.members.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t("contest.members.count", { count: acceptedCount })}</p>
      {message ? (
        <p role="alert" className="mb-3 rounded-md border border-red-700 bg-red-50 p-2 text-sm font-medium text-red-800">
          {message}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="members">
        {members.map((m) => (
          <li key={m.employee_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium text-slate-900">{m.name}</span>
              <span className="block text-xs text-slate-600">
                {m.unit_name}・{t(`contest.members.role.${m.role}`)}
              </span>
            </span>
            <span className="flex items-center gap-2">
              {m.role === "member" ? <InvitationBadge invitation={m.invitation} /> : null}
              {editable && m.role === "member" && m.invitation !== "declined" ? (
                <Form method="post">
                  <input type="hidden" name="employeeId" value={m.employee_id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    disabled={busy}
                    className="rounded px-2 py-1 text-xs font-semibold text-red-800 underline hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                  >
                    {t("contest.members.remove")}
                    <span className="sr-only">{t("contest.members.removeWho", { name: m.name })}</span>
                  </button>
                </Form>
              ) : null}
            </span>
          </li>
        ))}
      </ul>

      {editable ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">{t("contest.members.invite.title")}</h3>
          <p className="mb-2 text-xs text-slate-600">{t("contest.members.invite.lead")}</p>
          <Form method="get" role="search" aria-label={t("contest.members.invite.title")} className="flex items-end gap-2" preventScrollReset>
            <div className="min-w-0 flex-1">
              <TextField id="member" name="member" type="search" label={t("contest.members.invite.query")} defaultValue={memberQuery} maxLength={60} />
            </div>
            <Button type="submit" variant="secondary">
              {t("common.search")}
            </Button>
          </Form>
          {memberQuery ? (
            candidates.length === 0 ? (
              <p className="mt-3 text-sm text-slate-700">{t("contest.members.invite.none")}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" aria-label={t("contest.members.invite.results")}>
                {candidates.map((c) => (
                  <li key={c.id} className="flex items-center justify-between gap-2 p-2">
                    <span className="min-w-0">
                      <span className="font-medium text-slate-900">{c.name}</span>
                      <span className="ml-1 text-xs text-slate-600">{c.employee_no}</span>
                      <span className="block truncate text-xs text-slate-600">{c.bureau_name ? `${c.bureau_name} ${c.unit_name}` : c.unit_name}</span>
                    </span>
                    {c.member ? (
                      <span className="whitespace-nowrap text-xs text-slate-600">{t(`contest.members.already.${c.member}`)}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="employeeId" value={c.id} />
                        <Button type="submit" name="intent" value="invite" className="px-3 py-1" disabled={busy}>
                          {t("contest.members.invite.submit")}
                          <span className="sr-only">{t("contest.members.inviteWho", { name: c.name })}</span>
                        </Button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            )
          ) : null}
          {memberQuery && moreCandidates > 0 ? <p className="mt-2 text-xs text-slate-600">{t("contest.members.invite.more", { count: moreCandidates })}</p> : null}
          <details className="mt-3" open={Boolean(inviteErrors)}>
            <summary className="cursor-pointer text-xs font-semibold text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
              {t("contest.members.invite.byNumber")}
            </summary>
            <Form method="post" className="mt-2 flex items-start gap-2">
              <input type="hidden" name="intent" value="invite" />
              <div className="min-w-0 flex-1">
                <TextField id="employeeNo" name="employeeNo" label={t("contest.members.invite.employeeNo")} inputMode="numeric" autoComplete="off" maxLength={20} errors={inviteErrors} />
              </div>
              <Button type="submit" disabled={busy}>
                {t("contest.members.invite.submit")}
              </Button>
            </Form>
          </details>
        </div>
      ) : null}
    </section>
  );
}
