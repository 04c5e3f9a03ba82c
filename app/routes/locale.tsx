import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "../db.server";
import { getUser, safeRedirectTo } from "../auth/session.server";
import { isLocale } from "../i18n/locale";
import { localeCookie } from "../i18n/locale.server";

export async function loader() {
  return redirect("/");
}

/** Switches the language; remembered on the account when signed in, in a cookie otherwise. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) throw new Response("Bad Request", { status: 400 });
  const user = await getUser(request);
  if (user) await getDb().updateTable("employees").set({ locale }).where("id", "=", user.id).execute();
  return redirect(safeRedirectTo(form.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
