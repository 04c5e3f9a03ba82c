import { describe, expect, it } from "vitest";
import { departmentRowErrors } from "../../app/people/import/departments";
import { employeeFromCells, employeeRowErrors } from "../../app/people/import/employees";
import { isEmail, isIsoDate, isKana, normalizeDateCell } from "../../app/people/import/fields";
import { formatImportError, type EmployeeRow } from "../../app/people/import/types";

const good: EmployeeRow = {
  employeeNo: "100001",
  name: "山田 太郎",
  nameKana: "ヤマダ　タロウ",
  email: "taro@pref.example.jp",
  departmentCode: "JINJI",
  grade: "主事",
  birthYear: 1990,
  hiredOn: "2013-04-01",
  leftOn: null,
};

describe("field rules", () => {
  it("accepts hiragana, katakana, ー, ・ and both kinds of space as kana", () => {
    expect(isKana("やまだ たろう")).toBe(true);
    expect(isKana("ヤマダ　タロウ")).toBe(true);
    expect(isKana("スズキ・ジョン")).toBe(true);
    expect(isKana("コーヒー")).toBe(true);
    expect(isKana("山田")).toBe(false);
    expect(isKana("Yamada")).toBe(false);
    expect(isKana("ﾔﾏﾀﾞ")).toBe(false);
  });

  it("checks emails", () => {
    expect(isEmail("a.b+c@pref.toyama.example.jp")).toBe(true);
    expect(isEmail("no-at-sign")).toBe(false);
    expect(isEmail("a@b")).toBe(false);
    expect(isEmail("a@@b.jp")).toBe(false);
    expect(isEmail("山田@pref.example.jp")).toBe(false);
  });

  it("checks real calendar dates and accepts Excel's slashes", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-4-1")).toBe(false);
    expect(normalizeDateCell("2024/4/1")).toBe("2024-04-01");
    expect(normalizeDateCell("２０２４-０４-０１")).toBe("2024-04-01");
    expect(normalizeDateCell("R6.4.1")).toBe("R6.4.1");
  });

  it("formats errors with the line number", () => {
    expect(formatImportError({ line: 3, message: "所属コード「X99」が見つかりません。" })).toBe("3行目: 所属コード「X99」が見つかりません。");
  });
});

describe("employee rows", () => {
  it("accepts a good row", () => {
    expect(employeeRowErrors(good)).toEqual([]);
    expect(employeeRowErrors({ ...good, leftOn: "2013-04-01" })).toEqual([]);
  });

  it("maps cells, turning an empty left_on into null and a non-number birth year into NaN", () => {
    const row = employeeFromCells({
      employee_no: "1",
      name: "a",
      name_kana: "あ",
      email: "a@b.jp",
      department_code: "X",
      grade: "主事",
      birth_year: "１９９０",
      hired_on: "2013/4/1",
      left_on: "",
    });
    expect(row).toMatchObject({ birthYear: 1990, hiredOn: "2013-04-01", leftOn: null });
    expect(
      employeeFromCells({
        ...{ employee_no: "1", name: "a", name_kana: "あ", email: "a@b.jp", department_code: "X", grade: "主事", hired_on: "", left_on: "" },
        birth_year: "abc",
      }).birthYear,
    ).toBeNaN();
  });

  it("reports every problem in a row, not only the first", () => {
    const errors = employeeRowErrors({
      ...good,
      employeeNo: "10-01",
      nameKana: "ﾔﾏﾀﾞ",
      email: "bad",
      birthYear: 1929,
      hiredOn: "2013-13-01",
      leftOn: "2012-01-01",
    });
    // left_on is a valid date but is not compared with an invalid hired_on.
    expect(errors).toHaveLength(5);
    expect(errors.join("\n")).toMatch(/職員番号「10-01」/);
    expect(errors.join("\n")).toMatch(/半角カタカナ/);
    expect(errors.join("\n")).toMatch(/メールアドレス「bad」/);
    expect(errors.join("\n")).toMatch(/生年「1929」/);
    expect(errors.join("\n")).toMatch(/採用日「2013-13-01」/);
  });

  it("requires left_on on or after hired_on", () => {
    expect(employeeRowErrors({ ...good, leftOn: "2013-03-31" })).toEqual(["退職日（2013-03-31）が採用日（2013-04-01）より前になっています。"]);
  });

  it("bounds the birth year", () => {
    expect(employeeRowErrors({ ...good, birthYear: 1930 })).toEqual([]);
    expect(employeeRowErrors({ ...good, birthYear: 2015 })).toEqual([]);
    expect(employeeRowErrors({ ...good, birthYear: 2016 })).toHaveLength(1);
    expect(employeeRowErrors({ ...good, birthYear: Number.NaN })).toHaveLength(1);
  });
});

describe("department rows", () => {
  it("checks code and name", () => {
    expect(departmentRowErrors({ code: "A-1_b", name: "総務課", parentCode: null })).toEqual([]);
    expect(departmentRowErrors({ code: "", name: "", parentCode: null })).toEqual(["所属コードが入力されていません。", "所属名が入力されていません。"]);
    expect(departmentRowErrors({ code: "総務", name: "x".repeat(101), parentCode: null })).toHaveLength(2);
    expect(departmentRowErrors({ code: "A1", name: "総務\n課", parentCode: null })).toEqual(["所属名に改行やタブなどの制御文字は使用できません。"]);
  });
});
