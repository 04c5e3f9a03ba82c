// `npm start`. Plain JavaScript on purpose: the supervisor lives as long as the server, so it should not carry the
// TypeScript loader. A short-lived child builds what is stale (the Remix build and build/start.js), then the
// compiled supervisor (scripts/start.ts) runs in this process.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NODE_ENV ??= "production";
const built = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-if-stale.ts"], { stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);
await import(pathToFileURL(path.resolve("build/start.js")).href);
