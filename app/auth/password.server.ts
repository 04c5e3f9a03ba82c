import { hash, verify } from "@node-rs/argon2";
import type { Executor } from "../../db/client.server";

// argon2id (the library default, algorithm 2) with OWASP's minimum memory/time cost.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export async function setPassword(db: Executor, employeeId: number, password: string): Promise<void> {
  const password_hash = await hashPassword(password);
  await db
    .insertInto("credentials")
    .values({ employee_id: employeeId, password_hash })
    .onConflict((oc) => oc.column("employee_id").doUpdateSet({ password_hash, updated_at: new Date() }))
    .execute();
}
