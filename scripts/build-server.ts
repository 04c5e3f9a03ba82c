// Compiles the long-lived processes of `npm start` to plain JavaScript (our modules bundled, npm packages left
// external): build/start.js, the supervisor (scripts/start.ts), and build/web-process.js, each web process
// (scripts/serve-worker.ts → server.ts). They then run without the TypeScript loader, ~40 MB less each.
import { build } from "esbuild";

export async function buildProcesses(): Promise<void> {
  await build({
    entryPoints: { start: "scripts/start.ts", "web-process": "scripts/serve-worker.ts" },
    outdir: "build",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildProcesses();
