// What a command refuses, with the HTTP status a page answers and the message the user reads. Japanese text here
// is the default (seeds, logs); pages translate the code with `applications.error.<code>`.

export type ApplicationErrorCode =
  | "not_found"
  | "forbidden"
  | "not_open"
  | "not_eligible_grade"
  | "not_eligible_employment"
  | "own_unit"
  | "no_supervisor"
  | "already_applied"
  | "over_cap"
  | "state_changed"
  | "capacity_full"
  | "period_over"
  | "own_application";

const STATUS: Record<ApplicationErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  not_open: 409,
  not_eligible_grade: 403,
  not_eligible_employment: 403,
  own_unit: 403,
  no_supervisor: 409,
  already_applied: 409,
  over_cap: 409,
  state_changed: 409,
  capacity_full: 409,
  period_over: 409,
  own_application: 403,
};

export const APPLICATION_ERROR_JA: Record<ApplicationErrorCode, string> = {
  not_found: "応募が見つかりません。",
  forbidden: "この操作を行う権限がありません。",
  not_open: "この募集は現在、応募を受け付けていません。",
  not_eligible_grade: "この募集の応募資格（職位）を満たしていないため、応募できません。",
  not_eligible_employment: "この募集の応募資格（任用形態）を満たしていないため、応募できません。",
  own_unit: "庁内複業は所属以外の業務に従事する制度のため、ご自身の所属の募集には応募できません。",
  no_supervisor: "同意を行う所属長が名簿に登録されていないため、応募できません。人事課にお問い合わせください。",
  already_applied: "この募集には既に応募しています。",
  over_cap: "庁内複業の従事時間の上限を超えるため、応募できません。",
  state_changed: "状態が変わりました。画面を更新してください。",
  capacity_full: "定員に達しています。",
  period_over: "この募集の実施期間は終了しています。",
  own_application: "ご自身の応募は選考できません。",
};

export interface SideJobCommitment {
  applicationId: number;
  postingId: number;
  title: string;
  hoursPerMonth: number;
  periodStart: string;
  periodEnd: string;
  status: "accepted" | "participating";
}

export class ApplicationError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApplicationErrorCode,
    readonly details: { commitments?: SideJobCommitment[]; capHours?: number; capPercent?: number; requestedHours?: number } = {},
  ) {
    super(APPLICATION_ERROR_JA[code]);
    this.name = "ApplicationError";
    this.status = STATUS[code];
  }
}

export function isApplicationError(error: unknown): error is ApplicationError {
  return error instanceof ApplicationError;
}

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
}

function pgError(error: unknown): PgError {
  return (typeof error === "object" && error !== null ? error : {}) as PgError;
}

/** 23505 on applications_one_live: a second live application for the same posting. */
export function isOneLiveViolation(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23505" && e.constraint === "applications_one_live";
}

/** 23514 raised while postings.filled went past capacity (the filled trigger's UPDATE hits the table's CHECK). */
export function isCapacityViolation(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23514" && e.table === "postings";
}

/** The status trigger refused a transition (someone else moved the application first). */
export function isTransitionViolation(error: unknown): boolean {
  const e = pgError(error);
  return e.code === "23514" && e.constraint === "applications_transition";
}
