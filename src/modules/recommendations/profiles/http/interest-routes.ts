/**
 * The shopper's interests as JSON: GET /store/interests reads the visitor's profile, POST
 * /store/interests/removed removes an interest and DELETE /store/interests/removed/{kind}/{value}
 * restores it; both writes answer the updated profile and are idempotent. The visitor is their
 * `lantern_vid` shopper key (the key serving personalises with), as on the /interests page.
 *
 * The key cookie is ambient, so the writes get the beacon's protection: request-auth refuses
 * cross-site requests (Sec-Fetch-Site, Origin) and, when a session cookie comes along, requires
 * its `x-csrf-token`; on top, POST takes `application/json` only, a type no cross-site form can
 * send without a CORS preflight this app never grants. A visitor without a key has an empty
 * profile, and a write answers 409 `shopper_key_required`: there is nothing to change until the
 * storefront (or a consent choice) has given them a key.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../../app/errors.ts';
import { shopperKeyOf } from '../../events/http/shopper-key-cookie.ts';
import { changeInterest } from '../change-interest.ts';
import { getShopperProfile, type ShopperProfile } from '../get-shopper-profile.ts';
import { interestRefSchema, REMOVABLE_KINDS } from '../interest-tags.ts';

const TAGS = ['Recommendations'];
/** The same budget as the /interests page's forms (one counter per visitor for both). */
const NO_PROFILE: ShopperProfile = { personalisation: false, tags: [], removed: [] };
const count = z.number().int().optional();

const label = z.object({ zh: z.string(), en: z.string() });
const profileSchema = z.object({
  personalisation: z
    .boolean()
    .describe('False when the visitor has personalisation off (or no key): then `tags` is empty'),
  tags: z
    .array(
      z.object({
        kind: z.enum([...REMOVABLE_KINDS, 'recency', 'frequency']),
        value: z.string().describe('A category id, brand id, price band or segment code'),
        label,
        score: z.number().describe('Time-decayed event weight (half-life 30 days); 0 for segments'),
        share: z.number().describe("The tag's part of its kind's total score (0–1)"),
        evidence: z
          .object({
            views: count,
            clicks: count,
            favourites: count,
            carts: count,
            purchases: count,
            daysSinceLastActivity: count,
            activeDays: count,
            events: count,
          })
          .describe('What the tag rests on: counts of consented events, or activity for segments'),
        removable: z.boolean(),
        removed: z.boolean(),
      }),
    )
    .describe('Strongest first per kind: categories, brands, price bands, recency, frequency'),
  removed: z
    .array(z.object({ kind: z.enum(REMOVABLE_KINDS), value: z.string(), label, removedAt: z.string() }))
    .describe('Every removed interest, newest first, to restore'),
});
const WRITE_PROBLEMS =
  ' Problems: 400 `validation_failed`, 403 `cross_site_request` or `csrf_token_invalid`, ' +
  '409 `shopper_key_required` (no visitor key), 429 `rate_limited`.';

/** Registers the three routes; the app's routes list calls this once. */
export async function interestRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;

  typed.get(
    '/store/interests',
    {
      schema: {
        tags: TAGS,
        summary: "The visitor's interest profile: tags with evidence, and removed interests",
        description:
          'Derived on request from the events the visitor allowed for personalisation; `private, no-store`. ' +
          'A visitor without a shopper key gets an empty profile.',
        response: { 200: profileSchema },
      },
    },
    async (request, reply) => {
      const key = shopperKeyOf(request);
      return sendProfile(reply, key ? await getShopperProfile(sql, key) : NO_PROFILE);
    },
  );

  typed.post(
    '/store/interests/removed',
    {
      onRequest: requireJson,
      schema: {
        tags: TAGS,
        summary: "Remove an interest: its products leave the visitor's recommendations (idempotent)",
        description:
          'Kinds `category` (with everything below it), `brand` and `price_band`; at most 200 removals. ' +
          'Answers the updated profile.' +
          WRITE_PROBLEMS +
          ' 404 `interest_not_found` for an unknown category or brand, 409 `interests_removed_full`.',
        body: interestRefSchema,
        response: { 200: profileSchema },
      },
    },
    async (request, reply) => {
      const { shopperKey } = await changeInterest(changeDepsOf(request), {
        change: 'remove',
        shopperKey: shopperKeyOf(request),
        clientAddress: request.ip,
        interest: request.body,
      });
      return sendProfile(reply, await getShopperProfile(sql, shopperKey));
    },
  );

  typed.delete(
    '/store/interests/removed/:kind/:value',
    {
      schema: {
        tags: TAGS,
        summary: 'Restore a removed interest (idempotent)',
        description: `Answers the updated profile, also when the interest was not removed.${WRITE_PROBLEMS}`,
        params: interestRefSchema,
        response: { 200: profileSchema },
      },
    },
    async (request, reply) => {
      const { shopperKey } = await changeInterest(changeDepsOf(request), {
        change: 'restore',
        shopperKey: shopperKeyOf(request),
        clientAddress: request.ip,
        interest: request.params,
      });
      return sendProfile(reply, await getShopperProfile(sql, shopperKey));
    },
  );
}

/** What `changeInterest` needs, from the app's deps. */
function changeDepsOf(request: FastifyRequest) {
  return { db: request.server.deps.sql, rateLimiter: request.server.deps.rateLimiter };
}

/**
 * Form and text bodies are refused before they are parsed: `application/json` needs a CORS
 * preflight cross-site, so no other site's page can post it with the visitor's cookie.
 */
async function requireJson(request: FastifyRequest) {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new DomainError('unsupported_media_type', 415, 'Send application/json.');
}

function sendProfile(reply: FastifyReply, profile: ShopperProfile) {
  const removed = profile.removed.map((r) => ({ ...r, removedAt: r.removedAt.toISOString() }));
  return reply.header('cache-control', 'private, no-store').send({ ...profile, removed });
}
