/**
 * Messages from one instance to every instance of the shop, on one channel: Redis pub/sub when
 * REDIS_URL is set, PostgreSQL LISTEN/NOTIFY otherwise. Delivery is at most once: whenever a
 * subscriber (re)connects, messages sent meanwhile may be lost, and `onGap` says so, so that a
 * cache listening for changes empties itself rather than keep what it may have missed.
 */
import { randomBytes } from 'node:crypto';
import type { Sql } from './database.ts';
import type { Redis } from './redis.ts';

/** A channel to every instance. */
export interface Broadcast {
  /** Which transport carries it (for logs and /health). */
  readonly transport: 'redis' | 'postgres';
  /** Sends `message` to every subscribed instance, this one included. */
  publish(message: string): Promise<void>;
  /**
   * Delivers messages to `onMessage`; `onGap` runs at every (re)connect of the subscription.
   * Resolves once first subscribed (false if that failed; it is retried in the background).
   */
  subscribe(onMessage: (message: string) => void, onGap: () => void): Promise<boolean>;
  close(): Promise<void>;
}

/** A broadcast over PostgreSQL NOTIFY on `channel` (one database: one shop). */
export function postgresBroadcast(sql: Sql, channel: string): Broadcast {
  let listener: PostgresListener | undefined;
  return {
    transport: 'postgres',
    async publish(message) {
      await sql.notify(channel, message);
    },
    subscribe(onMessage, onGap) {
      listener = listenToPostgres(sql, channel, { onMessage, onListening: onGap });
      return listener.ready;
    },
    async close() {
      await listener?.close();
    },
  };
}

/** A broadcast over Redis pub/sub on `channel`; it subscribes on a connection of its own. */
export function redisBroadcast(redis: Redis, channel: string): Broadcast {
  let subscriber: Redis | undefined;
  return {
    transport: 'redis',
    async publish(message) {
      await redis.publish(channel, message);
    },
    subscribe(onMessage, onGap) {
      // A subscribed connection can run no other command; this one may queue its SUBSCRIBE until
      // it is connected, and subscribes again by itself after a reconnect.
      subscriber = redis.duplicate({
        enableOfflineQueue: true,
        commandTimeout: 5_000,
        maxRetriesPerRequest: null,
      });
      subscriber.on('error', () => {});
      subscriber.on('ready', onGap);
      subscriber.on('message', (from: string, message: string) => {
        if (from === channel) onMessage(message);
      });
      return subscriber.subscribe(channel).then(
        () => true,
        // Retried by the client's own resubscription once it is connected.
        () => false,
      );
    },
    async close() {
      subscriber?.disconnect();
    },
  };
}

/** A LISTEN that watches itself; `close` stops it. */
export interface PostgresListener {
  /** Resolves once the first LISTEN is done (false: it failed and will be retried). */
  ready: Promise<boolean>;
  close(): Promise<void>;
}

/** What a listener is told. */
export interface PostgresListenerHandlers {
  onMessage(payload: string): void;
  /** After every successful LISTEN (the first and each renewal): notifications before it may be lost. */
  onListening?(): void;
  /** When listening failed or was found broken; it is retried at the next check. */
  onLost?(): void;
}

const CHECK_PREFIX = 'lantern.listener-check:';
const CHECK_EVERY_MS = 10_000;
/** Accepted checks that never came back before the listener counts as lost. */
const MISSED_CHECKS = 2;

/**
 * LISTENs on `channel` on the pool's dedicated listening connection. The driver renews a LISTEN
 * when that connection closes, but a connection that died silently (a host gone without a reset)
 * goes unnoticed for a long time; so the listener checks itself: every few seconds it NOTIFYs its
 * own channel, and when two checks that PostgreSQL accepted never came back it listens anew (one
 * late check under load is not a loss: a renewal empties the caches that listen). Other modules'
 * listeners (shopper signals) use this too.
 */
export function listenToPostgres(
  sql: Sql,
  channel: string,
  handlers: PostgresListenerHandlers,
  checkEveryMs = CHECK_EVERY_MS,
): PostgresListener {
  const check = `${CHECK_PREFIX}${randomBytes(6).toString('hex')}:`;
  let generation = 0;
  /** Numbers of the last check sent (accepted by PostgreSQL) and the last one that came back. */
  let sent = 0;
  let accepted = 0;
  let returned = 0;
  let unlisten: (() => Promise<void>) | undefined;

  const listen = (): Promise<boolean> => {
    // A renewed LISTEN may sit beside the driver's own renewal: only the newest one delivers.
    const mine = ++generation;
    const deliver = (payload: string) => {
      if (mine !== generation) return;
      if (payload.startsWith(check)) returned = Math.max(returned, Number(payload.slice(check.length)));
      else if (!payload.startsWith(CHECK_PREFIX)) handlers.onMessage(payload);
    };
    const listening = () => {
      if (mine !== generation) return;
      returned = accepted;
      handlers.onListening?.();
    };
    return sql.listen(channel, deliver, listening).then(
      (request) => {
        unlisten = request.unlisten;
        return true;
      },
      () => {
        handlers.onLost?.();
        return false;
      },
    );
  };

  const timer = setInterval(() => {
    if (accepted - returned >= MISSED_CHECKS) {
      handlers.onLost?.();
      returned = accepted;
      const previous = unlisten;
      unlisten = undefined;
      previous?.().catch(() => {});
      listen();
    }
    const number = ++sent;
    sql.notify(channel, check + number).then(
      () => {
        accepted = Math.max(accepted, number);
      },
      (error: { code?: string }) => {
        // The pool was ended (its owner shut down): nothing left to watch.
        if (error?.code === 'CONNECTION_ENDED') clearInterval(timer);
      },
    );
  }, checkEveryMs);
  timer.unref();

  return {
    ready: listen(),
    async close() {
      clearInterval(timer);
      generation++;
      await unlisten?.().catch(() => {});
    },
  };
}
