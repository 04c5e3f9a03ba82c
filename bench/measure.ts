import autocannon from "autocannon";
import { readFileSync } from "node:fs";
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

/** Drives one URL with `connections` keep-alive connections for `seconds`. */
export async function load(url: string, options: { connections: number; seconds: number; headers: Record<string, string> }): Promise<LoadResult> {
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers: options.headers, timeout: 10 });
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
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

/** VmHWM (peak resident set) and VmRSS of a process in bytes, or null where /proc is not available. */
export function processMemory(pid: number): { peak: number; current: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    const peak = kb("VmHWM");
    const current = kb("VmRSS");
    return Number.isFinite(peak) && Number.isFinite(current) ? { peak, current } : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null where /proc is not available.
 * The per-request CPU cost of a page is less sensitive to other load on the machine than its throughput.
 */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces), 1-based from field 3: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
  } catch {
    return null;
  }
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
