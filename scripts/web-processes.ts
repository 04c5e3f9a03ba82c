// One web process per core: a single Node process renders on one core only, and page rendering — not the
// database — is what limits throughput (docs/decisions/005-one-web-process-per-core.md). The primary prepares the
// database and forks the workers; Node's cluster module hands incoming connections to them in turn.
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";

const log = (line: string) => console.log(`[portal] ${line}`);

/** WEB_CONCURRENCY when set, otherwise one process per core, at most 4 (each keeps its own pool and caches). */
export function webConcurrency(configured: number | undefined, cores = os.availableParallelism()): number {
  return configured ?? Math.min(cores, 4);
}

// V8 sizes its heap for throughput, not for sharing a server: uncapped, a web process grew past 250 MB under 20
// concurrent renders. 8 MB semi-spaces and a 128 MB old generation keep the whole server (supervisor and two web
// processes) under 400 MB at the benchmark's peak; 4 MB semi-spaces saved little more memory but cost 15–25 % more
// CPU per page in garbage collection, 16 MB bought ~5 % throughput for ~50 MB (docs/benchmark.md). Two concurrent
// participant exports of a 20,000-staff prefecture fit well within the old generation.
const WEB_PROCESS_FLAGS = "--max-semi-space-size=8 --max-old-space-size=128";

export interface WebProcesses {
  stop(): Promise<void>;
}

/**
 * Forks `count` workers running scripts/serve-worker.ts, compiled to build/web-process.js (scripts/build-server.ts)
 * so they start without the TypeScript loader. The first one also delivers email (the outbox is claimed
 * with SKIP LOCKED, so a second deliverer would be harmless, only wasteful). A worker that dies unexpectedly is
 * replaced; `stop()` asks every worker to finish its requests and waits for them to exit.
 */
export function forkWebProcesses(count: number, nodeFlags = WEB_PROCESS_FLAGS): Promise<WebProcesses> {
  cluster.setupPrimary({ exec: path.resolve("build/web-process.js"), execArgv: nodeFlags.split(" ").filter(Boolean) });
  let stopping = false;
  const roles = new Map<Worker, "deliverer" | "web">();
  const fork = (role: "deliverer" | "web") => {
    const worker = cluster.fork({ PORTAL_DELIVERY: role === "deliverer" ? "1" : "0" });
    roles.set(worker, role);
    worker.on("exit", (code, signal) => {
      roles.delete(worker);
      // Exit code 0 is a worker that was told to stop (e.g. SIGTERM to the whole process group).
      if (stopping || code === 0) return;
      log(`Web プロセス ${worker.process.pid} が終了しました (${signal ?? code})。再起動します`);
      fork(role);
    });
    return worker;
  };
  const first = [fork("deliverer"), ...Array.from({ length: count - 1 }, () => fork("web"))];
  return new Promise((resolve, reject) => {
    let listening = 0;
    const onFailure = (code: number) => reject(new Error(`web process exited during start-up (code ${code})`));
    for (const worker of first) {
      worker.once("exit", onFailure);
      worker.once("listening", () => {
        worker.off("exit", onFailure);
        if (++listening === first.length) resolve({ stop });
      });
    }
  });

  function stop(): Promise<void> {
    stopping = true;
    const exits = [...roles.keys()].map((worker) => new Promise<void>((done) => (worker.isDead() ? done() : worker.once("exit", () => done()))));
    for (const worker of roles.keys()) worker.send("shutdown");
    return Promise.all(exits).then(() => undefined);
  }
}
