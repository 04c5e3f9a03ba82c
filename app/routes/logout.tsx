import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "../db.server";
import { audit } from "../audit/audit.server";
import { endSession, getUser } from "../auth/session.server";
import { clientIp } from "../context.server";

export async function loader() {
  // Signing out changes state, so it is a POST only; a stray GET goes home.
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const cookie = await endSession(request);
  if (user) await audit(getDb(), { actorId: user.id, action: "auth.sign_out", entityType: "account", entityId: user.id, ip: clientIp(context) });
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": cookie } });
}
