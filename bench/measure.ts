import autocannon from "autocannon";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { gzipSync } from "node:zlib";
import { scriptUrls, staticImports } from "./html";

// What the harness measures, one concern each: HTTP load (autocannon), the JavaScript a page ships, and the server
// process's memory (Linux /proc).

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Drives one URL with `connections` keep-alive connections for `seconds`. `headers` may be one set per connection
 * (connection i uses set i modulo their number): each connection then acts as its own signed-in user. Besides
 * autocannon's figures, the latency of every 2xx response (what autocannon's own percentiles count), so that the runs
 * of a route can be combined into the percentiles of all its requests.
 */
export async function load(url: string, options: { connections: number; seconds: number; headers: Record<string, string> | Record<string, string>[] }): Promise<LoadResult & { latenciesMs: number[] }> {
  const sets = Array.isArray(options.headers) ? options.headers : [options.headers];
  let next = 0;
  const latenciesMs: number[] = [];
  const run = autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: sets[0],
    setupClient: (client) => client.setHeaders(sets[next++ % sets.length]),
    timeout: 10,
  });
  run.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
  });
  const result = await run;
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latenciesMs,
  };
}

/**
 * Sums the gzip size of every script the page loads, following static imports inside the scripts too (Remix lists
 * them as modulepreloads already; this makes sure none is missed). `cache` is shared across pages.
 */
export async function shippedJsGzBytes(baseUrl: string, html: string, cache: Map<string, { gz: number; imports: string[] }>): Promise<{ bytes: number; files: number }> {
  const seen = new Set<string>();
  const queue = scriptUrls(html);
  let bytes = 0;
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    let entry = cache.get(path);
    if (!entry) {
      const response = await fetch(new URL(path, baseUrl));
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
      const text = await response.text();
      entry = {
        gz: gzipSync(Buffer.from(text)).length,
        imports: staticImports(text).map((spec) => new URL(spec, new URL(path, baseUrl)).pathname),
      };
      cache.set(path, entry);
    }
    bytes += entry.gz;
    queue.push(...entry.imports.filter((p) => p.startsWith("/build/")));
  }
  return { bytes, files: seen.size };
}

/**
 * The process and all its descendants (`npm start` forks one web process per core, and tsx keeps an esbuild
 * service): the server is all of them, so memory and CPU are summed over the tree.
 */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/**
 * VmHWM (peak resident set) and VmRSS in bytes, summed over the process tree (the sum of peaks: an upper bound of
 * the tree's peak), or null where /proc is not available.
 */
export function processMemory(pid: number): { peak: number; current: number } | null {
  let peak = 0;
  let current = 0;
  for (const member of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${member}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
      peak += kb("VmHWM");
      current += kb("VmRSS");
    } catch {
      if (member === pid) return null;
    }
  }
  return { peak, current };
}

/**
 * CPU seconds (user + system) the process tree has used so far, from /proc/<pid>/stat; null where /proc is not
 * available. The per-request CPU cost of a page is less sensitive to other load on the machine than its throughput.
 */
export function processCpuSeconds(pid: number): number | null {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      // Fields after the command name (which may contain spaces), 1-based from field 3: utime is 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      if (member === pid) return null;
    }
  }
  return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
}
/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
