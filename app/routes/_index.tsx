import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/permissions.server";
import { env } from "../env.server";
import { useT } from "../i18n/i18n";
import { navigationFor } from "../ui/navigation";
import { Card, PageHeader } from "../ui/Page";

export const meta: MetaFunction = () => [{ title: "ホーム | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const areas = navigationFor(user.roles.map((r) => r.role), env().demoMode).filter((item) => item.to !== "/");
  return json({
    name: user.name,
    employeeNo: user.employeeNo,
    departmentName: user.departmentName,
    grade: user.grade,
    roles: user.roles,
    areas,
  });
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <PageHeader title={t("home.welcome", { name: data.name })} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("home.unit")}>
          <dl className="space-y-2">
            <div>
              <dt className="text-sm text-slate-600">{t("home.unit")}</dt>
              <dd className="font-medium" data-testid="home-unit">
                {data.departmentName}（{data.grade}）
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("home.roles")}</dt>
              <dd>
                <ul className="flex flex-wrap gap-2" data-testid="home-roles">
                  <li className="rounded-full bg-slate-100 px-3 py-1 text-sm">{t("role.employee")}</li>
                  {data.roles.map((grant) => (
                    <li key={`${grant.role}-${grant.departmentId ?? ""}`} className="rounded-full bg-brand-100 px-3 py-1 text-sm text-brand-900">
                      {t(`role.${grant.role}`)}
                      {grant.departmentName ? `（${grant.departmentName}）` : ""}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
        </Card>
        <Card title={t("home.areas")}>
          {data.areas.length === 0 ? (
            <p className="text-slate-700">{t("home.noAreas")}</p>
          ) : (
            <ul className="space-y-2">
              {data.areas.map((area) => (
                <li key={area.to}>
                  <Link to={area.to} className="text-brand-700 underline hover:text-brand-900">
                    {t(area.labelKey)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
