import { Lucia, TimeSpan } from "lucia";
import { getDb } from "../../db/client.server";
import { env } from "../env.server";
import { KyselyAdapter, type DatabaseSessionAttributes, type DatabaseUserAttributes } from "./adapter.server";

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof buildLucia>;
    UserId: number;
    DatabaseUserAttributes: DatabaseUserAttributes;
    DatabaseSessionAttributes: DatabaseSessionAttributes;
  }
}

export const SESSION_COOKIE = "portal_session";

function buildLucia() {
  const config = env();
  return new Lucia(new KyselyAdapter(getDb), {
    // Server-side expiry with sliding renewal (lucia extends a session used in its second half).
    sessionExpiresIn: new TimeSpan(config.SESSION_TTL_HOURS, "h"),
    sessionCookie: {
      name: SESSION_COOKIE,
      // A browser-session cookie: the database row decides expiry, so renewal never needs a new Set-Cookie.
      expires: false,
      attributes: { secure: config.secureCookies, sameSite: "lax", path: "/" },
    },
    getUserAttributes: (attributes) => attributes,
    getSessionAttributes: (attributes) => ({ dataVersion: attributes.dataVersion }),
  });
}

let instance: ReturnType<typeof buildLucia> | undefined;
export function lucia() {
  instance ??= buildLucia();
  return instance;
}
