// Compiles the long-lived processes of `npm start` to plain JavaScript (our modules bundled, npm packages left
// external): build/start.js, the supervisor (scripts/start.ts), and build/web-process.js, each web process
// (scripts/serve-worker.ts → server.ts). They then run without the TypeScript loader, ~40 MB less each.
import { build } from "esbuild";
import { rmSync } from "node:fs";

export async function buildProcesses(): Promise<void> {
  // Chunk names carry a content hash: drop the previous build's.
  rmSync("build/chunks", { recursive: true, force: true });
  await build({
    entryPoints: { start: "scripts/start.ts", "web-process": "scripts/serve-worker.ts" },
    outdir: "build",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // Code split at dynamic imports, so a module imported only on demand (the embedded cluster, when DATABASE_URL is
    // set) stays out of the processes that never need it.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildProcesses();
