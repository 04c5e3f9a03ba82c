import { sql } from "kysely";
import type { Executor } from "../db/client.server";
import { acceptApplication, completeApplication, consentToApplication, declineConsent, rejectApplication, submitApplication } from "../app/applications/commands.server";
import { fiscalYearOf } from "../app/i18n/format";
import { grantRolesBulk } from "../app/people/roles.server";
import { addDays } from "../app/postings/model";
import { approvePosting, createPosting, runPostingLifecycle, submitPosting } from "../app/postings/postings.server";
import type { PostingInput } from "../app/postings/schema";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { JOB_CHALLENGE_SPECS, OPEN_SPECS, SIDE_JOB_SPECS, type PostingSpec } from "./postings-data";

// Demo postings and applications, replayed through the domain commands with their historical `now`, so the
// history obeys the same rules (consent, capacity, time cap) and creates participation records the same way.
// 令和6年度 matches DESIGN §2: as of 2024-10-01, 13 people via side-job postings and 13 via job challenges.

const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+09:00`);
const firstOfMonth = (fy: number, monthIndex: number) => {
  const month = ((3 + monthIndex) % 12) + 1; // 0 → April
  const year = month >= 4 ? fy : fy + 1;
  return `${year}-${String(month).padStart(2, "0")}-01`;
};

interface Person {
  id: number;
  department_id: number;
  hired_on: string;
  left_on: string | null;
}

export interface SeedPostingsResult {
  postings: number;
  applications: number;
}

export async function seedPostings(db: Executor, opts: { today: string; log?: (line: string) => void }): Promise<SeedPostingsResult> {
  const log = opts.log ?? (() => undefined);
  const existing = await db.selectFrom("postings").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    log("募集: 既に投入済みのため省略");
    return { postings: 0, applications: 0 };
  }
  const hr = await employeeByNo(db, DEMO_ACCOUNTS.find((a) => a.role === "hr_admin")!.employeeNo);
  const units = await unitIds(db);
  const managers = await ensurePostingManagers(db, [...SIDE_JOB_SPECS, ...JOB_CHALLENGE_SPECS, ...OPEN_SPECS].map((s) => units.get(s.unit)!));
  const pool: Person[] = await db
    .selectFrom("employees as e")
    .innerJoin("grades as g", "g.code", "e.grade")
    .select(["e.id", "e.department_id", "e.hired_on", "e.left_on"])
    .where("g.rank", "<=", 5)
    .where("e.employment_type", "=", "regular")
    .where("e.employee_no", "not like", "9000%")
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM role_grants r WHERE r.employee_id = e.id)`)
    .orderBy(sql`md5(e.employee_no)`)
    .execute();

  const outboxBefore = await maxId(db, "outbox_emails");
  const jobsBefore = await maxId(db, "jobs");
  let postings = 0;
  let applications = 0;
  const currentFy = fiscalYearOf(opts.today);

  for (let fy = 2024; fy <= currentFy; fy++) {
    const used = new Set<number>();
    const specs = [...SIDE_JOB_SPECS, ...JOB_CHALLENGE_SPECS];
    for (const [index, spec] of specs.entries()) {
      // Side jobs start June–September, job challenges May–September (the 2024 ones all by 2024-10-01); later
      // years spread further so the current year grows month by month.
      const slot = spec.scheme === "side_job" ? index + 2 : index - SIDE_JOB_SPECS.length + 1;
      const monthIndex = fy === 2024 ? Math.min(slot, 5) : slot + (index % 2) * 2;
      const periodStart = fy === 2024 && index === 4 ? "2024-09-15" : firstOfMonth(fy, monthIndex);
      if (periodStart > opts.today) continue;
      const periodEnd = `${fy + 1}-03-31`;
      const applyFrom = addDays(periodStart, -40);
      const applyUntil = addDays(periodStart, -14);
      const finished = periodEnd < opts.today;
      // Later years vary a little around the 令和6年度 figures.
      const varied = fy === 2024 ? spec : { ...spec, accepted: Math.max(1, spec.accepted - ((index + fy) % 2)) };
      const result = await replayPosting(db, {
        spec: varied,
        hostId: units.get(spec.unit)!,
        managerId: managers.get(units.get(spec.unit)!)!,
        hrId: hr,
        window: { applyFrom, applyUntil, periodStart, periodEnd },
        pick: () => pickPerson(pool, used, { notUnit: units.get(spec.unit)!, activeFrom: applyFrom, activeUntil: periodEnd }),
        complete: finished,
      });
      postings += 1;
      applications += result.applications;
    }
  }
  // History leaves no mail or reminders behind: those were "sent" years ago.
  await db.deleteFrom("outbox_emails").where("id", ">", outboxBefore).execute();
  await db.deleteFrom("jobs").where("id", ">", jobsBefore).execute();

  // Open now: windows around today, a few applications in progress for the demo accounts to act on.
  const openUsed = new Set<number>();
  for (const [index, spec] of OPEN_SPECS.entries()) {
    const applyFrom = addDays(opts.today, -(3 + index));
    const applyUntil = addDays(opts.today, 5 + index * 4);
    const periodStart = addDays(applyUntil, 20);
    const hostId = units.get(spec.unit)!;
    const id = await publish(db, spec, { hostId, managerId: managers.get(hostId)!, hrId: hr, applyFrom, applyUntil, periodStart, periodEnd: addDays(periodStart, 150) });
    postings += 1;
    if (index < 2) {
      // Two applications each: one waiting for consent, one consented and in screening.
      for (let k = 0; k < 2; k++) {
        const person = pickPerson(pool, openUsed, { notUnit: hostId, activeFrom: applyFrom, activeUntil: addDays(periodStart, 150) });
        const submittedAt = at(addDays(opts.today, -(2 + k + index)), "09:30");
        const { applicationId, supervisorId } = await submitApplication(db, { actorId: person.id, postingId: id, motivation: MOTIVATIONS[(index + k) % MOTIVATIONS.length], experience: "関連する業務の経験があります。", now: submittedAt });
        if (k === 1) await consentToApplication(db, { actorId: supervisorId, applicationId, now: new Date(submittedAt.getTime() + 20 * 3600_000) });
        applications += 1;
      }
    }
  }
  // The demo supervisor has a consent request waiting: a member of their unit applied to the first open posting.
  const demoSupervisorUnit = DEMO_ACCOUNTS.find((a) => a.role === "supervisor")!.unitName;
  const firstOpen = await db.selectFrom("postings").select(["id", "host_department_id", "apply_from"]).where("title", "=", OPEN_SPECS[0].title).executeTakeFirstOrThrow();
  const applicant = pool.find((p) => p.department_id === units.get(demoSupervisorUnit) && !openUsed.has(p.id) && p.hired_on <= firstOpen.apply_from && !p.left_on);
  if (applicant) {
    await submitApplication(db, { actorId: applicant.id, postingId: firstOpen.id, motivation: MOTIVATIONS[2], experience: "", now: at(addDays(opts.today, -2), "11:00") });
    applications += 1;
  }

  await runPostingLifecycle(db, { now: new Date() });
  log(`募集 ${postings} 件、応募 ${applications} 件`);
  return { postings, applications };
}

const MOTIVATIONS = [
  "これまでの業務で培った企画力を活かし、県民の皆さまに届く取組に挑戦したいと考え応募しました。",
  "日頃の業務とは異なる分野で経験を積み、自分の視野を広げて所属の業務にも還元したいと考えています。",
  "関心のある分野であり、学んできた知識を実務で試しながら、チームの一員として貢献したいと思います。",
  "現場で感じている課題を、所属を越えた取組で解決するきっかけにしたいと考えて応募しました。",
];

async function replayPosting(
  db: Executor,
  input: {
    spec: PostingSpec;
    hostId: number;
    managerId: number;
    hrId: number;
    window: { applyFrom: string; applyUntil: string; periodStart: string; periodEnd: string };
    pick: () => Person;
    complete: boolean;
  },
): Promise<{ applications: number }> {
  const { spec, window } = input;
  const postingId = await publish(db, spec, { hostId: input.hostId, managerId: input.managerId, hrId: input.hrId, ...window });
  const outcomes: ("accept" | "reject" | "decline")[] = [
    ...Array<"accept">(spec.accepted).fill("accept"),
    ...Array<"reject">(spec.notSelected ?? 0).fill("reject"),
    ...Array<"decline">(spec.declined ?? 0).fill("decline"),
  ];
  for (const [k, outcome] of outcomes.entries()) {
    const person = input.pick();
    const submittedOn = addDays(window.applyFrom, 2 + k);
    const { applicationId, supervisorId } = await submitApplication(db, {
      actorId: person.id,
      postingId,
      motivation: MOTIVATIONS[k % MOTIVATIONS.length],
      experience: "",
      now: at(submittedOn),
    });
    if (outcome === "decline") {
      await declineConsent(db, { actorId: supervisorId, applicationId, reason: "繁忙期と重なるため、今回は所属の業務を優先してください。", now: at(addDays(submittedOn, 1)) });
      continue;
    }
    await consentToApplication(db, { actorId: supervisorId, applicationId, now: at(addDays(submittedOn, 1)) });
    if (outcome === "reject") {
      await rejectApplication(db, { actorId: input.managerId, applicationId, reason: "募集人数を上回る応募があり、業務経験を踏まえて選考しました。次回の募集にもぜひご応募ください。", now: at(addDays(window.applyUntil, 3)) });
      continue;
    }
    await acceptApplication(db, { actorId: input.managerId, applicationId, now: at(window.periodStart, "09:00") });
    if (input.complete) {
      await completeApplication(db, { actorId: person.id, applicationId, report: "計画どおり業務に従事し、成果を受入所属に引き継ぎました。", hours: Number(spec.hoursPerMonth) * 6, now: at(window.periodEnd, "17:00") });
    }
  }
  return { applications: outcomes.length };
}

async function publish(
  db: Executor,
  spec: PostingSpec,
  input: { hostId: number; managerId: number; hrId: number; applyFrom: string; applyUntil: string; periodStart: string; periodEnd: string },
): Promise<number> {
  const posting: PostingInput = {
    scheme: spec.scheme,
    title: spec.title,
    hostDepartmentId: input.hostId,
    summary: spec.summary,
    workContent: spec.workContent,
    skills: spec.skills,
    hoursPerMonth: spec.hoursPerMonth,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    capacity: spec.capacity,
    workStyle: spec.workStyle,
    place: spec.place,
    maxGrade: "課長補佐",
    employmentTypes: ["regular", "reappointed"],
    selectionMethod: spec.selectionMethod,
    contact: `${spec.unit}（内線${3000 + (input.hostId % 900)}）`,
    applyFrom: input.applyFrom,
    applyUntil: input.applyUntil,
  };
  const { id } = await createPosting(db, posting, { actorId: input.managerId, now: at(addDays(input.applyFrom, -10)) });
  await submitPosting(db, id, { actorId: input.managerId, now: at(addDays(input.applyFrom, -8)) });
  await approvePosting(db, id, { actorId: input.hrId, now: at(addDays(input.applyFrom, -5)) });
  return id;
}

function pickPerson(pool: Person[], used: Set<number>, rule: { notUnit: number; activeFrom: string; activeUntil: string }): Person {
  const person = pool.find((p) => !used.has(p.id) && p.department_id !== rule.notUnit && p.hired_on <= addDays(rule.activeFrom, -30) && (!p.left_on || p.left_on >= rule.activeUntil));
  if (!person) throw new Error("seed: no eligible employee left for a demo application");
  used.add(person.id);
  return person;
}

/** The 所属's posting manager: the demo account where it is theirs, otherwise a 係長 (or 主任) of the unit. */
async function ensurePostingManagers(db: Executor, unitIdsToStaff: number[]): Promise<Map<number, number>> {
  const wanted = [...new Set(unitIdsToStaff)];
  const existing = await db.selectFrom("role_grants").select(["department_id", "employee_id"]).where("role", "=", "posting_manager").where("department_id", "in", wanted).execute();
  const managers = new Map<number, number>(existing.map((g) => [g.department_id!, g.employee_id]));
  const missing = wanted.filter((id) => !managers.has(id));
  if (missing.length > 0) {
    const candidates = await db
      .selectFrom("employees as e")
      .innerJoin("grades as g", "g.code", "e.grade")
      .select(["e.id", "e.department_id"])
      .where("e.department_id", "in", missing)
      .where("e.left_on", "is", null)
      .where("g.rank", "in", [3, 4])
      .orderBy("e.department_id")
      .orderBy("g.rank", "desc")
      .orderBy("e.employee_no")
      .execute();
    for (const c of candidates) if (!managers.has(c.department_id)) managers.set(c.department_id, c.id);
    await grantRolesBulk(db, missing.filter((id) => managers.has(id)).map((id) => ({ employeeId: managers.get(id)!, role: "posting_manager" as const, departmentId: id })));
  }
  for (const id of wanted) if (!managers.has(id)) throw new Error(`seed: unit ${id} has no one to manage its postings`);
  return managers;
}

async function unitIds(db: Executor): Promise<Map<string, number>> {
  const rows = await db.selectFrom("departments").select(["id", "name"]).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

async function employeeByNo(db: Executor, employeeNo: string): Promise<number> {
  return (await db.selectFrom("employees").select("id").where("employee_no", "=", employeeNo).executeTakeFirstOrThrow()).id;
}

async function maxId(db: Executor, table: "outbox_emails" | "jobs"): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return Number(row?.max ?? 0);
}
