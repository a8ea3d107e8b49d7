/**
 * A short-lived in-process cache for public, non-personal GET responses (catalogue, product
 * data, search). A route opts in with `config: { publicCacheSeconds: n }`; the answer is kept for
 * n seconds and sent with `cache-control: public, max-age=n`, so browsers and CDNs share the work
 * too. Personal data never goes through it: opted-in routes must not read the session.
 *
 * The key is the route and its validated input (params and the zod-parsed querystring, keys
 * sorted, defaults applied), never the raw URL: parameters the schema does not know are dropped
 * by it (or refused by a strict one) and so cannot make new entries, and a route without a
 * querystring schema is keyed without its query. The cache is bounded in bytes (LRU).
 * A successful merchant write (an unsafe /admin request other than signing in or out) empties it
 * on every instance (`app-caches.ts`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { bodyBytes } from './bounded-cache.ts';

interface Entry {
  body: string | Buffer;
  contentType: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    publicCacheSeconds?: number;
  }
}

/** Bytes of answers kept, keys and bookkeeping included. */
export const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

export const responseCache = fp(async (app: FastifyInstance) => {
  const cache = app.deps.caches.create<Entry>({ name: 'response', maxBytes: RESPONSE_CACHE_MAX_BYTES });
  /** The key of a miss, and the cache's generation when it was looked up. */
  const misses = new WeakMap<FastifyRequest, { key: string; generation: number }>();

  // After validation, so the key is built from the parsed input; before the session is resolved,
  // so a hit costs no query.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const seconds = request.routeOptions.config.publicCacheSeconds;
    if (!seconds || request.method !== 'GET') return;
    const key = cacheKeyOf(request);
    const entry = cache.get(key);
    if (!entry) {
      misses.set(request, { key, generation: cache.generation });
      return;
    }
    reply
      .header('x-cache', 'hit')
      .header('cache-control', `public, max-age=${seconds}`)
      .type(entry.contentType);
    return reply.send(entry.body);
  });

  app.addHook('onResponse', async (request, reply) => {
    if (isMerchantChange(request.method, request.url, reply.statusCode)) app.deps.caches.publicDataChanged();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const miss = misses.get(request);
    if (!miss || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const seconds = request.routeOptions.config.publicCacheSeconds!;
    // Public data changed while this answer was being made: it may predate the change.
    if (cache.generation === miss.generation) {
      const contentType = String(reply.getHeader('content-type') ?? 'application/json');
      cache.set(
        miss.key,
        { body: payload, contentType },
        bodyBytes(payload) + contentType.length,
        seconds * 1000,
      );
    }
    reply.header('x-cache', 'miss').header('cache-control', `public, max-age=${seconds}`);
    return payload;
  });
});

const SIGN_IN_OUT = /^\/admin\/(auth\/)?(login|logout)(\?|$)/;

/** A successful unsafe /admin request, other than staff signing in or out. */
function isMerchantChange(method: string, url: string, status: number): boolean {
  const isWrite = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
  return isWrite && status < 400 && url.startsWith('/admin') && !SIGN_IN_OUT.test(url);
}

/** The route and its validated params and querystring, as sorted JSON. */
export function cacheKeyOf(request: FastifyRequest): string {
  const hasQuerySchema = Boolean(request.routeOptions.schema?.querystring);
  return `${request.routeOptions.url}|${stableJson(request.params)}|${hasQuerySchema ? stableJson(request.query) : ''}`;
}

/** JSON with object keys sorted and undefined members left out: equal inputs, equal text. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
}
