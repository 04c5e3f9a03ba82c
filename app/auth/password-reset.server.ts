import { createHash, randomBytes } from "node:crypto";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { todayInTokyo } from "../i18n/format";
import { setPassword } from "./password.server";
import { findAccount } from "./sign-in.server";

export const RESET_TOKEN_MINUTES = 60;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Sends a reset link when the identifier matches an active account; silent otherwise, so the form cannot be
 * used to learn who has an account. Only the token's hash is stored.
 */
export async function requestPasswordReset(db: Executor, input: { identifier: string; appUrl: string; ip: string; now?: Date }): Promise<void> {
  const account = await findAccount(db, input.identifier);
  if (!account || (account.left_on && account.left_on < todayInTokyo())) return;
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    // A new request supersedes older unused links.
    await trx.updateTable("password_reset_tokens").set({ used_at: now }).where("employee_id", "=", account.id).where("used_at", "is", null).execute();
    await trx
      .insertInto("password_reset_tokens")
      .values({ employee_id: account.id, token_hash: hashToken(token), expires_at: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000) })
      .execute();
    await enqueueEmail(trx, {
      template: "password-reset",
      to: account.email,
      toEmployeeId: account.id,
      props: { name: account.name, resetUrl: `${input.appUrl}/reset-password/${token}`, expiresInMinutes: RESET_TOKEN_MINUTES },
    });
    await audit(trx, { actorId: null, action: "auth.password_reset_requested", entityType: "account", entityId: account.id, ip: input.ip });
  });
}

/** True when the token exists, is unused and unexpired (for showing the form). */
export async function isResetTokenUsable(db: Executor, token: string): Promise<boolean> {
  const row = await db
    .selectFrom("password_reset_tokens")
    .select("id")
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Consumes the token with one conditional UPDATE, so a link works once even when submitted twice at the same
 * moment; then sets the password and ends every session of the account.
 */
export async function resetPassword(db: Executor, input: { token: string; password: string; ip: string }): Promise<boolean> {
  const employeeId = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: new Date() })
      .where("token_hash", "=", hashToken(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date())
      .returning("employee_id")
      .executeTakeFirst();
    if (!row) return null;
    await setPassword(trx, row.employee_id, input.password);
    await trx.deleteFrom("sessions").where("employee_id", "=", row.employee_id).execute();
    await audit(trx, { actorId: row.employee_id, action: "auth.password_reset", entityType: "account", entityId: row.employee_id, ip: input.ip });
    return row.employee_id;
  });
  return employeeId !== null;
}

/** A signed-in change of password: every other session of the account ends, this one stays. */
export async function changePassword(db: Executor, input: { employeeId: number; currentSessionId: string; password: string; ip: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, input.employeeId, input.password);
    await trx.deleteFrom("sessions").where("employee_id", "=", input.employeeId).where("id", "<>", input.currentSessionId).execute();
    await audit(trx, { actorId: input.employeeId, action: "auth.password_changed", entityType: "account", entityId: input.employeeId, ip: input.ip });
  });
}

