import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo-accounts";
import {
  GRADES,
  LATEST_LEFT_ON,
  REFERENCE_YEAR,
  generateDirectory,
  generateDirectoryUncached,
  gradeRank,
  toDepartmentRows,
  toEmployeeRows,
  type DirectoryEmployee,
} from "../../seeds/directory";
import { GIVEN_NAMES, SURNAMES } from "../../seeds/names";
import { createRandom } from "../../seeds/random";

const directory = generateDirectory();
const { units, employees, heads, grants } = directory;
const unitByCode = new Map(units.map((u) => [u.code, u]));
const unitByName = new Map(units.map((u) => [u.name, u]));
const staffOf = new Map<string, DirectoryEmployee[]>();
for (const e of employees) staffOf.set(e.departmentCode, [...(staffOf.get(e.departmentCode) ?? []), e]);
const byNo = new Map(employees.map((e) => [e.employeeNo, e]));

const KATAKANA_NAME = /^[\u30a1-\u30f6\u30fc]+ [\u30a1-\u30f6\u30fc]+$/;

describe("seeded PRNG", () => {
  it("repeats the same sequence for the same seed and differs across seeds", () => {
    const a = createRandom("x");
    const b = createRandom("x");
    const c = createRandom("y");
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("demo directory generation", () => {
  it("is deterministic", () => {
    const again = generateDirectoryUncached();
    expect(again).toEqual(directory);
    expect(JSON.stringify(generateDirectoryUncached())).toBe(JSON.stringify(again));
  });

  it("has about ten 部局 and about 230 所属 under them, two levels deep", () => {
    const top = units.filter((u) => u.parentCode === null);
    expect(top.length).toBeGreaterThanOrEqual(9);
    expect(top.length).toBeLessThanOrEqual(12);
    expect(units.length).toBeGreaterThanOrEqual(200);
    expect(units.length).toBeLessThanOrEqual(260);
    for (const unit of units) {
      expect(unit.code).toMatch(/^[A-Za-z0-9_-]{1,20}$/);
      expect(unit.name.trim().length).toBeGreaterThan(0);
      expect(unit.name.length).toBeLessThanOrEqual(100);
      if (unit.parentCode !== null) {
        expect(unitByCode.get(unit.parentCode)?.parentCode).toBeNull();
        expect(unit.code.startsWith(`${unit.parentCode}-`)).toBe(true);
      }
    }
    // Parents come first (the importer accepts any order, but the CSV reads naturally this way).
    const seen = new Set<string>();
    for (const unit of units) {
      if (unit.parentCode) expect(seen.has(unit.parentCode)).toBe(true);
      seen.add(unit.code);
    }
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    for (const name of ["知事政策局", "経営管理部", "人事課", "財政課", "観光振興課", "デジタル化推進室", "防災・危機管理課", "富山土木センター", "高岡農林振興センター", "新川厚生センター", "農林水産総合技術センター"]) {
      expect(unitByName.has(name), name).toBe(true);
    }
  });

  it("staffs about 3,200 people, plausibly spread", () => {
    expect(employees.length).toBeGreaterThanOrEqual(3000);
    expect(employees.length).toBeLessThanOrEqual(3400);
    for (const unit of units) {
      const n = staffOf.get(unit.code)?.length ?? 0;
      const [min, max] = unit.kind === "bureau" ? [3, 6] : unit.kind === "honcho" ? [8, 25] : [10, 40];
      expect(n, unit.name).toBeGreaterThanOrEqual(min);
      expect(n, unit.name).toBeLessThanOrEqual(max);
    }
  });

  it("gives unique 職員番号 and email addresses", () => {
    expect(new Set(employees.map((e) => e.employeeNo)).size).toBe(employees.length);
    expect(new Set(employees.map((e) => e.email.toLowerCase())).size).toBe(employees.length);
    const demoNos = new Set(DEMO_ACCOUNTS.map((a) => a.employeeNo));
    for (const e of employees) {
      expect(e.employeeNo).toMatch(/^\d{6}$/);
      expect(e.email).toMatch(/^[a-z0-9]+@pref\.toyama\.example$/);
      if (!demoNos.has(e.employeeNo)) expect(e.email).toBe(`${e.employeeNo}@pref.toyama.example`);
      expect(unitByCode.has(e.departmentCode)).toBe(true);
    }
  });

  it("writes names as 「姓 名」 with katakana readings", () => {
    for (const e of employees) {
      expect(e.name).toMatch(/^\S+ \S+$/);
      expect(e.nameKana).toMatch(KATAKANA_NAME);
    }
    for (const entry of [...SURNAMES, ...Object.values(GIVEN_NAMES).flatMap((byEra) => Object.values(byEra).flat())]) {
      expect(entry.kana, entry.kanji).toMatch(/^[\u30a1-\u30f6\u30fc]+$/);
      expect(entry.weight).toBeGreaterThan(0);
    }
    const surnames = new Set(employees.map((e) => e.name.split(" ")[0]));
    for (const common of ["山本", "中川", "林", "吉田", "清水", "高畑", "松井", "米田", "酒井"]) expect(surnames.has(common), common).toBe(true);
    // Both sexes, and 同姓同名 kept rare.
    const women = employees.filter((e) => e.sex === "F").length / employees.length;
    expect(women).toBeGreaterThan(0.2);
    expect(women).toBeLessThan(0.5);
    expect(new Set(employees.map((e) => e.name)).size).toBeGreaterThan(employees.length * 0.97);
  });

  it("uses only the grades table's codes, in a pyramid that follows age", () => {
    const counts = new Map<string, number>();
    for (const e of employees) {
      expect(GRADES).toContain(e.grade);
      counts.set(e.grade, (counts.get(e.grade) ?? 0) + 1);
    }
    const entry = (counts.get("主事") ?? 0) + (counts.get("技師") ?? 0);
    expect(entry).toBeGreaterThan(counts.get("係長")!);
    expect(counts.get("係長")!).toBeGreaterThan(counts.get("課長")!);
    expect(counts.get("課長")!).toBeGreaterThan(counts.get("次長")!);
    expect(counts.get("部長")).toBe(units.filter((u) => u.parentCode === null).length);

    const active = employees.filter((e) => e.leftOn === null);
    const meanAge = (grade: string) => {
      const ages = active.filter((e) => e.grade === grade).map((e) => REFERENCE_YEAR - e.birthYear);
      return ages.reduce((a, b) => a + b, 0) / ages.length;
    };
    const ladder = ["主事", "主任", "係長", "課長補佐", "副主幹", "主幹", "課長", "次長", "部長"].map(meanAge);
    for (let i = 1; i < ladder.length; i++) expect(ladder[i]).toBeGreaterThanOrEqual(ladder[i - 1]);
    for (const e of active) {
      const age = REFERENCE_YEAR - e.birthYear;
      expect(age).toBeGreaterThanOrEqual(22);
      expect(age).toBeLessThanOrEqual(60);
      if (e.grade === "主事") expect(age).toBeLessThanOrEqual(40);
      if (e.grade === "部長") expect(age).toBeGreaterThanOrEqual(55);
    }
  });

  it("hires on 1 April after 22 and has 1–2% who left in the past", () => {
    for (const e of employees) {
      expect(e.hiredOn).toMatch(/^\d{4}-04-01$/);
      const hireYear = Number(e.hiredOn.slice(0, 4));
      expect(hireYear).toBeGreaterThanOrEqual(e.birthYear + 22);
      expect(e.hiredOn <= `${REFERENCE_YEAR}-04-01`).toBe(true);
      if (e.leftOn !== null) {
        expect(e.leftOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(e.leftOn > e.hiredOn).toBe(true);
        expect(e.leftOn <= LATEST_LEFT_ON).toBe(true);
      }
    }
    const left = employees.filter((e) => e.leftOn !== null).length / employees.length;
    expect(left).toBeGreaterThanOrEqual(0.01);
    expect(left).toBeLessThanOrEqual(0.06);
  });

  it("gives every unit exactly one head, strictly the highest grade there, with the supervisor grant", () => {
    expect(Object.keys(heads).sort()).toEqual(units.map((u) => u.code).sort());
    const supervisorGrants = grants.filter((g) => g.role === "supervisor");
    expect(supervisorGrants).toHaveLength(units.length);
    expect(new Set(supervisorGrants.map((g) => g.departmentCode)).size).toBe(units.length);
    for (const unit of units) {
      const head = byNo.get(heads[unit.code])!;
      expect(head.departmentCode).toBe(unit.code);
      expect(head.leftOn).toBeNull();
      for (const other of staffOf.get(unit.code)!) {
        if (other !== head) expect(gradeRank(other.grade), `${unit.name}: ${other.name}`).toBeLessThan(gradeRank(head.grade));
      }
      if (unit.kind === "bureau") expect(head.grade).toBe("部長");
      else if (unit.kind === "honcho") expect(head.grade).toBe("課長");
      else expect(["課長", "主幹"]).toContain(head.grade);
      expect(supervisorGrants.find((g) => g.departmentCode === unit.code)?.employeeNo).toBe(head.employeeNo);
      if (unit.kind === "bureau") {
        const grades = staffOf.get(unit.code)!.map((e) => e.grade);
        expect(grades).toContain("次長");
      }
    }
  });

  it("places every demo account with its role", () => {
    expect(DEMO_PASSWORD).toBe("demo-pass-2026");
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(["contest_admin", "counselor", "employee", "hr_admin", "posting_manager", "reviewer", "supervisor"]);
    const expectedGrade = { employee: "主事", supervisor: "課長", posting_manager: "主任", hr_admin: "係長", contest_admin: "主幹", reviewer: "副主幹", counselor: "副主幹" };
    for (const account of DEMO_ACCOUNTS) {
      const person = byNo.get(account.employeeNo);
      expect(person, account.role).toBeDefined();
      expect(person).toMatchObject({ name: account.name, nameKana: account.nameKana, email: account.email, grade: expectedGrade[account.role], leftOn: null });
      expect(account.nameKana).toMatch(KATAKANA_NAME);
      const unit = unitByName.get(account.unitName)!;
      expect(person!.departmentCode).toBe(unit.code);
      const own = grants.filter((g) => g.employeeNo === account.employeeNo);
      switch (account.role) {
        case "employee":
          expect(own).toEqual([]);
          break;
        case "supervisor":
        case "posting_manager":
          expect(own).toEqual([{ employeeNo: account.employeeNo, role: account.role, departmentCode: unit.code }]);
          break;
        default:
          expect(own).toEqual([{ employeeNo: account.employeeNo, role: account.role, departmentCode: null }]);
      }
    }
    const employee = DEMO_ACCOUNTS.find((a) => a.role === "employee")!;
    const supervisor = DEMO_ACCOUNTS.find((a) => a.role === "supervisor")!;
    expect(employee.unitName).toBe(supervisor.unitName);
    expect(heads[unitByName.get(employee.unitName)!.code]).toBe(supervisor.employeeNo);
    expect(unitByName.get("デジタル化推進室")).toBeDefined();
  });

  it("maps to the import module's row shapes exactly", () => {
    expect(Object.keys(toDepartmentRows(units)[0]).sort()).toEqual(["code", "name", "parentCode"]);
    expect(Object.keys(toEmployeeRows(employees)[0]).sort()).toEqual(["birthYear", "departmentCode", "email", "employeeNo", "grade", "hiredOn", "leftOn", "name", "nameKana"]);
  });
});
