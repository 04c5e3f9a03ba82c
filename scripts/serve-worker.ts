// One web process of `npm start` (see scripts/web-processes.ts): serves the built app on the shared port.
import { env } from "../app/env.server";
import { startServer } from "../server";

const running = await startServer({ port: env().PORT, delivery: process.env.PORTAL_DELIVERY === "1" });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 7000);
  force.unref();
  await running.close();
  process.exit(0);
};
process.on("message", (message) => message === "shutdown" && void stop());
// Ctrl-C in a terminal reaches the whole process group; the primary coordinates the shutdown.
process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => void stop());
process.on("disconnect", () => void stop());
