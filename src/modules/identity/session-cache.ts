/**
 * Shopper sessions seen by this process, kept for a minute so a request with a known session costs
 * no database round trip (decision 0016). A session that ends or changes anywhere is forgotten at
 * once: this process drops it when it revokes it, and every instance hears every deleted or changed
 * session through PostgreSQL NOTIFY (the triggers at the end of the identity migration). Nothing is kept while that
 * listener is not connected, and a (re)connected listener forgets everything, since notifications
 * sent meanwhile are lost. Staff sessions are never cached (they also depend on the staff user).
 */
import { BoundedCache } from '../../app/bounded-cache.ts';
import { listenToPostgres } from '../../app/broadcast.ts';
import type { Db, Sql } from '../../app/database.ts';
import type { Session } from './sessions.ts';

const CHANNEL = 'lantern_session_changed';
const TTL_MS = 60_000;
/** Some 40,000 sessions. */
const MAX_BYTES = 16 * 1024 * 1024;
const ENTRY_BYTES = 400;

/** The cache of one database (tests hold several in one process). */
class SessionCache {
  readonly entries = new BoundedCache<Session>({ name: 'sessions', maxBytes: MAX_BYTES, ttlMs: TTL_MS });
  /** True while the NOTIFY listener is connected: only then may sessions be kept. */
  private notified = false;
  /** Bumped by every forgetting, so a read that started before one does not store what it read. */
  generation = 0;

  constructor(sql: Sql) {
    listenToPostgres(sql, CHANNEL, {
      onMessage: (tokenHash) => (tokenHash === '*' ? this.forgetAll() : this.forget(tokenHash)),
      onListening: () => {
        this.forgetAll();
        this.notified = true;
      },
      onLost: () => {
        this.notified = false;
        this.forgetAll();
      },
    });
  }

  get(tokenHash: string): Session | undefined {
    const session = this.entries.get(tokenHash);
    if (session && session.expiresAt.getTime() <= Date.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return session;
  }

  store(session: Session, generation: number): void {
    if (this.notified && generation === this.generation && session.kind === 'shopper')
      this.entries.set(session.tokenHash, session, ENTRY_BYTES);
  }

  forget(tokenHash: string): void {
    this.generation++;
    this.entries.delete(tokenHash);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, SessionCache>();
const allCaches = new Set<WeakRef<SessionCache>>();

/** The session cache of a pool; undefined for a transaction (it cannot listen). */
export function sessionCacheOf(db: Db): SessionCache | undefined {
  if (!('listen' in db)) return undefined;
  let cache = caches.get(db);
  if (!cache) {
    cache = new SessionCache(db as Sql);
    caches.set(db, cache);
    allCaches.add(new WeakRef(cache));
  }
  return cache;
}

/**
 * Forgets sessions in every cache of this process, at once (the notification that follows the
 * commit also reaches the other instances): one token hash, or all with `'*'`.
 */
export function forgetSessions(tokenHash: string): void {
  for (const ref of allCaches) {
    const cache = ref.deref();
    if (!cache) allCaches.delete(ref);
    else if (tokenHash === '*') cache.forgetAll();
    else cache.forget(tokenHash);
  }
}
