import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "../http/json.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { requireUser } from "../auth/permissions.server";
import { todayInTokyo } from "../i18n/format";
import { useLocale, useT } from "../i18n/i18n";
import { cachedBrowseFilterOptions, browsePostings } from "../postings/browse.server";
import { isDeadlineSoon, placesLeft, postingPhase } from "../postings/model";
import { postingCardsHtml } from "../postings/posting-cards-html";
import { parseBrowseQuery } from "../postings/schema";
import { Button } from "../ui/Button";
import { SelectField, TextField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { useDelegatedLinks } from "../ui/delegated-links";
import { Pagination } from "../ui/Pagination";
import "../postings/messages";

export const meta: MetaFunction = () => [{ title: "募集を探す | 職員チャレンジポータル" }];

const HOUR_OPTIONS = [5, 10, 20, 30, 40, 80];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const query = parseBrowseQuery(url.searchParams);
  const today = todayInTokyo();
  const db = getDb();
  const [result, { bureaus, skills }] = await Promise.all([browsePostings(db, query, { today, viewerId: user.id, request }), cachedBrowseFilterOptions(db, today)]);
  if (result.pastTheEnd) {
    url.searchParams.delete("page");
    throw redirect(`${url.pathname}?${url.searchParams}`);
  }
  // Only what a card shows goes to the page.
  const rows = result.rows.map((row) => ({
    id: row.id,
    scheme: row.scheme,
    title: row.title,
    summary: row.summary,
    skills: row.skills,
    hours_per_month: row.hours_per_month,
    period_start: row.period_start,
    period_end: row.period_end,
    capacity: row.capacity,
    work_style: row.work_style,
    apply_from: row.apply_from,
    apply_until: row.apply_until,
    host_name: row.host_name,
    bureau_name: row.bureau_name,
    my_application_id: row.my_application_id,
    phase: postingPhase(row, today),
    placesLeft: placesLeft(row),
    deadlineSoon: isDeadlineSoon(row, today),
  }));
  return json({ query, result: { ...result, rows }, bureaus, skills });
}

export default function BrowsePostings() {
  const { query, result, bureaus, skills } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const onLinkClick = useDelegatedLinks();
  const filtered = Boolean(query.q || query.scheme || query.bureau || query.skill || query.maxHours || query.remote || query.from || query.to || query.upcoming);
  return (
    <div>
      <PageHeader title={t("postings.browse.title")} lead={t("postings.browse.lead")} />
      <Form method="get" role="search" aria-label={t("postings.browse.filters")} className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          <div className="md:col-span-2">
            <TextField id="q" name="q" type="search" label={t("postings.filter.q")} hint={t("postings.filter.q.hint")} defaultValue={query.q ?? ""} maxLength={100} />
          </div>
          <SelectField id="scheme" name="scheme" label={t("postings.filter.scheme")} defaultValue={query.scheme ?? ""}>
            <option value="">{t("postings.filter.scheme.all")}</option>
            <option value="side_job">{t("postings.scheme.side_job")}</option>
            <option value="job_challenge">{t("postings.scheme.job_challenge")}</option>
          </SelectField>
          <SelectField id="bureau" name="bureau" label={t("postings.filter.bureau")} defaultValue={query.bureau ?? ""}>
            <option value="">{t("postings.filter.bureau.all")}</option>
            {bureaus.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <div>
            <TextField id="skill" name="skill" label={t("postings.filter.skill")} placeholder={t("postings.filter.skill.hint")} defaultValue={query.skill ?? ""} list="skill-options" maxLength={30} />
            <datalist id="skill-options">
              {skills.map((skill) => (
                <option key={skill} value={skill} />
              ))}
            </datalist>
          </div>
          <SelectField id="maxHours" name="maxHours" label={t("postings.filter.maxHours")} defaultValue={query.maxHours ?? ""}>
            <option value="">{t("postings.filter.maxHours.any")}</option>
            {HOUR_OPTIONS.map((hours) => (
              <option key={hours} value={hours}>
                {t("postings.filter.maxHours.option", { hours })}
              </option>
            ))}
          </SelectField>
          <TextField id="from" name="from" type="month" label={t("postings.filter.from")} defaultValue={query.from ?? ""} />
          <TextField id="to" name="to" type="month" label={t("postings.filter.to")} defaultValue={query.to ?? ""} />
        </div>
        <div className="mt-4 flex flex-wrap items-end justify-between gap-4">
          <div className="flex flex-col gap-2 text-sm">
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" name="remote" value="1" defaultChecked={query.remote === "1"} className="h-4 w-4" />
              {t("postings.filter.remote")}
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" name="upcoming" value="1" defaultChecked={query.upcoming === "1"} className="h-4 w-4" />
              {t("postings.filter.upcoming")}
            </label>
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="w-48">
              <SelectField id="sort" name="sort" label={t("postings.filter.sort")} defaultValue={query.sort}>
                <option value="deadline">{t("postings.filter.sort.deadline")}</option>
                <option value="newest">{t("postings.filter.sort.newest")}</option>
              </SelectField>
            </div>
            <Button type="submit">{t("postings.filter.submit")}</Button>
            {filtered ? (
              <Link to="/postings" className="pb-2 text-sm text-brand-700 underline">
                {t("postings.filter.reset")}
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p className="mb-3 text-sm font-medium text-slate-800" role="status">
        {t("postings.browse.count", { count: result.total })}
      </p>
      {result.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">{t("postings.browse.none")}</p>
      ) : (
        <ol className="space-y-4" aria-label={t("postings.browse.title")} onClick={onLinkClick} dangerouslySetInnerHTML={{ __html: postingCardsHtml(result.rows, { t, locale }) }} />
      )}
      <Pagination page={result.page} pages={result.pages} />
    </div>
  );
}
