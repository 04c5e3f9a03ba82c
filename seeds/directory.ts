// The demo prefecture's staff directory, generated deterministically: the same units, people, numbers and
// dates on every run and machine (seeded PRNG, fixed reference year — never today's date). Pure: no database.
import type { RoleCode } from "../db/schema";
import type { DepartmentRow, EmployeeRow } from "../app/people/import/types";
import { DEMO_ACCOUNTS, type DemoAccount, type DemoRole } from "./demo-accounts";
import { GIVEN_NAMES, SURNAMES, eraOf, type Sex } from "./names";
import { BUREAUS, type SizeClass, type UnitKind } from "./organisation";
import { createRandom, type Random } from "./random";

/** Ages and tenures are as of the start of 令和8年度 (2026-04-01), the year the participation target is for. */
export const REFERENCE_YEAR = 2026;
/** The last possible `left_on`: everybody who left did so before the reference year began. */
export const LATEST_LEFT_ON = `${REFERENCE_YEAR}-03-31`;
/** Everyone in the directory, the demo accounts and the 部局 staff included. */
export const TARGET_EMPLOYEES = 3380;
/**
 * Share of the directory with a `left_on` (retired or resigned), so headcount rules have something to skip. Most
 * left at the end of 令和6 or 令和7年度, so the 2024-10-01 headcount (≈3,180) matches DESIGN §2's 1.1% for 35 people
 * while today's is ≈3,200.
 */
export const LEFT_SHARE = 0.055;
export const EMAIL_DOMAIN = "pref.toyama.example";
export const FIRST_EMPLOYEE_NO = 100001;

/** The `grades` table's codes by rank (db/migrations/…_foundation.ts), lowest first. */
export const GRADES = ["主事", "技師", "主任", "係長", "課長補佐", "副主幹", "主幹", "課長", "次長", "部長"] as const;
export type Grade = (typeof GRADES)[number];
export const gradeRank = (grade: string): number => GRADES.indexOf(grade as Grade) + 1;

export type DirectoryUnitKind = "bureau" | UnitKind;

export interface DirectoryUnit extends DepartmentRow {
  kind: DirectoryUnitKind;
}

export interface DirectoryEmployee extends EmployeeRow {
  grade: Grade;
  sex: Sex;
}

export interface DirectoryGrant {
  employeeNo: string;
  role: RoleCode;
  /** the unit for `supervisor` and `posting_manager`; null for organisation-wide roles */
  departmentCode: string | null;
}

export interface DemoDirectory {
  /** parents before children */
  units: DirectoryUnit[];
  /** by unit (tree order), each unit's head first */
  employees: DirectoryEmployee[];
  /** unit code → employee_no of its head (所属長) */
  heads: Record<string, string>;
  /** a `supervisor` grant per unit head, then the demo accounts' roles */
  grants: DirectoryGrant[];
}

interface GradeProfile {
  /** age on 2026-04-01: [min, most common, max] */
  age: [number, number, number];
  /** years of service: [min, max] */
  tenure: [number, number];
  /** share of women at this grade (higher in the younger grades, as in the prefecture's own figures) */
  female: number;
}

const PROFILES: Record<Grade, GradeProfile> = {
  主事: { age: [22, 25, 38], tenure: [0, 9], female: 0.46 },
  技師: { age: [22, 26, 38], tenure: [0, 9], female: 0.24 },
  主任: { age: [29, 36, 48], tenure: [6, 25], female: 0.38 },
  係長: { age: [35, 43, 54], tenure: [12, 32], female: 0.3 },
  課長補佐: { age: [42, 50, 58], tenure: [18, 36], female: 0.22 },
  副主幹: { age: [45, 52, 59], tenure: [20, 37], female: 0.2 },
  主幹: { age: [47, 54, 59], tenure: [22, 37], female: 0.16 },
  課長: { age: [50, 55, 59], tenure: [24, 37], female: 0.12 },
  次長: { age: [54, 57, 59], tenure: [28, 37], female: 0.1 },
  部長: { age: [55, 58, 60], tenure: [30, 38], female: 0.08 },
};

/** Staff per unit by kind and class; the whole directory is then nudged to TARGET_EMPLOYEES within LIMITS. */
const SIZE_RANGES: Record<UnitKind, Record<SizeClass, [number, number]>> = {
  honcho: { S: [8, 11], M: [10, 16], L: [16, 23], XL: [20, 25] },
  dessaki: { S: [10, 13], M: [13, 20], L: [19, 28], XL: [27, 38] },
};
const LIMITS: Record<UnitKind, [number, number]> = { honcho: [8, 25], dessaki: [10, 40] };

/** Where each demo account sits: grade, birth year, hire date. Their unit comes from DEMO_ACCOUNTS. */
const DEMO_PLACEMENT: Record<DemoRole, { grade: Grade; birthYear: number; hiredOn: string; sex: Sex }> = {
  employee: { grade: "主事", birthYear: 2001, hiredOn: "2023-04-01", sex: "F" },
  supervisor: { grade: "課長", birthYear: 1969, hiredOn: "1992-04-01", sex: "M" },
  posting_manager: { grade: "主任", birthYear: 1991, hiredOn: "2014-04-01", sex: "M" },
  hr_admin: { grade: "係長", birthYear: 1984, hiredOn: "2007-04-01", sex: "F" },
  contest_admin: { grade: "主幹", birthYear: 1973, hiredOn: "1996-04-01", sex: "M" },
  reviewer: { grade: "副主幹", birthYear: 1976, hiredOn: "1999-04-01", sex: "F" },
  counselor: { grade: "副主幹", birthYear: 1974, hiredOn: "1997-04-01", sex: "F" },
};

/** Organisation-wide (or unit) roles the demo accounts hold; the supervisor's grant comes from heading the unit. */
const DEMO_ROLE_GRANTS: Partial<Record<DemoRole, { role: RoleCode; scoped: boolean }>> = {
  posting_manager: { role: "posting_manager", scoped: true },
  hr_admin: { role: "hr_admin", scoped: false },
  contest_admin: { role: "contest_admin", scoped: false },
  reviewer: { role: "reviewer", scoped: false },
  counselor: { role: "counselor", scoped: false },
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function buildUnits(): DirectoryUnit[] {
  const units: DirectoryUnit[] = [];
  for (const bureau of BUREAUS) {
    units.push({ code: bureau.code, name: bureau.name, parentCode: null, kind: "bureau" });
    bureau.units.forEach((unit, i) => units.push({ code: `${bureau.code}-${pad(i + 1, 3)}`, name: unit.name, parentCode: bureau.code, kind: unit.kind }));
  }
  return units;
}

function specOf(unit: DirectoryUnit) {
  const bureau = BUREAUS.find((b) => b.code === unit.parentCode)!;
  return bureau.units.find((u) => u.name === unit.name)!;
}

/** Staff count per unit code: drawn per unit, then nudged one person at a time until the total is on target. */
function unitSizes(units: DirectoryUnit[], bureauSizes: Map<string, number>): Map<string, number> {
  const sizes = new Map<string, number>();
  const adjustable: DirectoryUnit[] = [];
  for (const unit of units) {
    if (unit.kind === "bureau") {
      sizes.set(unit.code, bureauSizes.get(unit.code)!);
      continue;
    }
    const spec = specOf(unit);
    const [min, max] = SIZE_RANGES[spec.kind][spec.size];
    sizes.set(unit.code, createRandom(`size:${unit.code}`).int(min, max));
    adjustable.push(unit);
  }
  const rng = createRandom("sizes:adjust");
  let total = [...sizes.values()].reduce((a, b) => a + b, 0);
  for (let guard = 0; total !== TARGET_EMPLOYEES && guard < 100_000; guard++) {
    const unit = rng.pick(adjustable);
    const [min, max] = LIMITS[unit.kind as UnitKind];
    const size = sizes.get(unit.code)!;
    if (total < TARGET_EMPLOYEES && size < max) {
      sizes.set(unit.code, size + 1);
      total++;
    } else if (total > TARGET_EMPLOYEES && size > min) {
      sizes.set(unit.code, size - 1);
      total--;
    }
  }
  return sizes;
}

/** The head's grade: 課長 for every 本庁 unit and larger office, 主幹 (所長 at that level) for small offices. */
function headGradeOf(unit: DirectoryUnit): Grade {
  if (unit.kind === "bureau") return "部長";
  const spec = specOf(unit);
  return spec.kind === "dessaki" && spec.size === "S" ? "主幹" : "課長";
}

/** The grades of a unit's staff, head first: a deputy, a 係長, then a pyramid below the head. */
function unitGrades(unit: DirectoryUnit, size: number, rng: Random): Grade[] {
  if (unit.kind === "bureau") {
    const grades: Grade[] = ["部長", "次長"];
    if (size >= 5) grades.push("次長");
    grades.push("課長補佐");
    while (grades.length < size) grades.push("主任");
    return grades;
  }
  const spec = specOf(unit);
  const head = headGradeOf(unit);
  const entry = (): Grade => (rng.chance(spec.technical ? 0.75 : 0.08) ? "技師" : "主事");
  const grades: Grade[] = [head];
  if (size >= 6) grades.push(head === "課長" && rng.chance(0.3) ? "主幹" : rng.chance(0.45) ? "副主幹" : "課長補佐");
  if (size >= 4) grades.push("係長");
  const weights: Array<[Grade | "entry", number]> =
    head === "課長"
      ? [["主幹", 0.03], ["副主幹", 0.06], ["課長補佐", 0.09], ["係長", 0.16], ["主任", 0.27], ["entry", 0.39]]
      : [["副主幹", 0.04], ["課長補佐", 0.08], ["係長", 0.16], ["主任", 0.3], ["entry", 0.42]];
  while (grades.length < size) {
    const [grade] = rng.weighted(weights, ([, w]) => w);
    grades.push(grade === "entry" ? entry() : grade);
  }
  return [head, ...grades.slice(1).sort((a, b) => gradeRank(b) - gradeRank(a))];
}

/** Years of service on 2026-04-01: mostly straight from school at 22, some later (mid-career) hires. */
function tenureOf(grade: Grade, age: number, rng: Random): number {
  const r = rng.next();
  const lateStart = r < 0.5 ? 0 : r < 0.65 ? 1 : r < 0.75 ? 2 : r < 0.81 ? 3 : r < 0.86 ? 4 : rng.int(5, 12);
  const [min, max] = PROFILES[grade].tenure;
  return Math.max(min, Math.min(max, age - 22, age - 22 - lateStart));
}

interface Draft {
  name: string;
  nameKana: string;
  sex: Sex;
  grade: Grade;
  birthYear: number;
  hiredOn: string;
  leftOn: string | null;
  departmentCode: string;
  isHead: boolean;
  demo: DemoAccount | null;
  /** tie-break when numbering people hired on the same day */
  order: number;
}

class NamePicker {
  private used = new Set<string>(DEMO_ACCOUNTS.map((a) => a.name));
  constructor(private rng: Random) {}

  pick(sex: Sex, birthYear: number): { name: string; nameKana: string } {
    const given = GIVEN_NAMES[sex][eraOf(birthYear)];
    // Redraw a few times to keep 同姓同名 rare (it happens in a real 3,000-person directory, just not often).
    for (let attempt = 0; ; attempt++) {
      const family = this.rng.weighted(SURNAMES, (s) => s.weight);
      const first = this.rng.weighted(given, (g) => g.weight);
      const name = `${family.kanji} ${first.kanji}`;
      if (this.used.has(name) && attempt < 6) continue;
      this.used.add(name);
      return { name, nameKana: `${family.kana} ${first.kana}` };
    }
  }
}

function person(grade: Grade, departmentCode: string, isHead: boolean, rng: Random, names: NamePicker): Draft {
  const profile = PROFILES[grade];
  const sex: Sex = rng.chance(profile.female) ? "F" : "M";
  const age = rng.triangular(...profile.age);
  const birthYear = REFERENCE_YEAR - age;
  const hireYear = REFERENCE_YEAR - tenureOf(grade, age, rng);
  return { ...names.pick(sex, birthYear), sex, grade, birthYear, hiredOn: `${hireYear}-04-01`, leftOn: null, departmentCode, isHead, demo: null, order: rng.next() };
}

function demoPerson(account: DemoAccount, departmentCode: string, isHead: boolean): Draft {
  const placement = DEMO_PLACEMENT[account.role];
  return {
    name: account.name,
    nameKana: account.nameKana,
    sex: placement.sex,
    grade: placement.grade,
    birthYear: placement.birthYear,
    hiredOn: placement.hiredOn,
    leftOn: null,
    departmentCode,
    isHead,
    demo: account,
    order: 0,
  };
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * About 5.5% of the directory has left: senior staff who retired at 60 at the end of a fiscal year, and younger
 * staff who resigned (mostly at the end of March). Heads and demo accounts stay.
 */
function markLeavers(drafts: Draft[], units: Map<string, DirectoryUnit>): void {
  const rng = createRandom("leavers");
  const candidates = drafts.filter((d) => !d.isHead && !d.demo && units.get(d.departmentCode)!.kind !== "bureau" && Number(d.hiredOn.slice(0, 4)) <= REFERENCE_YEAR - 2);
  const count = Math.round(drafts.length * LEFT_SHARE);
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const [d] = candidates.splice(rng.int(0, candidates.length - 1), 1);
    if (gradeRank(d.grade) >= gradeRank("課長補佐")) {
      // Retired at 60 on the 31 March of 2025 or 2026 (a few in 2024).
      const year = rng.pick([REFERENCE_YEAR - 2, REFERENCE_YEAR - 1, REFERENCE_YEAR - 1, REFERENCE_YEAR, REFERENCE_YEAR]);
      d.birthYear = year - 61;
      d.hiredOn = `${d.birthYear + 22 + rng.int(0, 3)}-04-01`;
      d.leftOn = `${year}-03-31`;
    } else {
      const hireYear = Number(d.hiredOn.slice(0, 4));
      const year = rng.int(Math.max(hireYear + 1, REFERENCE_YEAR - 1), REFERENCE_YEAR);
      const month = year === REFERENCE_YEAR || rng.chance(0.6) ? 3 : rng.int(1, 12);
      d.leftOn = `${year}-${pad(month, 2)}-${pad(lastDayOfMonth(year, month), 2)}`;
      if (d.leftOn > LATEST_LEFT_ON) d.leftOn = LATEST_LEFT_ON;
    }
  }
}

function generate(): DemoDirectory {
  const units = buildUnits();
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const unitByName = new Map(units.map((u) => [u.name, u]));
  const demoByUnit = new Map<string, DemoAccount[]>();
  for (const account of DEMO_ACCOUNTS) {
    const unit = unitByName.get(account.unitName);
    if (!unit) throw new Error(`demo account ${account.employeeNo}: no unit named ${account.unitName}`);
    demoByUnit.set(unit.code, [...(demoByUnit.get(unit.code) ?? []), account]);
  }

  const bureauSizes = new Map(units.filter((u) => u.kind === "bureau").map((u) => [u.code, createRandom(`size:${u.code}`).chance(0.6) ? 5 : 4]));
  const sizes = unitSizes(units, bureauSizes);
  const names = new NamePicker(createRandom("names"));
  const drafts: Draft[] = [];

  for (const unit of units) {
    const rng = createRandom(`staff:${unit.code}`);
    const grades = unitGrades(unit, sizes.get(unit.code)!, rng);
    const demos = demoByUnit.get(unit.code) ?? [];
    // Demo accounts take the slot of someone of their own grade (or the most junior slot), so sizes hold.
    const slots: Array<Draft | Grade> = [...grades];
    for (const account of demos) {
      const grade = DEMO_PLACEMENT[account.role].grade;
      if (gradeRank(grade) >= gradeRank(grades[0]) && account.role !== "supervisor") {
        throw new Error(`demo account ${account.employeeNo} would outrank the head of ${unit.name}`);
      }
      let index = account.role === "supervisor" ? 0 : slots.findIndex((s, i) => i > 0 && s === grade);
      if (index < 0) index = slots.length - 1;
      if (account.role === "supervisor" && grade !== grades[0]) throw new Error(`demo supervisor must be a ${grades[0]}`);
      slots[index] = demoPerson(account, unit.code, index === 0);
    }
    slots.forEach((slot, i) => drafts.push(typeof slot === "string" ? person(slot, unit.code, i === 0, rng, names) : slot));
  }

  markLeavers(drafts, unitByCode);

  // 職員番号 follow the order of hiring, as a personnel system hands them out; the demo accounts have 9xxxxx.
  const numbered = drafts.filter((d) => !d.demo).sort((a, b) => (a.hiredOn < b.hiredOn ? -1 : a.hiredOn > b.hiredOn ? 1 : a.order - b.order));
  const numbers = new Map<Draft, string>(numbered.map((d, i) => [d, String(FIRST_EMPLOYEE_NO + i)]));

  const employees: DirectoryEmployee[] = drafts.map((d) => {
    const employeeNo = d.demo ? d.demo.employeeNo : numbers.get(d)!;
    return {
      employeeNo,
      name: d.name,
      nameKana: d.nameKana,
      email: d.demo ? d.demo.email : `${employeeNo}@${EMAIL_DOMAIN}`,
      departmentCode: d.departmentCode,
      grade: d.grade,
      birthYear: d.birthYear,
      hiredOn: d.hiredOn,
      leftOn: d.leftOn,
      sex: d.sex,
    };
  });

  const heads: Record<string, string> = {};
  drafts.forEach((d, i) => {
    if (d.isHead) heads[d.departmentCode] = employees[i].employeeNo;
  });
  const grants: DirectoryGrant[] = units.map((u) => ({ employeeNo: heads[u.code], role: "supervisor", departmentCode: u.code }));
  for (const account of DEMO_ACCOUNTS) {
    const grant = DEMO_ROLE_GRANTS[account.role];
    if (grant) grants.push({ employeeNo: account.employeeNo, role: grant.role, departmentCode: grant.scoped ? unitByName.get(account.unitName)!.code : null });
  }
  return { units, employees, heads, grants };
}

let cached: DemoDirectory | undefined;

/** The demo directory. Deterministic; computed once per process (callers must not mutate it). */
export function generateDirectory(): DemoDirectory {
  cached ??= generate();
  return cached;
}

/** A fresh, uncached generation — for tests that check determinism. */
export function generateDirectoryUncached(): DemoDirectory {
  return generate();
}

/** The rows the import module takes, without the generator's extra fields. */
export function toDepartmentRows(units: readonly DirectoryUnit[]): DepartmentRow[] {
  return units.map(({ code, name, parentCode }) => ({ code, name, parentCode }));
}

export function toEmployeeRows(employees: readonly DirectoryEmployee[]): EmployeeRow[] {
  return employees.map(({ employeeNo, name, nameKana, email, departmentCode, grade, birthYear, hiredOn, leftOn }) => ({
    employeeNo,
    name,
    nameKana,
    email,
    departmentCode,
    grade,
    birthYear,
    hiredOn,
    leftOn,
  }));
}
