import type { ApplicationStatus, EmploymentType, PostingStatus, Scheme, SelectionMethod, WorkStyle } from "../../db/schema";
import { capHoursPerMonth, DEFAULT_CAP_PERCENT, shareOfStandardTime as roundedShare } from "../applications/cap";

// The postings area's vocabulary and pure rules: shared by loaders, commands, pages and tests (no database here).

export const SCHEMES: readonly Scheme[] = ["side_job", "job_challenge"];
export const WORK_STYLES: readonly WorkStyle[] = ["onsite", "remote", "hybrid"];
export const SELECTION_METHODS: readonly SelectionMethod[] = ["documents", "interview"];
export const EMPLOYMENT_TYPES: readonly EmploymentType[] = ["regular", "fixed_term", "reappointed", "part_time"];
export const POSTING_STATUSES: readonly PostingStatus[] = ["draft", "pending_approval", "returned", "published", "closed", "completed", "cancelled"];

/** Work styles that allow working away from the host unit's office (the browse filter 「リモート可」). */
export const REMOTE_WORK_STYLES: readonly WorkStyle[] = ["remote", "hybrid"];

/** Statuses the host may still edit. */
export const EDITABLE_STATUSES: readonly PostingStatus[] = ["draft", "returned"];
/** Statuses from which the posting may be cancelled (everything before completion). */
export const CANCELLABLE_STATUSES: readonly PostingStatus[] = ["draft", "pending_approval", "returned", "published", "closed"];
/** Statuses whose posting was approved at some point: visible to every employee. */
export const PUBLIC_STATUSES: readonly PostingStatus[] = ["published", "closed", "completed", "cancelled"];

/** One live application per employee and posting (the database's applications_one_live index uses the same set). */
export const LIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["awaiting_consent", "screening", "interview", "accepted", "participating", "completed"];
/** Applications a cancelled posting takes down with it (the database allows '→ cancelled' from these). */
export const CANCELLED_WITH_POSTING: readonly ApplicationStatus[] = ["awaiting_consent", "screening", "interview", "accepted", "participating"];
/** Applications the host may see: the supervisor has consented (awaiting_consent is never shown to hosts). */
export const CONSENTED_APPLICATION_STATUSES = ["screening", "interview", "accepted", "participating", "completed", "not_selected"] as const;

// The time arithmetic (standard hours, the cap) lives in one place: app/applications/cap.ts.
export { STANDARD_MONTHLY_HOURS, STANDARD_WEEKLY_HOURS } from "../applications/cap";
export const DEFAULT_SIDE_JOB_CAP_PERCENT = DEFAULT_CAP_PERCENT;

export const MIN_HOURS = 0.5;
export const MAX_HOURS = 160;
export const MAX_SKILLS = 10;
export const MAX_SKILL_LENGTH = 30;
export const DEADLINE_SOON_DAYS = 7;
export const BROWSE_PAGE_SIZE = 20;

/** Hours per month as a percentage of standard working time, one decimal (16 h → 9.5). */
export const shareOfStandardTime = roundedShare;

/** "6.3" — one decimal, for display next to the hours. */
export function formatShare(hoursPerMonth: number): string {
  return roundedShare(hoursPerMonth).toFixed(1);
}

/** The side-job cap in hours per month, rounded to one decimal as shown to users (20% → 33.6). */
export const sideJobCapHours = (capPercent: number = DEFAULT_SIDE_JOB_CAP_PERCENT): number => capHoursPerMonth(capPercent);

/** A side job asking for more than the cap deserves a warning (not an error: the cap applies per applicant). */
export function exceedsSideJobCap(scheme: Scheme, hoursPerMonth: number, capPercent: number = DEFAULT_SIDE_JOB_CAP_PERCENT): boolean {
  return scheme === "side_job" && hoursPerMonth > sideJobCapHours(capPercent);
}

/**
 * Skills typed as one string: separated by commas or 、 (full- or half-width, also ；/; and line breaks),
 * NFKC-normalised (ＤＸ → DX), trimmed, duplicates dropped case-insensitively, order kept.
 */
export function parseSkills(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of raw.normalize("NFKC").split(/[,、，;；\n\r]+/)) {
    const tag = part.replace(/\s+/g, " ").trim();
    if (!tag) continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

export function formatSkills(skills: readonly string[]): string {
  return skills.join("、");
}

/**
 * What a posting is doing today, derived from its stored status and its dates:
 * published before the window → scheduled (公開予定); inside the window → open (募集中); a published or closed
 * posting inside its period → running (実施中), except that an open window wins (applicants can still apply).
 * A published posting past its deadline counts as closed even before the periodic job has closed it.
 */
export type PostingPhase = "draft" | "pending_approval" | "returned" | "scheduled" | "open" | "closed" | "running" | "completed" | "cancelled";

export interface PhaseInput {
  status: PostingStatus;
  apply_from: string;
  apply_until: string;
  period_start: string;
  period_end: string;
}

export function postingPhase(posting: PhaseInput, today: string): PostingPhase {
  switch (posting.status) {
    case "draft":
    case "pending_approval":
    case "returned":
    case "completed":
    case "cancelled":
      return posting.status;
    case "published":
      if (today < posting.apply_from) return "scheduled";
      if (today <= posting.apply_until) return "open";
      return afterWindow(posting, today);
    case "closed":
      return afterWindow(posting, today);
  }
}

function afterWindow(posting: PhaseInput, today: string): PostingPhase {
  return posting.period_start <= today && today <= posting.period_end ? "running" : "closed";
}

export function placesLeft(posting: { capacity: number; filled: number }): number {
  return Math.max(0, posting.capacity - posting.filled);
}

/** Whole days from `from` to `to` ('YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 「締切間近」: the window is open and closes within the next 7 days (today included). */
export function isDeadlineSoon(posting: { apply_from: string; apply_until: string }, today: string): boolean {
  const left = daysBetween(today, posting.apply_until);
  return posting.apply_from <= today && left >= 0 && left <= DEADLINE_SOON_DAYS;
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** First and last day of a 'YYYY-MM' month. */
export function monthRange(month: string): { first: string; last: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, "0")}` };
}

export type ApplyBlock = "applied" | "not_published" | "not_yet_open" | "closed" | "cancelled" | "completed" | "full" | "grade" | "employment_type";

export interface ApplyCheckPosting extends PhaseInput {
  capacity: number;
  filled: number;
  max_grade: string | null;
  max_grade_rank: number | null;
  employment_types: readonly EmploymentType[];
}

export interface ApplyCheckViewer {
  gradeRank: number;
  employmentType: EmploymentType;
  /** The viewer's own live application to this posting, if any. */
  myApplicationId: number | null;
}

/**
 * Whether the viewer may apply today, or the first reason they may not — their own application first (it is
 * what they came back for), then the posting's state, then places, then eligibility.
 */
export function applyCheck(posting: ApplyCheckPosting, viewer: ApplyCheckViewer, today: string): { canApply: true } | { canApply: false; reason: ApplyBlock } {
  const block = (reason: ApplyBlock) => ({ canApply: false as const, reason });
  if (viewer.myApplicationId !== null) return block("applied");
  const phase = postingPhase(posting, today);
  if (phase === "cancelled") return block("cancelled");
  if (phase === "completed") return block("completed");
  if (phase === "draft" || phase === "pending_approval" || phase === "returned") return block("not_published");
  if (phase === "scheduled") return block("not_yet_open");
  if (phase !== "open") return block("closed");
  if (placesLeft(posting) === 0) return block("full");
  if (posting.max_grade_rank !== null && viewer.gradeRank > posting.max_grade_rank) return block("grade");
  if (!posting.employment_types.includes(viewer.employmentType)) return block("employment_type");
  return { canApply: true };
}
