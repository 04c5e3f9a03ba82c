import { z } from "zod";

// Every environment variable the product reads, validated once. README lists the same set.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(24329),
  EMBEDDED_PG_DATA: z.string().default(".data/pg"),
  APP_URL: z.string().url().optional(),
  DEMO_MODE: z.enum(["0", "1", "true", "false"]).optional(),
  SEED_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("職員チャレンジポータル <no-reply@portal.example.jp>"),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  WORKER: z.enum(["0", "1", "true", "false"]).optional(),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  WEB_NODE_FLAGS: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { appUrl: string; demoMode: boolean; secureCookies: boolean; workerEnabled: boolean };

const truthy = (value: string | undefined) => value === "1" || value === "true";

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  // Demo mode (demo accounts on the sign-in page, the development mailbox) defaults on only for the zero-setup
  // embedded database; an external DATABASE_URL means a real installation unless DEMO_MODE says otherwise.
  const demoMode = env.DEMO_MODE !== undefined ? truthy(env.DEMO_MODE) : !env.DATABASE_URL || source.PORTAL_EMBEDDED === "1";
  // Cookies are Secure in production, unless the installation itself is served over plain http (local demo).
  const secureCookies = env.NODE_ENV === "production" && appUrl.startsWith("https://");
  const workerEnabled = env.WORKER === undefined ? true : truthy(env.WORKER);
  return { ...env, appUrl, demoMode, secureCookies, workerEnabled };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= readEnv();
  return cached;
}
export function resetEnvCache(): void {
  cached = undefined;
}
