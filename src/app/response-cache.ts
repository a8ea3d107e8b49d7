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
 *
 * Where the time goes (decision 0016): an answer is kept as the bytes sent (a Buffer, written in
 * one go with its headers), and a raw URL already answered from the cache is remembered as an
 * alias of its key, so a repeat is answered as soon as the route is known, before the querystring
 * is parsed and validated. Aliases sit in a cache of their own, so raw URLs cannot push answers
 * out; an unknown raw URL simply takes the validated path.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { bodyBytes } from './bounded-cache.ts';

interface Entry {
  body: Buffer;
  contentType: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    publicCacheSeconds?: number;
  }
}

/** Bytes of answers kept, keys and bookkeeping included. */
export const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** Bytes of raw-URL aliases (URL → key): some 10,000 URLs. */
const ALIAS_MAX_BYTES = 4 * 1024 * 1024;
/** Raw URLs longer than this are not remembered. */
const ALIAS_MAX_URL = 512;

export const responseCache = fp(async (app: FastifyInstance) => {
  const cache = app.deps.caches.create<Entry>({ name: 'response', maxBytes: RESPONSE_CACHE_MAX_BYTES });
  /** The key of a miss, and the cache's generation when it was looked up. */
  const misses = new WeakMap<FastifyRequest, { key: string; generation: number }>();
  const aliases = app.deps.caches.create<string>({ name: 'response_aliases', maxBytes: ALIAS_MAX_BYTES });
  const aliasOf = (request: FastifyRequest) => `${request.routeOptions.url}|${request.url}`;

  /** Sends a cached answer; true when there was one for `key`. */
  const sendHit = (reply: FastifyReply, key: string, seconds: number): FastifyReply | undefined => {
    const entry = cache.get(key);
    if (!entry) return undefined;
    return reply
      .header('x-cache', 'hit')
      .header('cache-control', `public, max-age=${seconds}`)
      .type(entry.contentType)
      .send(entry.body);
  };

  // A raw URL answered before: straight from the cache, skipping parsing and validation (which
  // gave this key for this very URL).
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const seconds = request.routeOptions.config?.publicCacheSeconds;
    if (!seconds || request.method !== 'GET') return;
    const key = aliases.get(aliasOf(request));
    if (key) return sendHit(reply, key, seconds);
  });

  // After validation, so the key is built from the parsed input; before the session is resolved,
  // so a hit costs no query.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const seconds = request.routeOptions.config.publicCacheSeconds;
    if (!seconds || request.method !== 'GET') return;
    const key = cacheKeyOf(request);
    const hit = sendHit(reply, key, seconds);
    if (hit) {
      rememberAlias(request, key);
      return hit;
    }
    misses.set(request, { key, generation: cache.generation });
  });

  const rememberAlias = (request: FastifyRequest, key: string) => {
    if (request.url.length <= ALIAS_MAX_URL) aliases.set(aliasOf(request), key, key.length * 2);
  };

  app.addHook('onResponse', async (request, reply) => {
    if (isMerchantChange(request.method, request.url, reply.statusCode)) app.deps.caches.publicDataChanged();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const miss = misses.get(request);
    if (!miss || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const seconds = request.routeOptions.config.publicCacheSeconds!;
    // Public data changed while this answer was being made: it may predate the change.
    // Kept as the bytes sent: a hit is then one write, with no string to encode.
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (cache.generation === miss.generation) {
      const contentType = String(reply.getHeader('content-type') ?? 'application/json');
      cache.set(miss.key, { body, contentType }, bodyBytes(body) + contentType.length, seconds * 1000);
      rememberAlias(request, miss.key);
    }
    reply.header('x-cache', 'miss').header('cache-control', `public, max-age=${seconds}`);
    return body;
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
