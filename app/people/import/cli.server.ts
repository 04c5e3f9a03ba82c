import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Executor } from "../../../db/client.server";
import { importCsv } from "./import.server";
import { isSupportedImportKind } from "./kinds.server";
import { formatImportError, type ImportResult } from "./types";

export interface CommandOutput {
  log(s: string): void;
  error(s: string): void;
}

export const IMPORT_USAGE = [
  "使い方: npm run cli -- import departments|employees FILE",
  "        npm run cli -- import participations FILE",
  "        （FILE は見出し行つきの CSV、UTF-8 または Shift_JIS）",
].join("\n");

export function summarizeImport(result: ImportResult): string {
  return `取込完了: 新規 ${result.created} 件、更新 ${result.updated} 件、変更なし ${result.unchanged} 件`;
}

/** `cli import KIND FILE`: 0 on success, 1 when the file is unreadable or has errors, 2 on a usage error. */
export async function runImportCommand(db: Executor, kind: string, filePath: string, out: CommandOutput): Promise<number> {
  if (!isSupportedImportKind(kind) || !filePath) {
    out.error(kind && !isSupportedImportKind(kind) ? `取込の種類「${kind}」には対応していません。` : "取込の種類とファイルを指定してください。");
    out.error(IMPORT_USAGE);
    return 2;
  }
  let content: Buffer;
  try {
    content = await readFile(filePath);
  } catch (error) {
    out.error(`ファイル「${filePath}」を読み込めません（${(error as NodeJS.ErrnoException).code ?? String(error)}）。`);
    return 1;
  }
  const result = await importCsv(db, kind, content, { fileName: path.basename(filePath), actorId: null, ip: null });
  if (!result.ok) {
    for (const error of result.errors) out.error(formatImportError(error));
    out.error(`取込を中止しました: ${result.errors.length} 件のエラーがあるため、データは一件も変更していません。`);
    return 1;
  }
  out.log(summarizeImport(result));
  return 0;
}
