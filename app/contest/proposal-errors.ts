// What the round and proposal commands refuse, with the HTTP status a page answers and the message the user reads.
// The Japanese text here is the default (seeds, logs); pages translate the code with `contest.error.<code>`.

export type ContestErrorCode =
  | "not_found"
  | "forbidden"
  | "round_not_found"
  | "call_not_open"
  | "call_closed"
  | "state_changed"
  | "already_submitted"
  | "withdrawn"
  | "incomplete"
  | "self_invite"
  | "already_invited"
  | "declined_before"
  | "invitee_not_found"
  | "invitee_left"
  | "invitation_not_found"
  | "member_not_found"
  | "rubric_locked"
  | "stale_round"
  | "date_order"
  | "host_not_found";

const STATUS: Record<ContestErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  round_not_found: 404,
  call_not_open: 409,
  call_closed: 409,
  state_changed: 409,
  already_submitted: 409,
  withdrawn: 409,
  incomplete: 409,
  self_invite: 409,
  already_invited: 409,
  declined_before: 409,
  invitee_not_found: 400,
  invitee_left: 409,
  invitation_not_found: 409,
  member_not_found: 409,
  rubric_locked: 409,
  stale_round: 409,
  date_order: 400,
  host_not_found: 400,
};

export const CONTEST_ERROR_JA: Record<ContestErrorCode, string> = {
  not_found: "提案が見つかりません。",
  forbidden: "この操作を行う権限がありません。",
  round_not_found: "コンテストのラウンドが見つかりません。",
  call_not_open: "募集期間外のため、提出できません。",
  call_closed: "募集期間が終了したため、変更できません。",
  state_changed: "状態が変わりました。画面を更新してください。",
  already_submitted: "この提案は既に提出済みです。",
  withdrawn: "取り下げた提案は、提出・変更できません。",
  incomplete: "提出に必要な項目が入力されていません。",
  self_invite: "提案者ご自身をメンバーに招待することはできません。",
  already_invited: "この職員は既にメンバーに招待されています。",
  declined_before: "この職員は、この提案への招待を辞退しています。",
  invitee_not_found: "該当する職員が見つかりません。職員番号を確認してください。",
  invitee_left: "退職した職員は招待できません。",
  invitation_not_found: "回答できる招待が見つかりません。既に回答したか、招待が取り消された可能性があります。",
  member_not_found: "このメンバーは既に外れているか、外すことができません。",
  rubric_locked: "審査が始まっているため、評価項目（ルーブリック）は変更できません。",
  stale_round: "ほかの担当者が先にこのラウンドを更新しました。画面を更新して、内容を確認してから保存してください。",
  date_order: "日程の順序が正しくありません（募集 ≦ 審査 ≦ 結果発表 ≦ プロジェクト開始）。",
  host_not_found: "希望する受入所属が見つかりません。一覧から選んでください。",
};

export class ContestError extends Error {
  readonly status: number;
  constructor(
    readonly code: ContestErrorCode,
    readonly details: { missing?: string[] } = {},
  ) {
    super(CONTEST_ERROR_JA[code]);
    this.name = "ContestError";
    this.status = STATUS[code];
  }
}

export function isContestError(error: unknown): error is ContestError {
  return error instanceof ContestError;
}

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
}

/** 23514 from one of contest_rounds' CHECKs on the order of the dates. */
export function isRoundDateViolation(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as PgError;
  // The table-level CHECKs (PostgreSQL names them contest_rounds_check, _check1, …) are the date-order ones.
  return e.code === "23514" && e.table === "contest_rounds" && /^contest_rounds_check\d*$/.test(e.constraint ?? "");
}

/** 23503: a score still points at a criterion the rubric change tried to delete (a review raced the change). */
export function isCriterionInUse(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as PgError;
  return e.code === "23503" && e.table === "contest_scores";
}
