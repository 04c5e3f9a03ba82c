import { notFound } from "../auth/permissions.server";

/** A positive integer path parameter, or the 404 page. */
export function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}
