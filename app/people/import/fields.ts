// Field rules shared by the import kinds. The patterns mirror the CHECK constraints in the foundation
// migration, so a row that passes here never trips the database.

export const DEPARTMENT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,20}$/;
export const EMPLOYEE_NO_PATTERN = /^[A-Za-z0-9]{1,20}$/;
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
export const BIRTH_YEAR_MIN = 1930;
export const BIRTH_YEAR_MAX = 2015;

// Hiragana, katakana (with ・ for foreign names and the iteration marks), the long-vowel mark and spaces.
const KANA = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fe \u3000]+$/;
const HALF_WIDTH_KANA = /[\uff61-\uff9f]/;
// Stricter than the database CHECK: ASCII only, a dotted domain, no leading/trailing dots in labels.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Excel rewrites 2024-04-01 as 2024/4/1 when a Japanese-locale user saves the sheet again.
const LOOSE_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

export function isKana(value: string): boolean {
  return KANA.test(value);
}

export function hasHalfWidthKana(value: string): boolean {
  return HALF_WIDTH_KANA.test(value);
}

export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A cell's date as YYYY-MM-DD, accepting Excel's YYYY/M/D and full-width digits; anything else comes back
 * unchanged so validation can quote it in the error.
 */
export function normalizeDateCell(cell: string): string {
  const m = LOOSE_DATE.exec(cell.normalize("NFKC"));
  if (!m) return cell;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

/** A whole number from a cell (full-width digits allowed); NaN for anything else, including an empty cell. */
export function integerCell(cell: string): number {
  const normalized = cell.normalize("NFKC");
  return /^\d+$/.test(normalized) ? Number(normalized) : Number.NaN;
}

/** Errors for a required, length-limited text field ("氏名が入力されていません。"). */
export function textErrors(label: string, value: string, maxLength = NAME_MAX_LENGTH): string[] {
  if (value.trim() === "") return [`${label}が入力されていません。`];
  if (value.length > maxLength) return [`${label}は${maxLength}文字以内で入力してください（${value.length}文字）。`];
  // A quoted CSV cell can carry a line break; in a name it is always a mistake.
  if (/[\u0000-\u001f\u007f]/.test(value)) return [`${label}に改行やタブなどの制御文字は使用できません。`];
  return [];
}
