import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// Everything the Remix compiler bundles into build/ (it follows imports out of app/ into db/, seeds/, emails/).
const SOURCES = ["app", "db", "seeds", "emails", "server.ts", "scripts", "remix.config.js", "tailwind.config.ts", "package.json"];

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
  if (!existsSync(output) || !existsSync("public/build") || !existsSync("build/web-process.js") || !existsSync("build/start.js")) return true;
  const built = statSync(output).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

export function buildIfStale(log: (line: string) => void): void {
  if (!buildIsStale()) return;
  log("アプリをビルドしています… (remix build)");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("remix build failed");
  // A child too: esbuild's API would keep its service process alive next to the caller.
  const server = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-server.ts"], { stdio: ["ignore", "inherit", "inherit"] });
  if (server.status !== 0) throw new Error("web process build failed");
}

// `node --import tsx scripts/build-if-stale.ts`: what scripts/launch.mjs runs before the supervisor.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildIfStale((line) => console.log(`[portal] ${line}`));
  } catch (error) {
    console.error("[portal] ビルドできませんでした:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
