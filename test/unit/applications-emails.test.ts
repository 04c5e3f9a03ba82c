import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.server";
import { applicationEmails } from "../../emails/applications/index";
import { emailTemplates, type TemplateName, type TemplateProps } from "../../emails/registry";

const url = "https://portal.example.jp/me/applications/42";
const samples: { [K in keyof typeof applicationEmails]: TemplateProps<K> } = {
  "application-submitted": {
    supervisorName: "高畑 誠",
    applicantName: "中川 さくら",
    applicantUnit: "観光振興課",
    postingTitle: "観光DX推進プロジェクト",
    scheme: "side_job",
    hostName: "デジタル化推進室",
    hoursPerMonth: 16,
    periodStart: "2026-12-01",
    periodEnd: "2027-03-31",
    submittedAt: new Date("2026-11-20T07:30:00Z"),
    url,
  },
  "application-consent-reminder": { supervisorName: "高畑 誠", applicantName: "中川 さくら", postingTitle: "観光DX推進プロジェクト", hostName: "デジタル化推進室", submittedAt: new Date("2026-11-20T07:30:00Z"), businessDays: 3, url },
  "application-consented": { applicantName: "中川 さくら", supervisorName: "高畑 誠", postingTitle: "観光DX推進プロジェクト", hostName: "デジタル化推進室", comment: "業務は調整済みです。", url },
  "application-consented-host": { managerName: "松井 健太", applicantName: "中川 さくら", applicantUnit: "観光振興課", postingTitle: "観光DX推進プロジェクト", consentedAt: new Date("2026-11-24T01:00:00Z"), url },
  "application-declined": { applicantName: "中川 さくら", supervisorName: "高畑 誠", postingTitle: "観光DX推進プロジェクト", hostName: "デジタル化推進室", reason: "年度末の繁忙期のため", url },
  "application-withdrawn": { managerName: "松井 健太", applicantName: "中川 さくら", postingTitle: "観光DX推進プロジェクト", withdrawnAt: new Date("2026-11-27T02:00:00Z"), previousStatus: "accepted", reason: "家庭の事情", url },
  "application-interview": { applicantName: "中川 さくら", postingTitle: "観光DX推進プロジェクト", hostName: "デジタル化推進室", interviewAt: new Date("2026-11-26T05:00:00Z"), place: "本館3階 第2会議室", note: "ノートPCをお持ちください。", contact: "内線1234", url },
  "application-decision": { applicantName: "中川 さくら", postingTitle: "観光DX推進プロジェクト", hostName: "デジタル化推進室", outcome: "not_selected", reason: "今回は経験者を優先しました。", periodStart: "2026-12-01", periodEnd: "2027-03-31", hoursPerMonth: 16, contact: "内線1234", url },
};

describe("application emails", () => {
  it("are all registered", () => {
    for (const name of Object.keys(applicationEmails)) expect(Object.hasOwn(emailTemplates, name)).toBe(true);
  });

  for (const name of Object.keys(samples) as (keyof typeof samples)[]) {
    it(`${name}: Japanese subject with the product prefix, link, no markup in text, English too`, async () => {
      const ja = await renderEmail(name as TemplateName, samples[name] as never, "ja");
      expect(ja.subject).toMatch(/^【職員チャレンジポータル】/);
      expect(ja.html).toContain(`href="${url}"`);
      expect(ja.html).not.toContain("\0");
      expect(ja.text).not.toMatch(/<[a-z]/i);
      const en = await renderEmail(name as TemplateName, samples[name] as never, "en");
      expect(en.subject).toMatch(/^\[Staff Challenge Portal\] /);
    });
  }

  it("states times in Japan time and carries reasons as written", async () => {
    const interview = await renderEmail("application-interview", samples["application-interview"]);
    expect(interview.text).toContain("2026年11月26日（木）14:00（日本時間）");
    expect((await renderEmail("application-interview", samples["application-interview"], "en")).text).toContain("Thu 26 Nov 2026, 14:00 (Japan time)");
    expect((await renderEmail("application-declined", samples["application-declined"])).text).toContain("年度末の繁忙期のため");
    const notSelected = await renderEmail("application-decision", samples["application-decision"]);
    expect(notSelected.subject).toBe("【職員チャレンジポータル】選考結果のお知らせ（観光DX推進プロジェクト）");
    expect(notSelected.text).toContain("今回は経験者を優先しました。");
    const accepted = await renderEmail("application-decision", { ...samples["application-decision"], outcome: "accepted", reason: null });
    expect(accepted.subject).toBe("【職員チャレンジポータル】採用決定のお知らせ（観光DX推進プロジェクト）");
    expect(accepted.text).toContain("2026年12月1日〜2027年3月31日");
    expect(accepted.text).not.toContain("今回は経験者");
  });
});
