import { sql } from "kysely";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { todayInTokyo } from "../i18n/format";
import { verifyPassword } from "./password.server";
import { checkSignInThrottle, recordSignInAttempt } from "./throttle.server";

export type SignInOutcome =
  | { ok: true; employeeId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

// A dummy hash keeps the time of "no such account" close to "wrong password" (no account probing by timing).
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jm3b1nH9h0mS2y2H1bDqkY3nJ5yJ0tq8n8b8e7m0c1Q";

export async function findAccount(db: Executor, identifier: string) {
  const value = identifier.trim();
  return db
    .selectFrom("employees")
    .leftJoin("credentials", "credentials.employee_id", "employees.id")
    .select(["employees.id", "employees.name", "employees.email", "employees.left_on", "credentials.password_hash"])
    .where((eb) => eb.or([eb("employees.employee_no", "=", value), eb(sql`lower(employees.email)`, "=", value.toLowerCase())]))
    .executeTakeFirst();
}

export async function signIn(db: Executor, input: { identifier: string; password: string; ip: string }): Promise<SignInOutcome> {
  const throttle = await checkSignInThrottle(db, input.identifier, input.ip);
  if (throttle.blocked) {
    await audit(db, { actorId: null, action: "auth.sign_in_throttled", entityType: "account", entityId: input.identifier.trim().slice(0, 100), ip: input.ip });
    return { ok: false, reason: "throttled", retryAfterMinutes: throttle.retryAfterMinutes };
  }
  const account = await findAccount(db, input.identifier);
  const active = account && (!account.left_on || account.left_on >= todayInTokyo());
  const valid = await verifyPassword(account?.password_hash ?? DUMMY_HASH, input.password);
  const succeeded = Boolean(account && active && account.password_hash && valid);
  await recordSignInAttempt(db, input.identifier, input.ip, succeeded);
  await audit(db, {
    actorId: succeeded ? account!.id : null,
    action: succeeded ? "auth.sign_in" : "auth.sign_in_failed",
    entityType: "account",
    entityId: account ? String(account.id) : input.identifier.trim().slice(0, 100),
    ip: input.ip,
  });
  return succeeded ? { ok: true, employeeId: account!.id } : { ok: false, reason: "invalid" };
}
