import { describe, expect, it } from "vitest";
import { parseCsv } from "../../app/people/import/csv";
import { PARTICIPATION_COLUMNS, participationFromCells, participationImportKey, participationRowErrors } from "../../app/people/import/participations";
import { readTable } from "../../app/people/import/table";
import type { ParticipationRow } from "../../app/people/import/types";

const good: ParticipationRow = {
  employeeNo: "100001",
  scheme: "side_job",
  title: "観光データ分析",
  hostDepartmentCode: "B01-008",
  startOn: "2024-06-01",
  endOn: "2025-03-31",
};

describe("participation rows", () => {
  it("the header is the DESIGN §4 column list", () => {
    expect(PARTICIPATION_COLUMNS).toEqual(["employee_no", "scheme", "title", "host_department_code", "start_on", "end_on"]);
    const table = readTable(parseCsv("employee_no,scheme,title,host_department_code,start_on,end_on\r\n100001,job_challenge,DX,B01,2024/4/1,\r\n").records, PARTICIPATION_COLUMNS);
    expect(table.headerOk).toBe(true);
    expect(participationFromCells(table.rows[0].cells)).toEqual({
      employeeNo: "100001",
      scheme: "job_challenge",
      title: "DX",
      hostDepartmentCode: "B01",
      // Excel's re-saved dates are accepted
      startOn: "2024-04-01",
      endOn: null,
    });
  });

  it("a good row has no errors; open-ended and one-day records are fine", () => {
    expect(participationRowErrors(good)).toEqual([]);
    expect(participationRowErrors({ ...good, endOn: null })).toEqual([]);
    expect(participationRowErrors({ ...good, endOn: good.startOn })).toEqual([]);
    for (const scheme of ["side_job", "job_challenge", "contest_project"]) expect(participationRowErrors({ ...good, scheme })).toEqual([]);
  });

  it("reports each problem of the row", () => {
    expect(participationRowErrors({ ...good, scheme: "庁内複業" })).toEqual([
      "制度「庁内複業」は指定できません。side_job（庁内複業）・job_challenge（ジョブチャレンジ）・contest_project（チャレンジコンテストの事業）のいずれかを指定してください。",
    ]);
    expect(participationRowErrors({ ...good, endOn: "2024-05-31" })).toEqual(["終了日（2024-05-31）が開始日（2024-06-01）より前になっています。"]);
    expect(participationRowErrors({ ...good, startOn: "2024-02-30" })).toEqual([
      "開始日「2024-02-30」は正しい日付ではありません。YYYY-MM-DD 形式（例: 2024-04-01）で入力してください。",
    ]);
    expect(participationRowErrors({ ...good, startOn: "" })).toEqual(["開始日が入力されていません。"]);
    expect(participationRowErrors({ ...good, endOn: "来年3月" })).toHaveLength(1);
    expect(participationRowErrors({ ...good, title: "" })).toEqual(["名称が入力されていません。"]);
    expect(participationRowErrors({ ...good, title: "あ".repeat(201) })).toEqual(["名称は200文字以内で入力してください（201文字）。"]);
    expect(participationRowErrors({ ...good, employeeNo: "" })).toEqual(["職員番号が入力されていません。"]);
    expect(participationRowErrors({ ...good, employeeNo: "10-01" })).toHaveLength(1);
    expect(participationRowErrors({ ...good, hostDepartmentCode: "" })).toEqual(["受入所属コードが入力されていません。"]);
    expect(participationRowErrors({ employeeNo: "", scheme: "", title: "", hostDepartmentCode: "", startOn: "", endOn: null })).toHaveLength(5);
  });

  it("the upsert key is employee, scheme, host unit and start date", () => {
    expect(participationImportKey(good)).toBe("100001|side_job|B01-008|2024-06-01");
    expect(participationImportKey({ ...good, startOn: "2024-06-02" })).not.toBe(participationImportKey(good));
    // title and end date are what a re-import updates, so they are not part of the key
    expect(participationImportKey({ ...good, title: "別名", endOn: null } as ParticipationRow)).toBe(participationImportKey(good));
  });
});
