import type { CsvRecord } from "./csv";
import type { ImportError } from "./types";

export interface TableRow {
  line: number;
  /** trimmed cell text by column name */
  cells: Record<string, string>;
}

export interface Table {
  /** false when the header row is missing or wrong; then `rows` is empty */
  headerOk: boolean;
  rows: TableRow[];
  errors: ImportError[];
  /** data records that could not become rows (wrong column count) */
  skipped: number;
}

// Excel leaves rows of bare commas behind formatted-but-empty cells; they are not data.
function isBlank(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === "");
}

/**
 * Maps CSV records onto named columns. The header must name exactly the expected columns, in any order;
 * every header problem is reported on line 1 so the user can fix them all at once.
 */
export function readTable(records: CsvRecord[], columns: readonly string[]): Table {
  const data = records.filter((r) => !isBlank(r));
  const header = data[0];
  if (!header) {
    return { headerOk: false, rows: [], skipped: 0, errors: [{ line: 1, message: `データがありません。1行目に見出し行（${columns.join(",")}）が必要です。` }] };
  }

  const errors: ImportError[] = [];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === "") errors.push({ line: header.line, message: `見出し行の${index + 1}列目が空です。` });
    else if (seen.has(name)) errors.push({ line: header.line, message: `見出し行に列「${name}」が重複しています。` });
    else if (!columns.includes(name)) errors.push({ line: header.line, message: `見出し行に不明な列「${name}」があります。` });
    seen.add(name);
  });
  for (const column of columns) {
    if (!seen.has(column)) errors.push({ line: header.line, message: `見出し行に必要な列「${column}」がありません。` });
  }
  if (errors.length > 0) {
    errors.push({ line: header.line, message: `見出し行は次の列で構成してください（順序は自由）: ${columns.join(",")}` });
    return { headerOk: false, rows: [], skipped: 0, errors };
  }

  const rows: TableRow[] = [];
  let skipped = 0;
  for (const record of data.slice(1)) {
    if (record.fields.length !== names.length) {
      errors.push({ line: record.line, message: `列の数が見出し行と一致しません（見出し ${names.length} 列、この行 ${record.fields.length} 列）。` });
      skipped += 1;
      continue;
    }
    const cells: Record<string, string> = {};
    names.forEach((name, index) => {
      cells[name] = record.fields[index].trim();
    });
    rows.push({ line: record.line, cells });
  }
  return { headerOk: true, rows, errors, skipped };
}
