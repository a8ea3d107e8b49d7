/**
 * POST /store/events: the storefront beacon's batches. `navigator.sendBeacon` cannot set headers,
 * so the body may be `text/plain` JSON and carries the session's CSRF token as `_csrf` (checked
 * by request-auth like any form); cross-site requests are refused by the Origin/Sec-Fetch-Site
 * check. Events are stored under the `lantern_vid` shopper key only as far as its consent allows.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beaconBatchSchema, occurredAtOf } from '../behaviour-event.ts';
import { addFavourite, listFavourites, removeFavourite } from '../favourites.ts';
import { recordBehaviourEvents } from '../record-behaviour-events.ts';
import { ensureShopperKey, shopperKeyOf } from './shopper-key-cookie.ts';

/** 120 events a minute per visitor (or address) is far above a person browsing. */
const BEACON_LIMIT = { name: 'behaviour-beacon', max: 30, windowMs: 60_000 };

/** Registers the beacon endpoint and the favourites toggle. */
export async function behaviourEventRoutes(app: FastifyInstance) {
  // sendBeacon posts a string as text/plain: parse it as JSON here (this plugin's routes only).
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 65_536 }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      const error = new SyntaxError('The request body is not valid JSON.');
      done(error, undefined);
    }
  });
  app.withTypeProvider<ZodTypeProvider>().post(
    '/store/events',
    {
      bodyLimit: 65_536,
      schema: {
        tags: ['Behaviour'],
        summary: 'Record a batch of behaviour events (the storefront beacon)',
        description:
          'At most 50 events. Accepts `application/json` or `text/plain` JSON (sendBeacon); a cookie ' +
          'session sends its CSRF token as `_csrf` in the body. Events are kept only as the ' +
          "visitor's consent allows; `recorded` says how many were.",
        body: beaconBatchSchema,
        response: {
          202: z.object({ received: z.number().int(), recorded: z.number().int() }),
        },
      },
    },
    async (request, reply) => {
      const key = shopperKeyOf(request);
      await app.deps.rateLimiter.hit(BEACON_LIMIT, key ?? `ip:${request.ip}`);
      const events = request.body.events;
      const recorded = key
        ? await recordBehaviourEvents(
            app.deps.sql,
            key,
            events.map((e) => ({
              kind: e.kind,
              productId: 'productId' in e ? e.productId : null,
              query: 'query' in e ? e.query : null,
              placement: 'placement' in e ? e.placement : null,
              strategy: 'strategy' in e ? e.strategy : null,
              occurredAt: occurredAtOf(e.at),
            })),
          )
        : 0;
      return reply.code(202).header('cache-control', 'no-store').send({ received: events.length, recorded });
    },
  );

  const favouriteParams = z.object({ productId: z.string().regex(/^prod_[0-9a-z]{1,40}$/) });
  const favouriteTags = ['Favourites'];
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/store/favourites',
    {
      schema: {
        tags: favouriteTags,
        summary: "This visitor's favourite product ids, newest first",
        response: { 200: z.object({ productIds: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const key = shopperKeyOf(request);
      const productIds = key ? await listFavourites(app.deps.sql, key) : [];
      return reply.header('cache-control', 'private, no-store').send({ productIds });
    },
  );
  r.put(
    '/store/favourites/:productId',
    {
      schema: {
        tags: favouriteTags,
        summary: 'Save a product as a favourite (idempotent)',
        params: favouriteParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await app.deps.rateLimiter.hit(BEACON_LIMIT, shopperKeyOf(request) ?? `ip:${request.ip}`);
      await addFavourite(app.deps.sql, ensureShopperKey(request, reply), request.params.productId);
      return reply.code(204).send(null);
    },
  );
  r.delete(
    '/store/favourites/:productId',
    {
      schema: {
        tags: favouriteTags,
        summary: 'Remove a product from the favourites',
        params: favouriteParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const key = shopperKeyOf(request);
      if (key) await removeFavourite(app.deps.sql, key, request.params.productId);
      return reply.code(204).send(null);
    },
  );
}
