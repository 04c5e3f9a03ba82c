import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import type { RoleCode } from "../../db/schema";
import { listAudit } from "../audit/audit.server";
import { notFound, requireRole } from "../auth/permissions.server";
import { clientIp } from "../context.server";
import { translator, useLocale, useT } from "../i18n/i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { getEmployeeProfile, listDepartmentOptions } from "../people/directory.server";
import { GRANTABLE_ROLES } from "../people/roles";
import { grantRole, listRoleGrants, RoleGrantError, revokeRole } from "../people/roles.server";
import { roleActionSchema } from "../people/schemas";
import { Button } from "../ui/Button";
import { DepartmentOptions } from "../ui/DepartmentOptions";
import { SelectField } from "../ui/Field";
import { Card, DataTable, Notice, PageHeader, td, th } from "../ui/Page";
import "../people/messages";

export const meta: MetaFunction = () => [{ title: "職員情報 | 職員チャレンジポータル" }];

function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "hr_admin");
  const id = parseId(params.id);
  const db = getDb();
  const profile = await getEmployeeProfile(db, id);
  if (!profile) notFound();
  const [grants, departments, history] = await Promise.all([
    listRoleGrants(db, id),
    listDepartmentOptions(db),
    listAudit(db, { entityType: "employee", entityId: String(id), limit: 20 }),
  ]);
  return json({ ...profile, grants, departments, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "hr_admin");
  const id = parseId(params.id);
  const t = translator(admin.locale);
  const submission = parseWithZod(await request.formData(), { schema: roleActionSchema(t) });
  if (submission.status !== "success") return json({ result: submission.reply(), message: null }, { status: 400 });
  const db = getDb();
  const exists = await db.selectFrom("employees").select("id").where("id", "=", id).executeTakeFirst();
  if (!exists) notFound();
  const value = submission.value;
  if (value.intent === "grant") {
    try {
      await grantRole(db, { employeeId: id, role: value.role as RoleCode, departmentId: value.departmentId ?? null, actorId: admin.id, ip: clientIp(context) });
    } catch (error) {
      if (error instanceof RoleGrantError) return json({ result: submission.reply({ fieldErrors: { [error.code === "head_exists" ? "departmentId" : "role"]: [error.message] } }), message: null }, { status: 409 });
      throw error;
    }
    return json({ result: submission.reply({ resetForm: true }), message: "employee.roles.granted" });
  }
  const grant = await db.selectFrom("role_grants").select("id").where("id", "=", value.grantId).where("employee_id", "=", id).executeTakeFirst();
  if (!grant) notFound();
  await revokeRole(db, { grantId: value.grantId, actorId: admin.id, ip: clientIp(context) });
  return json({ result: submission.reply({ resetForm: true }), message: "employee.roles.revoked" });
}

export default function EmployeePage() {
  const { employee, supervisor, grants, departments, history } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const fieldErrors = (data?.result?.error ?? {}) as Record<string, string[] | null>;
  const facts: [string, string][] = [
    ["employee.no", employee.employee_no],
    ["employee.kana", employee.name_kana],
    ["employee.email", employee.email],
    ["employee.unit", employee.parent_name ? `${employee.parent_name} ${employee.department_name}` : employee.department_name],
    ["employee.grade", employee.grade],
    ["employee.birthYear", String(employee.birth_year)],
    ["employee.hiredOn", formatDate(employee.hired_on, locale)],
    ["employee.leftOn", employee.left_on ? formatDate(employee.left_on, locale) : "—"],
    ["employee.supervisor", supervisor ? `${supervisor.name}（${supervisor.unit_name} ${supervisor.grade}）` : t("employee.noSupervisor")],
    ["employee.signIn", employee.can_sign_in ? t("employee.signIn.yes") : t("employee.signIn.no")],
  ];
  return (
    <div>
      <PageHeader title={employee.name} lead={t("employee.title")} actions={<Link to="/hr/directory" className="text-brand-700 underline">{t("directory.title")}</Link>} />
      {data?.message ? <Notice tone="success">{t(data.message)}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("employee.title")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600">{t(label)}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t("employee.roles")}>
          {grants.length === 0 ? (
            <p className="mb-4 text-sm text-slate-700">{t("employee.roles.none")}</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-100" data-testid="role-list">
              {grants.map((grant) => (
                <li key={grant.id} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    {t(`role.${grant.role}`)}
                    {grant.department_name ? `（${grant.department_name}）` : ""}
                    <span className="block text-xs text-slate-600">
                      {t("employee.roles.grantedAt")}: {formatDateTime(grant.granted_at, locale)}
                    </span>
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={grant.id} />
                    <Button type="submit" variant="secondary" aria-label={`${t("employee.roles.revoke")}: ${t(`role.${grant.role}`)}`}>
                      {t("employee.roles.revoke")}
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <h3 className="mb-2 font-semibold">{t("employee.roles.grant")}</h3>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="grant" />
            <SelectField id="role" name="role" label={t("employee.roles.role")} errors={fieldErrors.role} required requiredLabel={t("common.required")}>
              {GRANTABLE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </SelectField>
            <SelectField id="departmentId" name="departmentId" label={t("employee.roles.unit")} hint={t("employee.roles.unit.hint")} errors={fieldErrors.departmentId}>
              <option value="">{t("employee.roles.unit.none")}</option>
              <DepartmentOptions departments={departments} />
            </SelectField>
            <Button type="submit">{t("employee.roles.grant")}</Button>
          </Form>
        </Card>
      </div>
      <div className="mt-6">
        <DataTable caption={t("employee.history")}>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("audit.when")}</th>
              <th scope="col" className={th}>{t("audit.who")}</th>
              <th scope="col" className={th}>{t("audit.action")}</th>
              <th scope="col" className={th}>{t("audit.detail")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {history.length === 0 ? (
              <tr>
                <td colSpan={4} className={`${td} text-slate-600`}>{t("common.none")}</td>
              </tr>
            ) : (
              history.map((entry) => (
                <tr key={entry.id}>
                  <td className={td}>{formatDateTime(entry.created_at, locale)}</td>
                  <td className={td}>{entry.actor_name ?? "—"}</td>
                  <td className={`${td} font-mono text-xs`}>{entry.action}</td>
                  <td className={`${td} font-mono text-xs`}>{JSON.stringify(entry.detail)}</td>
                </tr>
              ))
            )}
          </tbody>
        </DataTable>
      </div>
    </div>
  );
}

