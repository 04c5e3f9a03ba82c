import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isCrossSiteRequest } from "./app/auth/csrf.server";
import { REQUEST_STAMP } from "./app/auth/request-stamp";
import { env } from "./app/env.server";
import type { startWorker } from "./app/notifications/worker.server";
import { closeDb, getDb } from "./db/client.server";

installGlobals({ nativeFetch: true });

export function createApp(build: ServerBuild) {
  const config = env();
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY === "1" || config.TRUST_PROXY === "true") app.set("trust proxy", true);
  app.use(compression({ level: 1 }));
  // Lets the loaders of one request share its session check (app/auth/session.server.ts).
  let requests = 0;
  app.use((req, _res, next) => {
    req.headers[REQUEST_STAMP] = String(++requests);
    next();
  });
  app.use((req, res, next) => {
    res.set({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" });
    next();
  });
  // Only the compiler's fingerprinted assets are static; a catch-all static handler would stat the disk on every
  // page request.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use((req, res, next) => {
    const crossSite = isCrossSiteRequest({
      method: req.method,
      secFetchSite: req.get("sec-fetch-site"),
      origin: req.get("origin"),
      host: req.get("host"),
      allowedOrigins: [new URL(config.appUrl).origin],
    });
    if (crossSite) {
      res.status(403).type("text/plain; charset=utf-8").send("他のサイトからの操作は受け付けられません。(Cross-site request refused)");
      return;
    }
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}

export async function loadBuild(): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
}

export interface RunningServer {
  server: Server;
  close(): Promise<void>;
}

/** Serves the built app and, unless `delivery` is false, runs the delivery worker in this process. */
export async function startServer(options: { port: number; host?: string; delivery?: boolean }): Promise<RunningServer> {
  const build = await loadBuild();
  const app = createApp(build);
  const deliver = (options.delivery ?? true) && env().workerEnabled;
  const worker = deliver ? (build.entry.module as unknown as { startWorker: typeof startWorker }).startWorker(getDb(), { intervalMs: env().WORKER_INTERVAL_MS }) : null;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host ?? "0.0.0.0", () => resolve(s));
    s.once("error", reject);
  });
  // Idle keep-alive sockets would hold close() open; drop them on shutdown.
  return {
    server,
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        }),
        worker?.stop(),
      ]);
      await closeDb();
    },
  };
}
