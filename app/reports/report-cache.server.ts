import type { Executor } from "../../db/client.server";
import { readDataVersion, type DataVersion } from "../../db/data-version.server";
import { REQUEST_STAMP } from "../auth/request-stamp";
import { sessionDataVersion } from "../auth/session.server";

// Report figures (and the contest ranking) cached per process under the version of the data they were computed
// from (ADR 005).
//
// PostgreSQL bumps report_data_version at the commit of every transaction that wrote data the reports read
// (migration 0007), so two snapshots with the same version hold the same report data. A hit costs one tiny query;
// a miss reads the version and computes in one REPEATABLE READ snapshot, so what is stored always matches the
// version it is stored under — never a mix of two commits, never figures older than the version says.
//
// Only the newest version's entries are kept (an older version can never be read again), and in each space at most
// its limit of them, least recently used out first: "reports" holds fiscal years × as-of dates × unit scopes,
// rounds × ranking orders and the booking page's inputs; "lists" the pages of postings searches and applicant lists,
// whose keys come from what readers type or ask for, so they never push the expensive report figures out. Each
// process keeps its own.

const SPACE_LIMITS = { reports: 48, lists: 100 } as const;
export type CacheSpace = keyof typeof SPACE_LIMITS;

type VersionRow = DataVersion;

interface ProcessCache {
  /** epoch and server start of the entries below; a new one replaces them all. */
  generation: string;
  version: number;
  spaces: Record<CacheSpace, Map<string, unknown>>;
  inflight: Map<string, Promise<unknown>>;
}

// Keyed by pool (a Kysely instance): each database the process talks to has its own versions.
const caches = new WeakMap<object, ProcessCache>();

// A signed-in request's session statement read the version already (ADR 012): no statement of its own. Otherwise
// the loaders of one HTTP request (a frame and its tab) read the version once between them: a read that started
// after the request arrived is as new as any of them needs. Forgotten once answered, so later requests read afresh.
const sharedReads = new WeakMap<object, Map<string, Promise<VersionRow | undefined>>>();

async function versionFor(db: Executor, request: Request | undefined): Promise<VersionRow | undefined> {
  const seen = request ? await sessionDataVersion(request, db) : undefined;
  if (seen) return seen;
  const stamp = request?.headers.get(REQUEST_STAMP);
  if (!stamp) return readDataVersion(db);
  let reads = sharedReads.get(db);
  if (!reads) sharedReads.set(db, (reads = new Map()));
  let pending = reads.get(stamp);
  if (!pending) {
    pending = readDataVersion(db);
    const forget = () => reads.delete(stamp);
    pending.then(forget, forget);
    reads.set(stamp, pending);
  }
  return pending;
}

function cacheFor(db: Executor, row: VersionRow): ProcessCache {
  const generation = `${row.epoch}@${row.started}`;
  let cache = caches.get(db);
  if (!cache || cache.generation !== generation || cache.version < row.version) {
    cache = { generation, version: row.version, spaces: { reports: new Map(), lists: new Map() }, inflight: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * `compute(trx)` for `key`, from this process's cache when the report data has not changed since it was computed.
 * `key` must name everything the result depends on besides the data (scope, as-of date, today…). `compute` runs in
 * a read-only REPEATABLE READ transaction. Inside a caller's transaction the cache is bypassed: that transaction
 * may hold writes of its own that no version counts yet. With `request`, the version its session statement read
 * serves (ADR 012), or else the loaders of one HTTP request share one read of it. `space` (default "reports")
 * bounds the entry's kind apart from the others.
 */
export async function cachedReport<T>(db: Executor, key: string, compute: (trx: Executor) => Promise<T>, options: { request?: Request; space?: CacheSpace } = {}): Promise<T> {
  if (db.isTransaction) return compute(db);
  const current = await versionFor(db, options.request);
  if (!current) return compute(db);
  const space = options.space ?? "reports";
  const cache = cacheFor(db, current);
  const inflightKey = `${space}\u0000${key}`;
  if (cache.version === current.version) {
    const entries = cache.spaces[space];
    if (entries.has(key)) {
      const value = entries.get(key) as T;
      entries.delete(key); // most recently used last
      entries.set(key, value);
      return value;
    }
    const pending = cache.inflight.get(inflightKey);
    if (pending) return pending as Promise<T>;
  }
  const work = computeAndStore(db, space, key, compute);
  // Concurrent requests for the same figures wait for one computation instead of each running it.
  if (cache.version === current.version) {
    cache.inflight.set(inflightKey, work);
    work.then(
      () => cache.inflight.delete(inflightKey),
      () => cache.inflight.delete(inflightKey),
    );
  }
  return work;
}

async function computeAndStore<T>(db: Executor, space: CacheSpace, key: string, compute: (trx: Executor) => Promise<T>): Promise<T> {
  const { row, value } = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      // The first statement takes the snapshot: the version read here is the one the figures below belong to.
      const row = await readDataVersion(trx);
      return { row, value: deepFreeze(await compute(trx)) };
    });
  if (row) {
    const cache = cacheFor(db, row);
    // A slow computation that finishes after a newer version was seen is returned but not kept.
    if (cache.version === row.version) {
      const entries = cache.spaces[space];
      entries.set(key, value);
      while (entries.size > SPACE_LIMITS[space]) entries.delete(entries.keys().next().value as string);
    }
  }
  return value;
}

/**
 * Cached values are shared by every request: freeze them so no caller can change another's figures. An object that
 * is frozen already is still walked (its children may not be); each object once.
 */
function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value && typeof value === "object" && !seen.has(value)) {
    seen.add(value);
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child, seen);
  }
  return value;
}

/** Test hook: forget this pool's cached figures. */
export function clearReportCache(db: Executor): void {
  caches.delete(db);
}
