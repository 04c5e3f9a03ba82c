import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { getDb, type Executor } from "../../db/client.server";
import type { DataVersion } from "../../db/data-version.server";
import { todayInTokyo } from "../i18n/format";
import { lucia } from "./lucia.server";
import { REQUEST_STAMP } from "./request-stamp";

export type SessionUser = User;

function readSessionId(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

type Validated = { user: User; session: Session } | null;

// Several loaders run for one page, in parallel, and Remix hands each its own copy of the Request, so a cache keyed
// by the Request object alone would still validate the cookie once per loader. Every copy carries the request's
// REQUEST_STAMP: the loaders of one HTTP request share one validation of its session; two requests share nothing.
const perRequest = new WeakMap<Request, Promise<Validated>>();
const inFlight = new Map<string, Promise<Validated>>();

async function validate(id: string): Promise<Validated> {
  const { user, session } = await lucia().validateSession(id);
  if (!user || !session) return null;
  // Someone who has left (left_on is their last day) keeps no access, whatever their session says.
  if (user.leftOn && user.leftOn < todayInTokyo()) {
    await lucia().invalidateUserSessions(user.id);
    return null;
  }
  return { user, session };
}

export function getSession(request: Request): Promise<Validated> {
  let pending = perRequest.get(request);
  if (pending) return pending;
  const id = readSessionId(request);
  const stamp = request.headers.get(REQUEST_STAMP);
  const key = id && stamp ? `${stamp} ${id}` : null;
  pending = key ? inFlight.get(key) : undefined;
  if (!pending) {
    pending = id ? validate(id) : Promise.resolve(null);
    if (key) {
      inFlight.set(key, pending);
      const forget = () => inFlight.delete(key);
      pending.then(forget, forget);
    }
  }
  perRequest.set(request, pending);
  return pending;
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getSession(request))?.user ?? null;
}

/**
 * The report data version the request's session statement read (ADR 012), when `db` is the pool that statement
 * went through; otherwise (no session, another pool) undefined and the caller reads the version itself. Read after
 * the request arrived, it is as new as any of the request's loaders needs.
 */
export async function sessionDataVersion(request: Request, db: Executor): Promise<DataVersion | undefined> {
  const validated = await getSession(request);
  return validated && db === getDb() ? validated.session.dataVersion : undefined;
}

export function safeRedirectTo(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** Issues a new session and returns the Set-Cookie header value. */
export async function startSession(employeeId: number, meta: { ip?: string | null; userAgent?: string | null }): Promise<string> {
  const session = await lucia().createSession(employeeId, { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
  return lucia().createSessionCookie(session.id).serialize();
}

export async function endSession(request: Request): Promise<string> {
  const id = readSessionId(request);
  if (id) await lucia().invalidateSession(id);
  return lucia().createBlankSessionCookie().serialize();
}

export function signInRedirect(request: Request, reason?: "expired"): never {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  if (reason) params.set("reason", reason);
  throw redirect(`/login?${params}`);
}
