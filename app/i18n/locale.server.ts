import { createCookie } from "@remix-run/node";
import type { User } from "lucia";
import { isLocale, type Locale } from "./locale";

export const localeCookie = createCookie("portal_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The signed-in user's saved choice, else the cookie, else Japanese. */
export async function resolveLocale(request: Request, user: Pick<User, "locale"> | null): Promise<Locale> {
  if (user) return user.locale;
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : "ja";
}
