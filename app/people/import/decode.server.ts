import { createRequire } from "node:module";

// Loaded on first use: iconv-lite's tables cost every web process ~8 MB, and CP932 uploads are rare.
const requireLazily = createRequire(import.meta.url);
let iconv: typeof import("iconv-lite") | undefined;
const cp932 = () => (iconv ??= requireLazily("iconv-lite") as typeof import("iconv-lite"));

export type CsvEncoding = "utf-8-bom" | "utf-8" | "cp932";

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Turns uploaded bytes into text. Excel saves "CSV (コンマ区切り)" as CP932 and "CSV UTF-8" with a BOM, so
 * both must work without the user choosing. A BOM settles it; otherwise bytes that are valid UTF-8 are UTF-8
 * (CP932 Japanese text is practically never valid UTF-8), and anything else is read as CP932.
 */
export function decodeCsv(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  try {
    // ignoreBOM keeps decoding literal: the BOM case was handled above.
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // iconv-lite's cp932 covers the NEC/IBM extensions (①, ㈱, 髙) that plain Shift_JIS lacks.
    return { text: cp932().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "cp932"), encoding: "cp932" };
  }
}
