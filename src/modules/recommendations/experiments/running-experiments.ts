/**
 * The running experiments by placement, held in-process for a few seconds: arm assignment runs on
 * every placement request and must not query. A start or stop clears the cache at once, on this
 * instance directly and on the others through the public-data invalidation (it is an /admin write);
 * the TTL is a safety net. While a refresh runs, callers get the previous
 * answer (only the very first call per pool waits for the database).
 */
import type { Db } from '../../../app/database.ts';
import { type Experiment, loadRunningExperiments } from './experiment.ts';

/** How long a loaded set of running experiments is served without checking again. */
export const RUNNING_EXPERIMENTS_TTL_MS = 5_000;

interface Entry {
  byPlacement: ReadonlyMap<string, Experiment> | null;
  loadedAt: number;
  loading: Promise<ReadonlyMap<string, Experiment>> | null;
}

// Keyed by pool: tests (and tools) may hold several databases in one process.
let entries = new WeakMap<Db, Entry>();

/** The running experiment per placement, at most a few seconds old. */
export async function runningExperiments(db: Db, now = Date.now()): Promise<ReadonlyMap<string, Experiment>> {
  let entry = entries.get(db);
  if (!entry) {
    entry = { byPlacement: null, loadedAt: 0, loading: null };
    entries.set(db, entry);
  }
  if (entry.byPlacement && now - entry.loadedAt < RUNNING_EXPERIMENTS_TTL_MS) return entry.byPlacement;
  const loading = entry.loading ?? refresh(db, entry, now);
  // Stale but present: answer now, the refresh lands for the next request.
  if (entry.byPlacement) {
    loading.catch(() => {});
    return entry.byPlacement;
  }
  return loading;
}

function refresh(db: Db, entry: Entry, now: number): Promise<ReadonlyMap<string, Experiment>> {
  const generation = entries;
  const loading = loadRunningExperiments(db)
    .then((list) => {
      const byPlacement = new Map(list.map((e) => [e.placement as string, e]));
      // A change during the load cleared the cache: this answer may predate it, so drop it.
      if (generation === entries) Object.assign(entry, { byPlacement, loadedAt: now });
      return byPlacement;
    })
    .finally(() => {
      entry.loading = null;
    });
  entry.loading = loading;
  return loading;
}

/** Forgets every cached set, so the next assignment reads the experiments again. */
export function runningExperimentsChanged(): void {
  entries = new WeakMap();
}
