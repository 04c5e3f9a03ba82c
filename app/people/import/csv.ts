import type { ImportError } from "./types";

export interface CsvRecord {
  /** physical line where the record starts (1-based); a quoted field may carry it over several lines */
  line: number;
  fields: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  errors: ImportError[];
}

/**
 * RFC 4180 parser: quoted fields may hold commas, doubled quotes and line breaks. CRLF, LF and a lone CR all
 * end a record (Excel on Windows and Mac differ). Line breaks inside a quoted field come back as "\n".
 * Deliberately lenient where Excel never produces the input (a quote inside an unquoted field is kept as a
 * character); the one structural error reported is a quote left open at the end of the file, because it
 * swallows every following row and the user must see where it started.
 */
export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const errors: ImportError[] = [];
  const n = text.length;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = "";
  let quoted = false; // the current field started with a quote
  let inQuotes = false;

  const endField = () => {
    fields.push(field);
    field = "";
    quoted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };

  let i = 0;
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
      } else if (c === "\r" || c === "\n") {
        field += "\n";
        line += 1;
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      } else {
        field += c;
        i += 1;
      }
      continue;
    }
    if (c === '"' && field === "" && !quoted) {
      inQuotes = true;
      quoted = true;
      i += 1;
    } else if (c === ",") {
      endField();
      i += 1;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      line += 1;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      recordLine = line;
    } else {
      field += c;
      i += 1;
    }
  }

  if (inQuotes) {
    errors.push({ line: recordLine, message: '引用符（"）が閉じられていません。この行以降を正しく読み取れません。' });
  } else if (field !== "" || quoted || fields.length > 0) {
    // the last record had no line break after it
    endRecord();
  }
  return { records, errors };
}
