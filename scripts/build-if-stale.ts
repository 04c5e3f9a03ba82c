import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// Everything the Remix compiler bundles into build/ (it follows imports out of app/ into db/, seeds/, emails/).
const SOURCES = ["app", "db", "seeds", "emails", "remix.config.js", "tailwind.config.ts", "package.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIsStale(): boolean {
  const output = "build/index.js";
  if (!existsSync(output) || !existsSync("public/build")) return true;
  const built = statSync(output).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

export function buildIfStale(log: (line: string) => void): void {
  if (!buildIsStale()) return;
  log("アプリをビルドしています… (remix build)");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("remix build failed");
}
