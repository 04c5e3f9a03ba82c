import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { lucia } from "~/auth/lucia.server";
import { REQUEST_STAMP } from "~/auth/request-stamp";
import { getSession, getUser } from "~/auth/session.server";
import { useTestDatabase } from "../helpers/db";
import { createDepartment, createEmployee, request, sessionCookie } from "../helpers/factories";

// The loaders of one page each get their own copy of the Request; they must share one session check, and two
// HTTP requests must never share one (a request after a sign-out has to see the sign-out).
const t = useTestDatabase();

describe("session validation per HTTP request", () => {
  let cookie: string;
  beforeAll(async () => {
    const unit = await createDepartment(t.db);
    const employee = await createEmployee(t.db, { departmentId: unit.id });
    cookie = await sessionCookie(employee.id);
  });
  afterEach(() => vi.restoreAllMocks());

  const copyOf = (stamp: string | null) => request("/bench/baseline", { cookie, headers: stamp ? { [REQUEST_STAMP]: stamp } : {} });

  it("validates once for all the loaders of one request (same stamp, different Request objects)", async () => {
    const spy = vi.spyOn(lucia(), "validateSession");
    const results = await Promise.all([getSession(copyOf("41")), getSession(copyOf("41")), getSession(copyOf("41"))]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r?.user.id === results[0]?.user.id && r !== null)).toBe(true);
  });

  it("validates separately for two requests, even at the same moment", async () => {
    const spy = vi.spyOn(lucia(), "validateSession");
    await Promise.all([getSession(copyOf("42")), getSession(copyOf("43"))]);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("shares nothing without a stamp (e.g. a loader called directly)", async () => {
    const spy = vi.spyOn(lucia(), "validateSession");
    await Promise.all([getSession(copyOf(null)), getSession(copyOf(null))]);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("a request after the sign-out sees it, whatever was in flight before", async () => {
    const before = getUser(copyOf("44"));
    await lucia().invalidateSession(cookie.split("=")[1]);
    expect(await getUser(copyOf("45"))).toBeNull();
    await before;
    expect(await getUser(copyOf("46"))).toBeNull();
  });
});
