import { describe, expect, it } from "vitest";
import { parseCsv } from "../../app/people/import/csv";
import { readTable } from "../../app/people/import/table";

describe("parseCsv", () => {
  it("splits simple records and reports their lines", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual({
      records: [
        { line: 1, fields: ["a", "b", "c"] },
        { line: 2, fields: ["1", "2", "3"] },
      ],
      errors: [],
    });
  });

  it("handles quoted commas and doubled quotes", () => {
    const { records } = parseCsv('code,name\nA1,"財政課, 予算係"\nA2,"He said ""hi"""\nA3,""\n');
    expect(records.map((r) => r.fields)).toEqual([
      ["code", "name"],
      ["A1", "財政課, 予算係"],
      ["A2", 'He said "hi"'],
      ["A3", ""],
    ]);
  });

  it("accepts CRLF, LF and lone CR line endings", () => {
    const { records } = parseCsv("a,b\r\n1,2\r\n3,4\n5,6\r7,8");
    expect(records.map((r) => [r.line, ...r.fields])).toEqual([
      [1, "a", "b"],
      [2, "1", "2"],
      [3, "3", "4"],
      [4, "5", "6"],
      [5, "7", "8"],
    ]);
  });

  it("keeps line breaks inside quotes and numbers records by the physical line they start on", () => {
    const { records, errors } = parseCsv('h1,h2\r\n1,"two\r\nlines"\r\n2,"three\nline\nnote"\r\n3,after\r\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: ["1", "two\nlines"] },
      { line: 4, fields: ["2", "three\nline\nnote"] },
      { line: 7, fields: ["3", "after"] },
    ]);
  });

  it("reads a last record without a trailing newline, and an empty last field", () => {
    expect(parseCsv("a,b\n1,").records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", ""] },
    ]);
  });

  it("reports a quote left open, at the line where its record starts", () => {
    const { records, errors } = parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(records).toHaveLength(2);
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining("引用符") }]);
  });

  it("keeps a stray quote inside an unquoted field as a character", () => {
    expect(parseCsv('a\n5"2\n').records[1].fields).toEqual(['5"2']);
  });

  it("returns nothing for empty input", () => {
    expect(parseCsv("")).toEqual({ records: [], errors: [] });
  });
});

describe("readTable", () => {
  const columns = ["code", "name", "parent_code"] as const;

  it("maps columns by header name in any order and trims cells (including full-width spaces)", () => {
    const table = readTable(parseCsv("name, CODE ,parent_code\n　総務課 , A1 ,\n").records, columns);
    expect(table.headerOk).toBe(true);
    expect(table.rows).toEqual([{ line: 2, cells: { name: "総務課", code: "A1", parent_code: "" } }]);
  });

  it("ignores blank lines and rows of bare commas, keeping physical line numbers", () => {
    const table = readTable(parseCsv("code,name,parent_code\n\nA1,x,\n,,\nA2,y,A1\n\n\n").records, columns);
    expect(table.rows.map((r) => [r.line, r.cells.code])).toEqual([
      [3, "A1"],
      [5, "A2"],
    ]);
    expect(table.errors).toEqual([]);
  });

  it("reports every missing, unknown and duplicated column on line 1", () => {
    const table = readTable(parseCsv("code,nam,code,extra\nA1,x,A1,\n").records, columns);
    expect(table.headerOk).toBe(false);
    expect(table.rows).toEqual([]);
    const messages = table.errors.map((e) => e.message);
    expect(table.errors.every((e) => e.line === 1)).toBe(true);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("不明な列「nam」"),
        expect.stringContaining("列「code」が重複"),
        expect.stringContaining("不明な列「extra」"),
        expect.stringContaining("必要な列「name」がありません"),
        expect.stringContaining("必要な列「parent_code」がありません"),
      ]),
    );
  });

  it("reports an empty file", () => {
    const table = readTable(parseCsv("\n\n").records, columns);
    expect(table.headerOk).toBe(false);
    expect(table.errors).toEqual([{ line: 1, message: expect.stringContaining("見出し行") }]);
  });

  it("reports rows with the wrong number of columns and skips them", () => {
    const table = readTable(parseCsv("code,name,parent_code\nA1,x\nA2,y,,extra\nA3,z,\n").records, columns);
    expect(table.rows.map((r) => r.cells.code)).toEqual(["A3"]);
    expect(table.skipped).toBe(2);
    expect(table.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
