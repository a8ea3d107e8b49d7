/**
 * A short-lived in-process cache for public, non-personal GET responses (catalogue, product
 * data, search). A route opts in with `config: { publicCacheSeconds: n }`; the answer is kept for
 * n seconds per URL and sent with `cache-control: public, max-age=n`, so browsers and CDNs share
 * the work too. Personal data never goes through it: opted-in routes must not read the session.
 * A successful merchant write (any unsafe /admin request) empties it, so an archived product or a
 * changed price shows at once on this instance; other instances catch up within the TTL.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { onPublicDataChanged, publicDataChanged } from './public-data-changes.ts';

interface Entry {
  body: string | Buffer;
  contentType: string;
  expiresAt: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    publicCacheSeconds?: number;
  }
}

const MAX_ENTRIES = 5_000;

export const responseCache = fp(async (app: FastifyInstance) => {
  const entries = new Map<string, Entry>();
  const stopListening = onPublicDataChanged(() => entries.clear());
  app.addHook('onClose', async () => stopListening());

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const seconds = request.routeOptions.config.publicCacheSeconds;
    if (!seconds || request.method !== 'GET') return;
    const entry = entries.get(request.url);
    if (!entry) return;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(request.url);
      return;
    }
    reply
      .header('x-cache', 'hit')
      .header('cache-control', `public, max-age=${seconds}`)
      .type(entry.contentType);
    return reply.send(entry.body);
  });

  app.addHook('onResponse', async (request, reply) => {
    const isWrite = request.method !== 'GET' && request.method !== 'HEAD';
    if (isWrite && reply.statusCode < 400 && request.url.startsWith('/admin')) publicDataChanged();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const seconds = request.routeOptions.config.publicCacheSeconds;
    if (!seconds || request.method !== 'GET' || reply.statusCode !== 200 || reply.getHeader('x-cache'))
      return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(request.url, {
      body: payload,
      contentType: String(reply.getHeader('content-type') ?? 'application/json'),
      expiresAt: Date.now() + seconds * 1000,
    });
    reply.header('x-cache', 'miss').header('cache-control', `public, max-age=${seconds}`);
    return payload;
  });
});
