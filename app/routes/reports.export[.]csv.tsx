import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { getDb } from "../db.server";
import { reportExportResponse } from "../reports/export.server";

// GET /reports/export.csv?fy=2024&asOf=2024-10-01&kind=summary|participants[&unit=ID] — UTF-8 with BOM, CRLF.
// hr_admin: both kinds; supervisor: the summary of their unit; everyone else 403 (see resolveExportAccess).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr_admin", "supervisor");
  return reportExportResponse(getDb(), user, new URL(request.url).searchParams, "csv", { ip: clientIp(context) });
}
