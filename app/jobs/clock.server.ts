import { sql, type RawBuilder } from "kysely";

/**
 * "Now" inside a query: the database clock by default, so every app instance agrees on what is due even when
 * their own clocks drift; an explicit Date when a caller (a test) wants to move time forward.
 */
export function sqlNow(now?: Date): RawBuilder<Date> {
  return now ? sql<Date>`${now}::timestamptz` : sql<Date>`now()`;
}

export function sqlPlusSeconds(at: RawBuilder<Date>, seconds: number): RawBuilder<Date> {
  return sql<Date>`${at} + make_interval(secs => ${seconds})`;
}

/** Keeps stored error messages readable on a page and bounded in size. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}
