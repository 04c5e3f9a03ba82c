import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth/permissions.server";

export async function loader(_: LoaderFunctionArgs) {
  notFound();
}

export default function NotFound() {
  return null;
}
