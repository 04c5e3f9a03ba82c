import { sql } from "kysely";
import { getDb } from "../db.server";

/** Liveness with a database round trip: 200 when PostgreSQL answers, 503 when it does not. */
export async function loader() {
  const started = Date.now();
  try {
    await Promise.race([
      sql`SELECT 1`.execute(getDb()),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return Response.json({ status: "ok", database: "ok", latencyMs: Date.now() - started }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
