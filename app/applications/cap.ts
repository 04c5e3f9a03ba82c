// The side-job time cap (庁内複業は勤務時間の一定割合まで). Pure arithmetic, shared by the pages and the commands.
// Hours travel as numbers with one decimal (numeric(5,1) in the database); sums are done in tenths of an hour so
// 33.6 + 0.1 is exactly 33.7 and never 33.699999….

export const STANDARD_WEEKLY_HOURS = 38.75; // 38時間45分
/** 38.75 h × 52 weeks ÷ 12 months = 167.9 h a month (unrounded 167.916…). */
export const STANDARD_MONTHLY_HOURS = (STANDARD_WEEKLY_HOURS * 52) / 12;
export const DEFAULT_CAP_PERCENT = 20;
export const MIN_CAP_PERCENT = 1;
export const MAX_CAP_PERCENT = 50;

const tenths = (hours: number) => Math.round(hours * 10);
const fromTenths = (value: number) => value / 10;

/** The standard monthly working time rounded to 0.1 h (167.9). */
export function standardMonthlyHours(): number {
  return fromTenths(tenths(STANDARD_MONTHLY_HOURS));
}

/** The cap in hours a month, rounded to 0.1 h: 20% → 33.6. */
export function capHoursPerMonth(capPercent: number): number {
  return fromTenths(Math.round((STANDARD_MONTHLY_HOURS * capPercent) / 10));
}

/** A posting's hours a month as a share of standard working time, in percent with one decimal (33.6 h → 20.0). */
export function shareOfStandardTime(hoursPerMonth: number): number {
  return Math.round((hoursPerMonth / STANDARD_MONTHLY_HOURS) * 1000) / 10;
}

/** Hours a month as hours a week (for "週X時間相当"), one decimal. */
export function weeklyEquivalent(hoursPerMonth: number): number {
  return Math.round(((hoursPerMonth * 12) / 52) * 10) / 10;
}

export interface CapCheck {
  capPercent: number;
  capHours: number;
  committedHours: number;
  requestedHours: number;
  totalHours: number;
  remainingHours: number;
  allowed: boolean;
}

/**
 * Whether `requestedHours` more side work fits next to the current commitments: committed + requested ≤ cap.
 * Exactly at the cap is allowed.
 */
export function checkSideJobCap(input: { capPercent: number; committedHours: Array<number | string>; requestedHours: number | string }): CapCheck {
  const capHours = capHoursPerMonth(input.capPercent);
  const committed = input.committedHours.reduce<number>((sum, hours) => sum + tenths(Number(hours)), 0);
  const requested = tenths(Number(input.requestedHours));
  const total = committed + requested;
  return {
    capPercent: input.capPercent,
    capHours,
    committedHours: fromTenths(committed),
    requestedHours: fromTenths(requested),
    totalHours: fromTenths(total),
    remainingHours: fromTenths(Math.max(0, tenths(capHours) - committed)),
    allowed: total <= tenths(capHours),
  };
}
