import { notFound } from "../auth/permissions.server";

// Small helpers the postings routes share.

/** A positive integer id from the URL, else the 404 page. */
export function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** The `?done=` notice after a redirect (Post/Redirect/Get), limited to the known ones. */
export function doneNotice(url: URL): { key: string; count: number } | null {
  const done = url.searchParams.get("done");
  const known = ["created", "saved", "submitted", "closed", "completed", "cancelled", "approved", "returned"];
  if (!done || !known.includes(done)) return null;
  return { key: `postings.notice.${done}`, count: Number(url.searchParams.get("n")) || 0 };
}
