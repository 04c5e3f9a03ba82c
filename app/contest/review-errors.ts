// What the conflict, assignment and review commands refuse, with the HTTP status a page answers. Apart from the
// schemas (review-schemas.ts) so that the catalogue, which quotes the Japanese text, does not pull zod into pages.

export type ReviewErrorCode =
  | "not_found"
  | "conflicted"
  | "assign_conflict"
  | "not_reviewer"
  | "not_submitted"
  | "review_submitted"
  | "window_not_open"
  | "window_closed"
  | "already_submitted"
  | "incomplete"
  | "invalid_score"
  | "comment_required"
  | "invalid_reason";

const STATUS: Record<ReviewErrorCode, number> = {
  not_found: 404,
  conflicted: 403,
  assign_conflict: 409,
  not_reviewer: 422,
  not_submitted: 409,
  review_submitted: 409,
  window_not_open: 409,
  window_closed: 409,
  already_submitted: 409,
  incomplete: 422,
  invalid_score: 422,
  comment_required: 422,
  invalid_reason: 422,
};

/** Japanese defaults (seeds, logs); pages translate `contest.review.error.<code>`. */
export const REVIEW_ERROR_JA: Record<ReviewErrorCode, string> = {
  not_found: "対象の提案または割当が見つかりません。",
  conflicted: "利害関係があるため、この提案は閲覧・評価できません。",
  assign_conflict: "この審査員はこの提案と利害関係があるため、割り当てられません。",
  not_reviewer: "審査員として登録されていない職員です。",
  not_submitted: "提出済みの提案にだけ審査員を割り当てられます。",
  review_submitted: "評価が提出済みのため、この操作はできません。",
  window_not_open: "審査期間の開始前のため、評価を保存できません。",
  window_closed: "審査期間が終了したため、評価は変更できません。",
  already_submitted: "提出済みの評価は下書きに戻せません。修正する場合は「修正を提出」を押してください。",
  incomplete: "提出するには、すべての評価項目の評点を選んでください。",
  invalid_score: "評点が評価項目の範囲外です。",
  comment_required: "提出するには総評を入力してください。",
  invalid_reason: "理由を500字以内で入力してください。",
};

export class ReviewError extends Error {
  readonly status: number;
  constructor(readonly code: ReviewErrorCode) {
    super(REVIEW_ERROR_JA[code]);
    this.name = "ReviewError";
    this.status = STATUS[code];
  }
}

export function isReviewError(error: unknown): error is ReviewError {
  return error instanceof ReviewError;
}

