import { fiscalYearLabel, fiscalYearOf } from "../i18n/format";

// DESIGN §3: fiscal year F runs F-04-01 … (F+1)-03-31; a report is "as of" a date D, by default today when today
// falls inside F, otherwise F's last day.
export function fiscalYearBounds(fiscalYear: number): { first: string; last: string } {
  return { first: `${fiscalYear}-04-01`, last: `${fiscalYear + 1}-03-31` };
}

export function defaultAsOf(fiscalYear: number, today: string): string {
  const { first, last } = fiscalYearBounds(fiscalYear);
  if (today < first) return first;
  return today > last ? last : today;
}

export { fiscalYearLabel, fiscalYearOf };
