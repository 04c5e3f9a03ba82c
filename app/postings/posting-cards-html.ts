import type { Scheme, WorkStyle } from "../../db/schema";
import { formatDate } from "../i18n/format";
import type { Translate } from "../i18n/i18n";
import type { Locale } from "../i18n/locale";
import { escapeHtml as e } from "../ui/html-escape";
import { badgeTones, phaseTones, schemeTones } from "./components";
import { formatShare, type PostingPhase } from "./model";

/** What a browse card shows of a posting (the browse loader's rows). */
export interface PostingCardData {
  id: number;
  scheme: Scheme;
  title: string;
  summary: string;
  skills: string[];
  hours_per_month: number;
  period_start: string;
  period_end: string;
  capacity: number;
  work_style: WorkStyle;
  apply_from: string;
  apply_until: string;
  host_name: string;
  bureau_name: string | null;
  my_application_id: number | null;
  phase: PostingPhase;
  placesLeft: number;
  deadlineSoon: boolean;
}


/**
 * The browse page's result cards as HTML text, for `<ol dangerouslySetInnerHTML>`: the markup the cards had as React
 * elements (components.tsx's badges included), written by one function on the server and in the browser from the
 * same data. Twenty cards were 600 of the page's 730 elements, each costing React's server renderer microseconds,
 * and the browser does not hydrate them one by one either. A card holds no state or handler of its own: its link is
 * a plain `a[data-nav]`, handled by the list's delegated click handler; the cards are styled by `.posting-card` in
 * tailwind.css. Every text and attribute value is escaped (titles, summaries and skills are what people typed).
 */
export function postingCardsHtml(rows: readonly PostingCardData[], options: { t: Translate; locale: Locale }): string {
  const { t, locale } = options;
  const labels = {
    hours: e(t("postings.field.hours")),
    period: e(t("postings.field.period")),
    placesLeft: e(t("postings.field.placesLeft")),
    window: e(t("postings.field.window")),
    skills: e(t("postings.field.skills")),
    deadlineSoon: e(t("postings.badge.deadlineSoon")),
    full: e(t("postings.badge.full")),
    applied: e(t("postings.badge.applied")),
    scheduled: e(t("postings.phase.scheduled")),
  };
  let html = "";
  for (const row of rows) {
    let badges = `<span class="tag ${schemeTones[row.scheme]}">${e(t(`postings.scheme.${row.scheme}`))}</span>`;
    if (row.phase === "scheduled") badges += `<span class="badge ${phaseTones.scheduled}" data-phase="scheduled">${labels.scheduled}</span>`;
    if (row.deadlineSoon) badges += `<span class="badge ${badgeTones.warning}">${labels.deadlineSoon}</span>`;
    if (row.placesLeft === 0) badges += `<span class="badge ${badgeTones.muted}">${labels.full}</span>`;
    if (row.my_application_id) badges += `<span class="badge ${badgeTones.info}">${labels.applied}</span>`;
    const window =
      row.phase === "scheduled" ? t("postings.card.opensOn", { date: formatDate(row.apply_from, locale) }) : t("postings.card.deadline", { date: formatDate(row.apply_until, locale) });
    let skills = "";
    if (row.skills.length > 0) {
      skills = `<ul aria-label="${labels.skills}">`;
      for (const skill of row.skills) skills += `<li>${e(skill)}</li>`;
      skills += "</ul>";
    }
    html +=
      `<li><article class="posting-card" aria-labelledby="posting-${row.id}"><div>${badges}</div>` +
      `<h2 id="posting-${row.id}"><a href="/postings/${row.id}" data-nav="" data-discover="true">${e(row.title)}</a></h2>` +
      `<p>${e(row.bureau_name ? `${row.bureau_name} ${row.host_name}` : row.host_name)}</p><p>${e(row.summary)}</p>` +
      `<dl><div><dt>${labels.hours}</dt><dd>${e(t("postings.hours.value", { hours: row.hours_per_month.toFixed(1).replace(/\.0$/, "") }))}` +
      `<span>${e(t("postings.hours.share", { percent: formatShare(row.hours_per_month) }))}</span></dd></div>` +
      `<div><dt>${labels.period}</dt><dd>${e(formatDate(row.period_start, locale))}<span>${e(`〜 ${formatDate(row.period_end, locale)}`)}</span></dd></div>` +
      `<div><dt>${labels.placesLeft}</dt><dd>${e(t("postings.card.placesLeft", { left: row.placesLeft, capacity: row.capacity }))}` +
      `<span>${e(t(`postings.workStyle.${row.work_style}`))}</span></dd></div>` +
      `<div><dt>${labels.window}</dt><dd${row.deadlineSoon ? ' class="text-orange-800"' : ""}>${e(window)}</dd></div></dl>` +
      `${skills}</article></li>`;
  }
  return html;
}
