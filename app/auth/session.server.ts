import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { todayInTokyo } from "../i18n/format";
import { lucia } from "./lucia.server";

export type SessionUser = User;

function readSessionId(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

// Several loaders run for one navigation; validate the cookie once per Request.
const cache = new WeakMap<Request, Promise<{ user: User; session: Session } | null>>();

export function getSession(request: Request): Promise<{ user: User; session: Session } | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const id = readSessionId(request);
      if (!id) return null;
      const { user, session } = await lucia().validateSession(id);
      if (!user || !session) return null;
      // Someone who has left (left_on is their last day) keeps no access, whatever their session says.
      if (user.leftOn && user.leftOn < todayInTokyo()) {
        await lucia().invalidateUserSessions(user.id);
        return null;
      }
      return { user, session };
    })();
    cache.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getSession(request))?.user ?? null;
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
