/**
 * GET /store/recommendations: one placement's items with reasons. The shopper key comes from the
 * visitor cookie; an answer shaped by the shopper's own events is `private, no-store`, a
 * non-personal one may be cached publicly for a few seconds (varying on the cookie).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shopperKeyOf } from '../../events/http/shopper-key-cookie.ts';
import { runningExperimentsChanged } from '../../experiments/running-experiments.ts';
import { PLACEMENTS, RECOMMENDATION_STRATEGIES } from '../get-placement.ts';
import { defaultModelCache } from '../model-cache.ts';
import { servePlacement } from '../serve-placement.ts';
import { shopperSignalsCache } from '../shopper-signals.ts';

const PUBLIC_SECONDS = 5;
const serialized = new WeakMap<object, string>();
const productId = z.string().regex(/^prod_[0-9a-z]{1,40}$/);

const querystring = z.object({
  placement: z.enum(PLACEMENTS),
  product_id: productId.optional().describe('The product of a product page (similar, bought together)'),
  cart_product_ids: z
    .string()
    .regex(/^prod_[0-9a-z]{1,40}(,prod_[0-9a-z]{1,40}){0,49}$/)
    .optional()
    .describe('Comma-separated products in the cart or order (cart_complete, order_confirmation)'),
  q: z.string().trim().max(200).optional().describe('The search that found little (search_empty)'),
  limit: z.coerce.number().int().min(1).max(24).default(8),
  locale: z.enum(['zh', 'en']).default('zh'),
});

const text = z.object({ zh: z.string(), en: z.string() });
const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const summary = z.object({
  id: z.string(),
  slug: z.string(),
  title: text,
  brand: text.nullable(),
  price: money,
  compareAt: money.nullable(),
  image: z
    .object({ url: z.string(), alt: text, width: z.number().int(), height: z.number().int() })
    .nullable(),
  inStock: z.boolean(),
  salesCount: z.number().int(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
});
const response = z.object({
  placement: z.enum(PLACEMENTS),
  personal: z.boolean().describe("True when the visitor's own events shaped the answer"),
  strategy: z.enum(RECOMMENDATION_STRATEGIES).describe('The strategy that answered'),
  label: z
    .string()
    .describe(
      'What impressions and clicks of these items are recorded under (`<experiment>.<arm>` in an A/B test)',
    ),
  experimentId: z.string().nullable(),
  modelVersion: z.number().int().nullable(),
  items: z.array(
    z.object({
      product: summary,
      reason: z.object({
        code: z.enum(['because_viewed', 'bought_together', 'similar', 'popular']),
        productId: z.string().optional(),
        text: z.string(),
      }),
    }),
  ),
});

/** Registers the recommendations read. */
export async function recommendationRoutes(app: FastifyInstance) {
  const caches = app.deps.caches;
  // The model cache is the process's; its caches and the signals show on this app's /metrics.
  const stops = [
    // A merchant's change on any instance: product facts, answers and running experiments (a start
    // or stop is an /admin write) are read again.
    caches.onPublicDataChanged(() => {
      defaultModelCache.clearSummaries();
      runningExperimentsChanged();
    }),
    ...defaultModelCache.boundedCaches().map((cache) => caches.track(cache, { publicData: false })),
    caches.track(shopperSignalsCache(app.deps.sql), { publicData: false }),
  ];
  app.addHook('onClose', async () => {
    for (const stop of stops) stop();
  });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/store/recommendations',
    {
      schema: {
        tags: ['Recommendations'],
        summary: 'Recommended products for a placement, each with a reason',
        description:
          'Personal (and `private, no-store`) only when the visitor allowed personalisation and has ' +
          'events; otherwise popular or item-based answers that may be cached publicly.',
        querystring,
        response: { 200: response },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const result = await servePlacement(app.deps.sql, shopperKeyOf(request), {
        placement: q.placement,
        productId: q.product_id,
        cartProductIds: q.cart_product_ids?.split(','),
        query: q.q,
        limit: q.limit,
        locale: q.locale,
      });
      if (result.personal) reply.header('cache-control', 'private, no-store');
      else reply.header('cache-control', `public, max-age=${PUBLIC_SECONDS}`).header('vary', 'cookie');
      // The answer is built to the schema above; a string skips re-validating it on every request
      // (a hot path). Answers are memoised objects (shared, or one shopper's until their signals
      // change), so each is stringified once.
      let body = serialized.get(result);
      if (body === undefined) {
        body = JSON.stringify(result);
        serialized.set(result, body);
      }
      // `as never`: the typed reply expects the object; Fastify sends a string as it is.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );
}
