import { beforeAll, describe, expect, it } from "vitest";
import { browseFilterOptions, openSkillTags } from "~/postings/browse.server";
import { listBureaus } from "~/postings/postings.server";
import { todayInTokyo } from "~/i18n/format";
import BrowsePostings, { loader as browseLoader } from "~/routes/postings._index";
import PostingDetail, { loader as detailLoader } from "~/routes/postings.$id";
import { useTestDatabase } from "../helpers/db";
import { createEmployee, request, respond, sessionCookie } from "../helpers/factories";
import { renderRoute } from "../helpers/render-route";
import { buildWorld, createPosting, type World } from "./applications-fixtures";

// The browse page's markup and data after it was made lighter: twenty cards with the same facts, plain links that
// the list's click handler turns into client-side navigation, and only the fields a card shows in the page data.

const t = useTestDatabase();
let w: World;
let cookie: string;
const ids: number[] = [];

beforeAll(async () => {
  w = await buildWorld(t.db);
  cookie = await sessionCookie((await createEmployee(t.db, { departmentId: w.units.tourism.id })).id);
  for (let i = 0; i < 23; i++) ids.push((await createPosting(t.db, { hostDepartmentId: w.units.digital.id, createdBy: w.people.manager.id, title: `データ連携の募集 ${i + 1}`, capacity: 2 })).id);
  await t.db.updateTable("postings").set({ approved_at: new Date(), approved_by: w.people.hr.id }).where("id", "in", ids).execute();
});

describe("/postings", () => {
  it("renders twenty cards with their facts, links and skill tags", async () => {
    const rendered = await renderRoute({ path: "/postings", url: "/postings?q=データ", Component: BrowsePostings, loader: browseLoader, cookie });
    expect(rendered.status).toBe(200);
    expect(rendered.count("<article")).toBe(20);
    expect(rendered.count(/<a href="\/postings\/\d+" data-nav="" data-discover="true"/)).toBe(20);
    expect(rendered.html).toContain("知事政策局 デジタル化推進室");
    expect(rendered.html).toContain("<dt>月あたりの従事時間</dt><dd>月16時間<span>標準勤務時間（週38時間45分）の");
    expect(rendered.html).toContain("残り2人（定員2人）<span>併用（対面・リモート）</span>");
    expect(rendered.count('aria-label="求めるスキル・経験"><li>データ分析</li><li>SNS</li></ul>')).toBe(20);
    expect(rendered.html).toContain(">23件の募集</p>");
  });

  it("sends only what a card shows", async () => {
    const data = await (await respond(() => browseLoader({ request: request("/postings", { cookie }), params: {}, context: {} }))).json();
    expect(Object.keys(data.result.rows[0]).sort()).toEqual(
      ["apply_from", "apply_until", "bureau_name", "capacity", "deadlineSoon", "host_name", "hours_per_month", "id", "my_application_id", "period_end", "period_start", "phase", "placesLeft", "scheme", "skills", "summary", "title", "work_style"].sort(),
    );
  });

  it("the filter form's choices come in one query, the same as the bureau list and the open postings' skill tags", async () => {
    const today = todayInTokyo();
    for (const day of [today, "2020-01-01"]) {
      expect(await browseFilterOptions(t.db, day)).toEqual({ bureaus: await listBureaus(t.db), skills: await openSkillTags(t.db, day) });
    }
  });
});

describe("/postings/:id", () => {
  it("renders the posting with the applicant's situation", async () => {
    const rendered = await renderRoute({ path: "/postings/:id", url: `/postings/${ids[0]}`, Component: PostingDetail, loader: detailLoader, cookie });
    expect(rendered.status).toBe(200);
    expect(rendered.html).toContain("データ連携の募集 1");
    expect(rendered.html).toContain(`/postings/${ids[0]}/apply`);
    // Unknown and never-published postings are the same 404.
    const missing = await respond(() => detailLoader({ request: request(`/postings/${ids[22] + 1000}`, { cookie }), params: { id: String(ids[22] + 1000) }, context: {} }));
    expect(missing.status).toBe(404);
  });
});
