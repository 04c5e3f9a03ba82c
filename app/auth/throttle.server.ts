import { sql } from "kysely";
import type { Executor } from "../../db/client.server";

// Failed sign-ins are counted in a sliding window, per account and per client address: the account limit
// stops guessing one person's password, the address limit stops spraying many accounts from one machine.
export const THROTTLE = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 30,
} as const;

export function normaliseIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase();
}

export interface ThrottleState {
  blocked: boolean;
  retryAfterMinutes: number;
}

export async function checkSignInThrottle(db: Executor, identifier: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const row = await db
    .selectNoFrom([
      sql<number>`(SELECT count(*) FROM sign_in_attempts WHERE identifier = ${normaliseIdentifier(identifier)} AND NOT succeeded AND created_at > ${since})`.as("account"),
      sql<number>`(SELECT count(*) FROM sign_in_attempts WHERE ip = ${ip} AND NOT succeeded AND created_at > ${since})`.as("address"),
      sql<Date | null>`(SELECT min(created_at) FROM (
          SELECT created_at FROM sign_in_attempts WHERE identifier = ${normaliseIdentifier(identifier)} AND NOT succeeded AND created_at > ${since}
          ORDER BY created_at DESC LIMIT ${THROTTLE.perAccount}) recent)`.as("oldest"),
    ])
    .executeTakeFirstOrThrow();
  const blocked = Number(row.account) >= THROTTLE.perAccount || Number(row.address) >= THROTTLE.perAddress;
  let retryAfterMinutes: number = THROTTLE.windowMinutes;
  if (blocked && row.oldest && Number(row.account) >= THROTTLE.perAccount) {
    const unblockAt = new Date(row.oldest).getTime() + THROTTLE.windowMinutes * 60_000;
    retryAfterMinutes = Math.max(1, Math.ceil((unblockAt - now.getTime()) / 60_000));
  }
  return { blocked, retryAfterMinutes };
}

export async function recordSignInAttempt(db: Executor, identifier: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insertInto("sign_in_attempts").values({ identifier: normaliseIdentifier(identifier), ip, succeeded }).execute();
}
