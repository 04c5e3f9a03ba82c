import type { User } from "lucia";
import type { Executor } from "../../db/client.server";
import { audit } from "../audit/audit.server";
import { hasRole, unitsWithRole } from "../auth/permissions.server";
import { fiscalYearOf, todayInTokyo } from "../i18n/format";
import { isIsoDate } from "../people/import/fields";
import { listCountedParticipants, type CountedParticipantRow } from "./participant-rows.server";
import { participationReport, type ParticipationReport } from "./participation.server";

// CSV and XLSX exports of the participation report (issue 6): the summary (項目,値) and the participant list.
// Pure table builders turn the report and the participant rows into tables; two serialisers write them; the
// routes (reports.export[.]csv / reports.export[.]xlsx) only check the role and call reportExportResponse.

export type ExportKind = "summary" | "participants";
export type ExportFormat = "csv" | "xlsx";
export const EXPORT_KINDS: readonly ExportKind[] = ["summary", "participants"];

/** A cell: text, a number, empty, a calendar date ('YYYY-MM-DD') or a fraction shown as a percentage. */
export type ExportCell = string | number | null | { date: string } | { percent: number };

export interface ExportTable {
  /** the XLSX sheet name */
  sheetName: string;
  headers: string[];
  rows: ExportCell[][];
}

export const SUMMARY_SHEET = "概要";
export const PARTICIPANTS_SHEET = "参加者一覧";
export const PARTICIPANT_HEADERS = ["職員番号", "氏名", "所属", "制度", "名称", "開始日", "終了日"];

/** 0.011139… → "1.1%" (one decimal, as the prefecture publishes it). */
export function formatRate(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export interface SummaryOptions {
  /** consultations are shown to hr_admin only */
  includeConsultations: boolean;
  /** the unit the figures are limited to, or null for the whole prefecture */
  scopeName: string | null;
}

/** Every figure of the report as 項目,値 rows. */
export function summaryTable(report: ParticipationReport, opts: SummaryOptions): ExportTable {
  const rows: ExportCell[][] = [
    ["年度", report.label],
    ["基準日", { date: report.asOf }],
    ["対象", opts.scopeName ?? "全庁"],
  ];
  // The target is the prefecture's; a unit's view has none, so the row is left out rather than shown as unset.
  if (opts.scopeName === null) rows.push(["目標", report.target ?? "未設定"]);
  rows.push(
    ["参加者（実人数）", report.participants],
    ["参加者（延べ）", report.grossParticipants],
    ["職員数", report.headcount],
    ["参加率", { percent: report.participationRate }],
    ["庁内複業（計）", report.sideJob.participants],
    ["庁内複業（募集）", report.sideJob.viaPostings],
    ["庁内複業（コンテスト）", report.sideJob.viaContest],
    ["ジョブチャレンジ", report.jobChallenge.participants],
    ["提案数", report.contest.proposals],
    ["正式採択", report.contest.adopted],
    ["ステップアップ枠", report.contest.stepUp],
    ["従事者数", report.contest.engaged],
  );
  if (opts.includeConsultations) rows.push(["相談件数", report.consultations.count]);
  return { sheetName: SUMMARY_SHEET, headers: ["項目", "値"], rows };
}

/** 制度 as the summary breaks it down: 庁内複業（募集）/ 庁内複業（コンテスト）/ ジョブチャレンジ. */
export function schemeLabel(row: Pick<CountedParticipantRow, "scheme" | "sideWork">): string {
  if (row.scheme === "job_challenge") return "ジョブチャレンジ";
  if (row.scheme === "side_job") return "庁内複業（募集）";
  return row.sideWork ? "庁内複業（コンテスト）" : "チャレンジコンテスト";
}

/** One row per counting record, in the order given (unit, then name). */
export function participantsTable(rows: CountedParticipantRow[]): ExportTable {
  return {
    sheetName: PARTICIPANTS_SHEET,
    headers: PARTICIPANT_HEADERS,
    rows: rows.map((r) => [r.employeeNo, r.name, r.departmentName, schemeLabel(r), r.title, { date: r.startOn }, r.endOn === null ? null : { date: r.endOn }]),
  };
}

// ---- CSV (RFC 4180, UTF-8 with BOM so Excel reads the Japanese correctly, CRLF) ----

const BOM = "\uFEFF";

function cellText(cell: ExportCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return cell;
  if ("date" in cell) return cell.date;
  return formatRate(cell.percent);
}

/**
 * Text that Excel would run as a formula (=, +, -, @, or a leading tab/CR) gets a leading apostrophe: titles and
 * names come from users (CSV injection). Numbers, dates and percentages are ours and never start that way.
 */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): string {
  const lines = [table.headers.map(csvField).join(",")];
  for (const row of table.rows) {
    lines.push(row.map((cell) => csvField(typeof cell === "string" ? guardFormula(cell) : cellText(cell))).join(","));
  }
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

// ---- XLSX (exceljs): one sheet per table, bold header, frozen header row, widths from the content ----

/** Display width in Excel's character units: full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0xff ? 2 : 1;
  return width;
}

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export async function toXlsx(tables: ExportTable[]): Promise<Buffer> {
  // Loaded on first use: exceljs costs every web process ~30 MB of memory, and few requests are XLSX exports.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "職員チャレンジポータル";
  workbook.created = new Date();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
      cell.border = { bottom: { style: "thin" } };
    });
    const widths = table.headers.map(displayWidth);
    for (const values of table.rows) {
      const row = sheet.addRow(
        values.map((cell) => {
          if (cell === null || typeof cell === "string" || typeof cell === "number") return cell;
          return "date" in cell ? utcDate(cell.date) : cell.percent;
        }),
      );
      values.forEach((cell, index) => {
        const target = row.getCell(index + 1);
        if (typeof cell === "number") target.numFmt = "#,##0";
        else if (cell !== null && typeof cell === "object") target.numFmt = "date" in cell ? "yyyy-mm-dd" : "0.0%";
        widths[index] = Math.max(widths[index], displayWidth(cellText(cell)));
      });
    }
    widths.forEach((width, index) => {
      sheet.getColumn(index + 1).width = Math.min(Math.max(width + 2, 8), 60);
    });
    if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- file names and HTTP ----

export function exportFileName(input: { kind: ExportKind; label: string; fiscalYear: number; asOf: string; scopeName: string | null; format: ExportFormat }): {
  fileName: string;
  asciiFallback: string;
} {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, "_");
  const base = input.kind === "summary" ? "参加状況" : "参加者一覧";
  const parts = [base, input.label, input.asOf, ...(input.scopeName ? [safe(input.scopeName)] : [])];
  const ascii = [input.kind === "summary" ? "participation-summary" : "participants", `FY${input.fiscalYear}`, input.asOf];
  return { fileName: `${parts.join("_")}.${input.format}`, asciiFallback: `${ascii.join("_")}.${input.format}` };
}

/** RFC 6266 with an ASCII fallback and the UTF-8 name (RFC 5987: ' ( ) * are not attr-chars either). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export type ExportQuery = { ok: true; fiscalYear: number; asOf: string | undefined; kind: ExportKind; unit: number | null } | { ok: false; message: string };

/**
 * `fy` (default: the current fiscal year), `asOf` (YYYY-MM-DD inside that year; default as in DESIGN §3),
 * `kind` (summary|participants), `unit` (a unit id).
 */
export function parseExportQuery(params: URLSearchParams, today = todayInTokyo()): ExportQuery {
  const fy = params.get("fy") ?? "";
  const asOf = params.get("asOf") ?? "";
  const kind = params.get("kind") ?? "summary";
  const unit = params.get("unit") ?? "";
  if (fy !== "" && !(/^\d{4}$/.test(fy) && Number(fy) >= 2000 && Number(fy) <= 2100)) return { ok: false, message: "年度（fy）は 2000〜2100 の西暦で指定してください。" };
  if (asOf !== "" && !isIsoDate(asOf)) return { ok: false, message: "基準日（asOf）は YYYY-MM-DD 形式の日付で指定してください。" };
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) return { ok: false, message: "種類（kind）は summary または participants を指定してください。" };
  if (unit !== "" && !/^[1-9]\d{0,8}$/.test(unit)) return { ok: false, message: "所属（unit）の指定が正しくありません。" };
  const fiscalYear = fy === "" ? fiscalYearOf(today) : Number(fy);
  // A file labelled 令和6年度 is about that year: an as-of date outside it is a mistake, not a request.
  if (asOf !== "" && fiscalYearOf(asOf) !== fiscalYear) return { ok: false, message: "基準日（asOf）は指定した年度内の日付にしてください。" };
  return {
    ok: true,
    fiscalYear,
    asOf: asOf === "" ? undefined : asOf,
    kind: kind as ExportKind,
    unit: unit === "" ? null : Number(unit),
  };
}

export type ExportAccess = { allowed: true; departmentId: number | null; includeConsultations: boolean } | { allowed: false };

export interface ExportRoles {
  isHr: boolean;
  /** the units of the person's supervisor grants, in organisation (code) order */
  supervisorUnits: number[];
}

/**
 * Who may download what (the dashboard's scope rule): hr_admin both kinds, for the prefecture or any one unit
 * (`unit`); a supervisor the summary only, for the unit of their supervisor grant (`unit` picks among several,
 * default the first in code order, as on /reports); nobody else anything. Consultation counts: hr_admin only.
 */
export function resolveExportAccess(roles: ExportRoles, query: { kind: ExportKind; unit: number | null }): ExportAccess {
  if (roles.isHr) return { allowed: true, departmentId: query.unit, includeConsultations: true };
  const units = roles.supervisorUnits;
  if (units.length === 0 || query.kind !== "summary") return { allowed: false };
  if (query.unit !== null && !units.includes(query.unit)) return { allowed: false };
  return { allowed: true, departmentId: query.unit ?? units[0], includeConsultations: false };
}

/** The person's export roles, supervisor units in code order (one query, only for a supervisor). */
export async function exportRolesOf(db: Executor, user: Pick<User, "roles">): Promise<ExportRoles> {
  if (hasRole(user, "hr_admin")) return { isHr: true, supervisorUnits: [] };
  const ids = unitsWithRole(user, "supervisor");
  if (ids.length === 0) return { isHr: false, supervisorUnits: [] };
  const units = await db.selectFrom("departments").select("id").where("id", "in", ids).orderBy("code").execute();
  return { isHr: false, supervisorUnits: units.map((u) => u.id) };
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The whole download after the role check: query → access → report (+ participant rows) → CSV/XLSX, audit-logged
 * (who downloaded which list). 400 on a bad query, 403 when the role does not allow it, 404 for an unknown unit.
 */
export async function reportExportResponse(
  db: Executor,
  user: Pick<User, "id" | "roles">,
  params: URLSearchParams,
  format: ExportFormat,
  opts: { ip?: string | null; today?: string } = {},
): Promise<Response> {
  const today = opts.today ?? todayInTokyo();
  const query = parseExportQuery(params, today);
  if (!query.ok) return plain(400, query.message);
  const access = resolveExportAccess(await exportRolesOf(db, user), query);
  if (!access.allowed) return plain(403, "Forbidden");

  let scopeName: string | null = null;
  if (access.departmentId !== null) {
    const unit = await db.selectFrom("departments").select("name").where("id", "=", access.departmentId).executeTakeFirst();
    if (!unit) return plain(404, "Not Found");
    scopeName = unit.name;
  }
  const scope = { fiscalYear: query.fiscalYear, asOf: query.asOf, departmentId: access.departmentId };
  const report = await participationReport(db, scope, today);
  const summary = summaryTable(report, { includeConsultations: access.includeConsultations, scopeName });
  let tables: ExportTable[];
  let rowCount = summary.rows.length;
  if (query.kind === "summary") {
    tables = [summary];
  } else {
    const participants = participantsTable(await listCountedParticipants(db, scope, today));
    rowCount = participants.rows.length;
    // A CSV holds one table; the workbook carries the summary too, so the list keeps its year and date.
    tables = format === "csv" ? [participants] : [summary, participants];
  }

  const body = format === "csv" ? Buffer.from(toCsv(tables[0]), "utf-8") : await toXlsx(tables);
  const names = exportFileName({ kind: query.kind, label: report.label, fiscalYear: report.fiscalYear, asOf: report.asOf, scopeName, format });
  await audit(db, {
    actorId: user.id,
    action: "report.export",
    entityType: "report",
    entityId: report.fiscalYear,
    detail: { kind: query.kind, format, asOf: report.asOf, departmentId: access.departmentId, rows: rowCount },
    ip: opts.ip ?? null,
  });
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": contentDisposition(names.fileName, names.asciiFallback),
      "Content-Length": String(body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
