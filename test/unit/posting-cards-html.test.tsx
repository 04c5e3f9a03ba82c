import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge } from "~/postings/components";
import { postingCardsHtml, type PostingCardData } from "~/postings/posting-cards-html";
import { translator } from "~/i18n/i18n";
import "~/postings/messages";

const t = translator("ja");
const card = (over: Partial<PostingCardData> = {}): PostingCardData => ({
  id: 12,
  scheme: "side_job",
  title: "観光プロモーション企画",
  summary: "観光振興に一緒に取り組む職員を募集します。",
  skills: ["SNS運用", "動画編集"],
  hours_per_month: 10,
  period_start: "2027-01-01",
  period_end: "2027-03-31",
  capacity: 3,
  work_style: "hybrid",
  apply_from: "2026-11-01",
  apply_until: "2026-11-30",
  host_name: "観光振興課",
  bureau_name: "観光戦略局",
  my_application_id: null,
  phase: "open",
  placesLeft: 2,
  deadlineSoon: false,
  ...over,
});

describe("postingCardsHtml: the browse page's cards as HTML text", () => {
  it("writes a card: scheme, title link, units, summary, facts and skills", () => {
    const html = postingCardsHtml([card()], { t, locale: "ja" });
    expect(html).toMatch(/^<li><article class="posting-card" aria-labelledby="posting-12"><div><span class="tag bg-brand-50 text-brand-900 ring-brand-600\/30">/);
    expect(html).toContain('<h2 id="posting-12"><a href="/postings/12" data-nav="" data-discover="true">観光プロモーション企画</a></h2>');
    expect(html).toContain("<p>観光戦略局 観光振興課</p><p>観光振興に一緒に取り組む職員を募集します。</p>");
    expect(html).toContain(`<dd>${t("postings.card.deadline", { date: "2026年11月30日" })}</dd>`);
    expect(html).toContain(`<ul aria-label="${t("postings.field.skills")}"><li>SNS運用</li><li>動画編集</li></ul></article></li>`);
    expect(postingCardsHtml([card({ skills: [], bureau_name: null })], { t, locale: "ja" })).not.toContain("<ul");
  });

  it("shows the badges as components.tsx's Badge renders them", () => {
    const html = postingCardsHtml([card({ deadlineSoon: true, placesLeft: 0, my_application_id: 5 })], { t, locale: "ja" });
    expect(html).toContain(renderToStaticMarkup(<Badge tone="warning">{t("postings.badge.deadlineSoon")}</Badge>));
    expect(html).toContain(renderToStaticMarkup(<Badge tone="muted">{t("postings.badge.full")}</Badge>));
    expect(html).toContain(renderToStaticMarkup(<Badge tone="info">{t("postings.badge.applied")}</Badge>));
    expect(html).toContain('<dd class="text-orange-800">');
    const scheduled = postingCardsHtml([card({ phase: "scheduled", scheme: "job_challenge" })], { t, locale: "ja" });
    expect(scheduled).toContain(`<span class="badge bg-sky-50 text-sky-900 ring-sky-300" data-phase="scheduled">${t("postings.phase.scheduled")}</span>`);
    expect(scheduled).toContain('<span class="tag bg-teal-50 text-teal-900 ring-teal-300">');
    expect(scheduled).toContain(t("postings.card.opensOn", { date: "2026年11月1日" }));
  });

  it("escapes what people typed", () => {
    const html = postingCardsHtml([card({ title: `<script>alert("x")</script>`, summary: "A & B", skills: [`"><img src=x>`] })], { t, locale: "ja" });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("<p>A &amp; B</p>");
  });
});
