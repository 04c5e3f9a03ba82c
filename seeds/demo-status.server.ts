import type { DB } from "../db/client.server";

// Kept apart from the seeding code so `npm start` can ask "is the demo loaded?" without loading the seed data
// (tens of MB it would otherwise keep in memory for the life of the process).
export const DEMO_SEEDED_KEY = "demo_seeded_at";

export async function isDemoSeeded(db: DB): Promise<boolean> {
  const row = await db.selectFrom("app_meta").select("key").where("key", "=", DEMO_SEEDED_KEY).executeTakeFirst();
  return row !== undefined;
}
