// Shared set-up for the applications integration tests (not a test file itself).
import type { DB } from "../../db/client.server";
import type { EmploymentType, Scheme } from "../../db/schema";
import { addDays } from "~/calendar/business-days";
import { todayInTokyo } from "~/i18n/format";
import { createDepartment, createEmployee, sessionCookie } from "../helpers/factories";

export const MOTIVATION = "地域の観光資源をデジタルで発信する取組に、これまでの窓口業務の経験を活かして貢献したいと考えています。";

/** A calendar date relative to today in Asia/Tokyo. */
export const day = (offset: number) => addDays(todayInTokyo(), offset);

export interface PostingInput {
  hostDepartmentId: number;
  createdBy: number;
  scheme?: Scheme;
  title?: string;
  hoursPerMonth?: number;
  capacity?: number;
  periodStart?: string;
  periodEnd?: string;
  applyFrom?: string;
  applyUntil?: string;
  maxGrade?: string | null;
  employmentTypes?: EmploymentType[];
  status?: "published" | "closed" | "draft";
}

let postingCounter = 0;

/** A published posting, open today by default (window today−10 … today+10, period from today+30). */
export async function createPosting(db: DB, input: PostingInput) {
  postingCounter += 1;
  const periodStart = input.periodStart ?? day(30);
  const periodEnd = input.periodEnd ?? addDays(periodStart, 180);
  const applyFrom = input.applyFrom ?? day(-10);
  const applyUntil = input.applyUntil ?? (day(10) < periodEnd ? day(10) : periodEnd);
  return db
    .insertInto("postings")
    .values({
      scheme: input.scheme ?? "side_job",
      title: input.title ?? `観光DX推進プロジェクト ${postingCounter}`,
      host_department_id: input.hostDepartmentId,
      summary: "観光情報の発信をデジタルで強化します。",
      work_content: "観光サイトの改善、SNS発信の企画、データ分析の補助。",
      skills: ["データ分析", "SNS"],
      hours_per_month: input.hoursPerMonth ?? 16,
      period_start: periodStart,
      period_end: periodEnd,
      capacity: input.capacity ?? 2,
      work_style: "hybrid",
      place: "県庁本館3階",
      max_grade: input.maxGrade === undefined ? "課長補佐" : input.maxGrade,
      employment_types: input.employmentTypes ?? ["regular"],
      selection_method: "interview",
      contact: "デジタル化推進室 内線1234",
      apply_from: applyFrom,
      apply_until: applyUntil,
      status: input.status ?? "published",
      created_by: input.createdBy,
    })
    .returning(["id", "title", "host_department_id", "period_start", "period_end", "scheme"])
    .executeTakeFirstOrThrow();
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * Two bureaus: 地方創生局/観光振興課 (the applicants, with their 課長 as supervisor) and 知事政策局/デジタル化推進室
 * (the host, with its head and posting manager); a third unit with its own posting manager; HR.
 */
export async function buildWorld(db: DB) {
  const bureauA = await createDepartment(db, { name: "地方創生局" });
  const tourism = await createDepartment(db, { name: "観光振興課", parentId: bureauA.id });
  const bureauB = await createDepartment(db, { name: "知事政策局" });
  const digital = await createDepartment(db, { name: "デジタル化推進室", parentId: bureauB.id });
  const disaster = await createDepartment(db, { name: "防災・危機管理課", parentId: bureauB.id });
  const hrUnit = await createDepartment(db, { name: "人事課" });

  const tourismHead = await createEmployee(db, { departmentId: tourism.id, name: "高畑 誠", grade: "課長", roles: [{ role: "supervisor", departmentId: tourism.id }] });
  const digitalHead = await createEmployee(db, { departmentId: digital.id, name: "森 久美子", grade: "課長", roles: [{ role: "supervisor", departmentId: digital.id }] });
  const disasterHead = await createEmployee(db, { departmentId: disaster.id, name: "石田 剛", grade: "課長", roles: [{ role: "supervisor", departmentId: disaster.id }] });
  await createEmployee(db, { departmentId: hrUnit.id, name: "人事 課長", grade: "課長", roles: [{ role: "supervisor", departmentId: hrUnit.id }] });

  const applicant = await createEmployee(db, { departmentId: tourism.id, name: "中川 さくら", grade: "主事" });
  const colleague = await createEmployee(db, { departmentId: tourism.id, name: "山本 翔", grade: "主任" });
  const manager = await createEmployee(db, { departmentId: digital.id, name: "松井 健太", grade: "主任", roles: [{ role: "posting_manager", departmentId: digital.id }] });
  const otherManager = await createEmployee(db, { departmentId: disaster.id, name: "北村 遥", grade: "主任", roles: [{ role: "posting_manager", departmentId: disaster.id }] });
  const hr = await createEmployee(db, { departmentId: hrUnit.id, name: "吉田 直美", grade: "係長", roles: [{ role: "hr_admin" }] });
  const stranger = await createEmployee(db, { departmentId: disaster.id, name: "野村 拓也", grade: "主事" });

  return {
    units: { bureauA, tourism, bureauB, digital, disaster, hrUnit },
    people: { tourismHead, digitalHead, disasterHead, applicant, colleague, manager, otherManager, hr, stranger },
  };
}

/** Cookie headers for each person in the world. */
export async function cookiesFor<T extends Record<string, { id: number }>>(people: T): Promise<Record<keyof T, string>> {
  const entries = await Promise.all(Object.entries(people).map(async ([key, person]) => [key, await sessionCookie(person.id)] as const));
  return Object.fromEntries(entries) as Record<keyof T, string>;
}

export async function outboxFor(db: DB, template: string) {
  return db.selectFrom("outbox_emails").select(["to_address", "to_employee_id", "subject", "text_body", "dedupe_key"]).where("template", "=", template).orderBy("id").execute();
}
