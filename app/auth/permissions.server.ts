import type { User } from "lucia";
import type { RoleCode } from "../../db/schema";
import { getSession, signInRedirect } from "./session.server";

// The one permission API. Every loader and action starts with one of these; they throw the 302/403 Response
// that Remix turns into a redirect or the 403 page.

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function hasRole(user: Pick<User, "roles">, role: RoleCode): boolean {
  return user.roles.some((grant) => grant.role === role);
}

export function hasUnitRole(user: Pick<User, "roles">, role: RoleCode, departmentId: number): boolean {
  return user.roles.some((grant) => grant.role === role && grant.departmentId === departmentId);
}

/** The units in which the user holds a unit-scoped role. */
export function unitsWithRole(user: Pick<User, "roles">, role: RoleCode): number[] {
  return user.roles.filter((grant) => grant.role === role && grant.departmentId !== null).map((grant) => grant.departmentId!);
}

export async function requireUser(request: Request): Promise<User> {
  const found = await getSession(request);
  if (!found) {
    const hadCookie = /(?:^|;\s*)portal_session=/.test(request.headers.get("Cookie") ?? "");
    signInRedirect(request, hadCookie ? "expired" : undefined);
  }
  return found.user;
}

/** Signed in and holding at least one of the roles. */
export async function requireRole(request: Request, ...roles: RoleCode[]): Promise<User> {
  const user = await requireUser(request);
  if (!roles.some((role) => hasRole(user, role))) forbidden();
  return user;
}

/** Signed in and holding `role` for this unit. */
export async function requireUnitRole(request: Request, role: RoleCode, departmentId: number): Promise<User> {
  const user = await requireUser(request);
  if (!hasUnitRole(user, role, departmentId)) forbidden();
  return user;
}
