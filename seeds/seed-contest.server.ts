import { sql } from "kysely";
import type { Executor } from "../db/client.server";
import type { ContestOutcome } from "../db/schema";
import { runAutoAssignment } from "../app/contest/assignment.server";
import { decideOutcome, publishResults } from "../app/contest/decisions.server";
import { inviteMember, respondToInvitation } from "../app/contest/members.server";
import { createProposal, submitProposal } from "../app/contest/proposals.server";
import { createRound, listCriteria } from "../app/contest/rounds.server";
import { saveReview } from "../app/contest/reviews.server";
import { fiscalYearLabel, fiscalYearOf } from "../app/i18n/format";
import { grantRolesBulk } from "../app/people/roles.server";
import { addDays } from "../app/postings/model";
import { CURRENT_PROPOSALS, FY2024_PROPOSALS, FY2025_PROPOSALS, type ProposalSpec } from "./contest-data";
import { DEMO_ACCOUNTS } from "./demo-accounts";

// The challenge contest, replayed through the domain commands with historical `now`: rounds, proposals with their
// members, automatic reviewer assignment, reviews, decisions, publication (which creates the projects and their
// contest_project participation records). 令和6年度 reproduces DESIGN §2.

const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+09:00`);
const ctxAt = (actorId: number, date: string, time?: string) => ({ actorId, now: at(date, time) });

// Host units for projects not hosted by the lead's own unit, in order of the proposals.
const HOSTS = ["デジタル化推進室", "移住・定住促進課", "観光戦略課", "広聴・県民相談課", "森林政策課", "県民生活課", "防災・危機管理課", "地域交通・新幹線政策課"];
// How generous each seeded reviewer is (added to a proposal's quality): lenient and strict ones, for normalisation.
const LENIENCY = [0.4, -0.5, 0.1, -0.2, 0.3];

interface Person {
  id: number;
  department_id: number;
  hired_on: string;
}

export async function seedContest(db: Executor, opts: { today: string; log?: (line: string) => void }): Promise<{ rounds: number; proposals: number }> {
  const log = opts.log ?? (() => undefined);
  const existing = await db.selectFrom("contest_rounds").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    log("コンテスト: 既に投入済みのため省略");
    return { rounds: 0, proposals: 0 };
  }
  const admin = await employeeId(db, DEMO_ACCOUNTS.find((a) => a.role === "contest_admin")!.employeeNo);
  await ensureReviewers(db);
  const units = new Map((await db.selectFrom("departments").select(["id", "name"]).execute()).map((d) => [d.name, d.id]));
  // People who have never taken part in anything yet, so each year's groups stay distinct (DESIGN §2 adds them up).
  const pool: Person[] = await db
    .selectFrom("employees as e")
    .innerJoin("grades as g", "g.code", "e.grade")
    .select(["e.id", "e.department_id", "e.hired_on"])
    .where("e.left_on", "is", null)
    .where("g.rank", "<=", 7)
    .where("e.employee_no", "not like", "9000%")
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM role_grants r WHERE r.employee_id = e.id)`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM participations p WHERE p.employee_id = e.id)`)
    .orderBy(sql`md5(e.employee_no || 'contest')`)
    .execute();
  const used = new Set<number>();
  const pick = (rule: (p: Person) => boolean) => {
    const person = pool.find((p) => !used.has(p.id) && rule(p));
    if (!person) throw new Error("seed: no eligible employee left for a demo proposal");
    used.add(person.id);
    return person;
  };

  const outboxBefore = await maxId(db, "outbox_emails");
  const jobsBefore = await maxId(db, "jobs");
  let proposals = 0;
  let rounds = 0;

  const history: { fy: number; specs: ProposalSpec[]; outcomes: ContestOutcome[]; quotas: [number, number] }[] = [
    { fy: 2024, specs: FY2024_PROPOSALS, outcomes: ["adopted", "adopted", "adopted", "step_up", "step_up", "step_up", "step_up", "step_up"], quotas: [3, 5] },
    { fy: 2025, specs: FY2025_PROPOSALS, outcomes: ["adopted", "adopted", "step_up", "step_up", "not_adopted", "not_adopted"], quotas: [2, 3] },
  ];
  for (const year of history) {
    if (`${year.fy}-08-01` > opts.today) continue;
    const dates = {
      callOpensOn: `${year.fy}-03-01`,
      callClosesOn: `${year.fy}-05-31`,
      reviewOpensOn: `${year.fy}-06-01`,
      reviewClosesOn: `${year.fy}-07-25`,
      resultsOn: `${year.fy}-07-31`,
      projectStartOn: `${year.fy}-08-01`,
    };
    const { id: roundId } = await createRound(
      db,
      { title: `${fiscalYearLabel(year.fy)} チャレンジコンテスト`, fiscalYear: year.fy, ...dates, quotaAdopted: year.quotas[0], quotaStepUp: year.quotas[1], guidance: GUIDANCE },
      ctxAt(admin, addDays(dates.callOpensOn, -14)),
    );
    rounds += 1;
    const ids = [];
    for (const [index, spec] of year.specs.entries()) {
      ids.push(await propose(db, { roundId, spec, index, units, pick, opensOn: dates.callOpensOn, submitOn: addDays(dates.callClosesOn, -10 + (index % 5)) }));
      proposals += 1;
    }
    await runAutoAssignment(db, { roundId, perProposal: 3 }, ctxAt(admin, dates.reviewOpensOn, "09:00"));
    await reviewAll(db, { roundId, specs: year.specs, proposalIds: ids, on: addDays(dates.reviewOpensOn, 20) });
    for (const [index, proposalId] of ids.entries()) {
      await decideOutcome(db, { proposalId, outcome: year.outcomes[index], feedback: FEEDBACK[year.outcomes[index]] }, ctxAt(admin, addDays(dates.resultsOn, -3)));
    }
    await publishResults(db, { roundId }, ctxAt(admin, dates.resultsOn, "15:00"));
  }
  // Old notifications are history, not mail to deliver now.
  await db.deleteFrom("outbox_emails").where("id", ">", outboxBefore).execute();
  await db.deleteFrom("jobs").where("id", ">", jobsBefore).execute();

  // This year: one round in review today, one still taking proposals.
  const fy = fiscalYearOf(opts.today);
  const inReview = {
    callOpensOn: addDays(opts.today, -80),
    callClosesOn: addDays(opts.today, -12),
    reviewOpensOn: addDays(opts.today, -10),
    reviewClosesOn: addDays(opts.today, 20),
    resultsOn: addDays(opts.today, 27),
    projectStartOn: addDays(opts.today, 45),
  };
  const { id: reviewRound } = await createRound(db, { title: `${fiscalYearLabel(fy)} チャレンジコンテスト（第1回）`, fiscalYear: fy, ...inReview, guidance: GUIDANCE }, ctxAt(admin, addDays(inReview.callOpensOn, -7)));
  const reviewSpecs = CURRENT_PROPOSALS.slice(0, 3);
  const reviewIds = [];
  for (const [index, spec] of reviewSpecs.entries()) {
    reviewIds.push(await propose(db, { roundId: reviewRound, spec, index, units, pick, opensOn: inReview.callOpensOn, submitOn: addDays(inReview.callClosesOn, -3 + index) }));
  }
  await runAutoAssignment(db, { roundId: reviewRound, perProposal: 3 }, ctxAt(admin, inReview.reviewOpensOn, "09:00"));
  // Some reviews are in; the demo reviewer still has work to do.
  const demoReviewer = await employeeId(db, DEMO_ACCOUNTS.find((a) => a.role === "reviewer")!.employeeNo);
  await reviewAll(db, { roundId: reviewRound, specs: reviewSpecs, proposalIds: reviewIds, on: addDays(opts.today, -2), skipReviewer: demoReviewer, onlyFirst: 1 });

  const call = {
    callOpensOn: addDays(opts.today, -20),
    callClosesOn: addDays(opts.today, 40),
    reviewOpensOn: addDays(opts.today, 41),
    reviewClosesOn: addDays(opts.today, 70),
    resultsOn: addDays(opts.today, 78),
    projectStartOn: addDays(opts.today, 100),
  };
  const { id: callRound } = await createRound(db, { title: `${fiscalYearLabel(fy)} チャレンジコンテスト（第2回）`, fiscalYear: fy, ...call, guidance: GUIDANCE }, ctxAt(admin, addDays(call.callOpensOn, -7)));
  await propose(db, { roundId: callRound, spec: CURRENT_PROPOSALS[3], index: 3, units, pick, opensOn: call.callOpensOn, submitOn: addDays(opts.today, -1) });
  await propose(db, { roundId: callRound, spec: CURRENT_PROPOSALS[4], index: 4, units, pick, opensOn: call.callOpensOn, submitOn: null });
  rounds += 2;
  proposals += 5;
  log(`コンテスト ${rounds} ラウンド、提案 ${proposals} 件`);
  return { rounds, proposals };
}

const GUIDANCE =
  "県政の課題を自ら見つけ、所属を越えて解決に挑む提案を募集します。個人でもグループでも応募できます。採択された提案はプロジェクトとして実施し、メンバーは勤務時間の一部を使って取り組みます。";

const FEEDBACK: Record<ContestOutcome, string> = {
  adopted: "課題設定が明確で、県民への効果が具体的に示されていました。関係課と連携して着実に進めてください。",
  step_up: "着眼点が優れています。実現可能性の検証を重ね、規模を絞った試行から始めてください。",
  not_adopted: "問題意識は評価しますが、効果の示し方と実施体制に検討の余地があります。次回の応募をお待ちしています。",
};

async function propose(
  db: Executor,
  input: { roundId: number; spec: ProposalSpec; index: number; units: Map<string, number>; pick: (rule: (p: Person) => boolean) => Person; opensOn: string; submitOn: string | null },
): Promise<number> {
  const { spec, units } = input;
  const host = spec.hostIsLeadUnit ? null : units.get(HOSTS[input.index % HOSTS.length])!;
  const joinedBy = addDays(input.opensOn, -60);
  const lead = input.pick((p) => p.department_id !== host && p.hired_on <= joinedBy);
  const hostId = host ?? lead.department_id;
  const members: Person[] = [];
  for (let k = 1; k < spec.size; k++) {
    const fromHost = k <= (spec.membersFromHost ?? 0);
    // Members of a project hosted by the lead's unit come from that unit too: working in one's own unit is not side work.
    members.push(input.pick((p) => (spec.hostIsLeadUnit || fromHost ? p.department_id === hostId : p.department_id !== hostId) && p.hired_on <= joinedBy));
  }
  const drafted = addDays(input.opensOn, 10 + input.index);
  const { id } = await createProposal(
    db,
    {
      roundId: input.roundId,
      title: spec.title,
      background: spec.background,
      proposal: spec.proposal,
      expectedEffect: spec.effect,
      plan: spec.plan,
      budgetYen: spec.budgetYen,
      requestedSharePercent: spec.sharePercent,
      desiredHostDepartmentId: hostId,
    },
    ctxAt(lead.id, drafted),
  );
  for (const member of members) {
    await inviteMember(db, { proposalId: id, employeeId: member.id }, ctxAt(lead.id, drafted, "11:00"));
    await respondToInvitation(db, { proposalId: id, response: "accepted" }, ctxAt(member.id, addDays(drafted, 1)));
  }
  if (input.submitOn) await submitProposal(db, { proposalId: id }, ctxAt(lead.id, input.submitOn));
  return id;
}

/** Every assigned reviewer scores around the proposal's quality, shifted by their own leniency. */
async function reviewAll(
  db: Executor,
  input: { roundId: number; specs: ProposalSpec[]; proposalIds: number[]; on: string; skipReviewer?: number; onlyFirst?: number },
): Promise<void> {
  const criteria = await listCriteria(db, input.roundId);
  const assignments = await db
    .selectFrom("contest_assignments as a")
    .innerJoin("contest_proposals as p", "p.id", "a.proposal_id")
    .select(["a.proposal_id", "a.reviewer_id"])
    .where("p.round_id", "=", input.roundId)
    .orderBy("a.proposal_id")
    .orderBy("a.reviewer_id")
    .execute();
  const reviewers = [...new Set(assignments.map((a) => a.reviewer_id))].sort((a, b) => a - b);
  const done = new Map<number, number>();
  for (const a of assignments) {
    if (a.reviewer_id === input.skipReviewer) continue;
    if (input.onlyFirst !== undefined && (done.get(a.proposal_id) ?? 0) >= input.onlyFirst) continue;
    done.set(a.proposal_id, (done.get(a.proposal_id) ?? 0) + 1);
    const spec = input.specs[input.proposalIds.indexOf(a.proposal_id)];
    const lean = LENIENCY[reviewers.indexOf(a.reviewer_id) % LENIENCY.length];
    const scores = criteria.map((c, k) => ({
      criterionId: c.id,
      score: Math.min(c.scale_max, Math.max(c.scale_min, Math.round(spec.quality + lean + ((k % 3) - 1) * 0.4))),
    }));
    await saveReview(
      db,
      { proposalId: a.proposal_id, scores, overallComment: spec.quality >= 4 ? "県民への効果が具体的で、実施体制も整っています。" : "着眼点は良いものの、実施計画の具体化が必要です。", submit: true },
      ctxAt(a.reviewer_id, input.on),
    );
  }
}

/** Reviewers: the demo account and four experienced staff from different bureaus. */
async function ensureReviewers(db: Executor): Promise<void> {
  const candidates = await db
    .selectFrom("employees as e")
    .innerJoin("departments as d", "d.id", "e.department_id")
    .select(["e.id", "d.parent_id"])
    .where("e.grade", "in", ["課長", "主幹"])
    .where("e.left_on", "is", null)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM role_grants r WHERE r.employee_id = e.id AND r.role <> 'supervisor')`)
    .orderBy(sql`md5(e.employee_no || 'reviewer')`)
    .execute();
  const bureaus = new Set<number | null>();
  const chosen: number[] = [];
  for (const c of candidates) {
    if (chosen.length >= 4) break;
    if (bureaus.has(c.parent_id)) continue;
    bureaus.add(c.parent_id);
    chosen.push(c.id);
  }
  await grantRolesBulk(db, chosen.map((id) => ({ employeeId: id, role: "reviewer" as const })));
}

async function employeeId(db: Executor, employeeNo: string): Promise<number> {
  return (await db.selectFrom("employees").select("id").where("employee_no", "=", employeeNo).executeTakeFirstOrThrow()).id;
}

async function maxId(db: Executor, table: "outbox_emails" | "jobs"): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return Number(row?.max ?? 0);
}
