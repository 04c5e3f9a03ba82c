import type { Kysely } from "kysely";
import type { Database, ParticipationScheme } from "../../db/schema";

// A deterministic, irregular organisation for checking the set-based history and monthly figures against the
// per-year report (not a test file itself): three 部局 with units two levels deep, 80 people hired and leaving on
// any day (fiscal-year boundaries included) and 240 participation records of every scheme — starting on
// 1 April or 31 March, ending on them, open-ended, starting after "today", spanning several years, contest
// projects in the member's own unit and elsewhere.

/** Small deterministic generator (mulberry32), so the figures are the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

export interface HistoryWorld {
  bureaus: number[];
  /** A unit with a sub-unit under it, and a leaf. */
  units: { parent: number; leaf: number };
}

export async function buildHistoryWorld(db: Kysely<Database>, prefix = "RH"): Promise<HistoryWorld> {
  const rnd = random(20261122);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const dateBetween = (from: string, to: string) => iso(ms(from) + Math.floor(rnd() * ((ms(to) - ms(from)) / DAY + 1)) * DAY);
  /** Now and then a fiscal-year boundary instead of an ordinary day. */
  const boundaryOr = (date: string) => {
    const r = rnd();
    const year = Number(date.slice(0, 4));
    return r < 0.08 ? `${year}-04-01` : r < 0.16 ? `${year}-03-31` : date;
  };

  const department = async (code: string, name: string, parentId: number | null) =>
    (await db.insertInto("departments").values({ code: `${prefix}${code}`, name, parent_id: parentId }).returning("id").executeTakeFirstOrThrow()).id;
  const bureaus: number[] = [];
  const units: number[] = [];
  let parent = 0;
  let leaf = 0;
  for (let b = 0; b < 3; b++) {
    const bureau = await department(`${b}00`, `履歴${b}局`, null);
    bureaus.push(bureau);
    for (let u = 1; u <= 2; u++) {
      const unit = await department(`${b}${u}0`, `履歴${b}局${u}課`, bureau);
      units.push(unit);
      if (u === 1) {
        const sub = await department(`${b}${u}1`, `履歴${b}局${u}課1係`, unit);
        units.push(sub);
        if (b === 0) {
          parent = unit;
          leaf = sub;
        }
      }
    }
  }
  const workplaces = [...bureaus, ...units];

  const employees: { id: number; departmentId: number }[] = [];
  for (let i = 0; i < 80; i++) {
    const hiredOn = boundaryOr(dateBetween("2005-04-01", "2026-10-01"));
    const leaves = rnd() < 0.25;
    const leftOn = leaves ? boundaryOr(dateBetween(hiredOn, "2026-12-31")) : null;
    const departmentId = pick(workplaces);
    const row = await db
      .insertInto("employees")
      .values({
        employee_no: `${prefix}${String(i).padStart(4, "0")}`,
        name: `履歴 職員${i}`,
        name_kana: "リレキ ショクイン",
        email: `${prefix.toLowerCase()}${i}@history.example.jp`,
        department_id: departmentId,
        grade: pick(["主事", "主任", "係長", "課長"]),
        birth_year: 1960 + Math.floor(rnd() * 40),
        hired_on: hiredOn,
        left_on: leftOn !== null && leftOn < hiredOn ? hiredOn : leftOn,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    employees.push({ id: row.id, departmentId });
  }

  const schemes: ParticipationScheme[] = ["side_job", "side_job", "job_challenge", "contest_project"];
  for (let i = 0; i < 240; i++) {
    const person = pick(employees);
    const scheme = pick(schemes);
    // A contest project in the member's own unit now and then (engaged, but not side work).
    const host = scheme === "contest_project" && rnd() < 0.3 ? person.departmentId : pick(workplaces);
    const startOn = boundaryOr(dateBetween("2014-06-01", "2027-01-31"));
    const r = rnd();
    const endOn = r < 0.1 ? null : r < 0.2 ? `${Number(startOn.slice(0, 4)) + 1 + Math.floor(rnd() * 2)}-03-31` : iso(ms(startOn) + Math.floor(rnd() * 900) * DAY);
    await db
      .insertInto("participations")
      .values({ employee_id: person.id, scheme, title: `履歴事業${i}`, host_department_id: host, start_on: startOn, end_on: endOn, source: "import", import_key: `${prefix}-${i}` })
      .execute();
  }
  return { bureaus, units: { parent, leaf } };
}
