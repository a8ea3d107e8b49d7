/**
 * The "my interests" page: GET /interests shows the visitor's profile, POST /interests/remove and
 * /interests/restore change it and answer 303 back (no JavaScript needed). The visitor is their
 * `lantern_vid` shopper key, the same key serving personalises with; a signed-in customer's
 * browser holds the account's key since sign-in. CSRF as on the privacy page: a form carries the
 * session's token when a session cookie exists (request-auth checks it); without one,
 * request-auth refuses cross-site posts and the SameSite=Lax key cookie is not sent cross-site.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import {
  changeInterest,
  getShopperProfile,
  type ShopperProfile,
  shopperKeyOf,
} from '../../modules/recommendations/index.ts';
import { t } from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formFields } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import { type InterestsPageState, renderInterestsPage } from './pages/interests-page.ts';

const NO_PROFILE: ShopperProfile = { personalisation: false, tags: [], removed: [] };

/** Registers /interests and its two form actions. */
export async function interestPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;

  app.get<{ Querystring: { done?: string } }>(
    '/interests',
    { schema: { hide: true } },
    async (request, reply) => {
      const done = request.query.done;
      return showPage(request, reply, {
        done: done === 'removed' || done === 'restored' ? done : null,
      });
    },
  );

  for (const [path, change] of [
    ['/interests/remove', 'remove'],
    ['/interests/restore', 'restore'],
  ] as const) {
    app.post(path, { schema: { hide: true } }, async (request, reply) => {
      const fields = formFields(request);
      try {
        await changeInterest(
          { db, rateLimiter: app.deps.rateLimiter },
          {
            change,
            shopperKey: shopperKeyOf(request),
            clientAddress: request.ip,
            interest: { kind: fields.kind, value: fields.value },
          },
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500 || error.status === 429) throw error;
        // Without a key there is no profile to change (nothing was shown): nothing to say.
        if (error.code !== 'shopper_key_required')
          return showPage(
            request,
            reply,
            { error: t(preferencesOf(request).locale, 'interests.invalid') },
            error.status,
          );
      }
      const done = path === '/interests/remove' ? 'removed' : 'restored';
      return reply.header('cache-control', 'private, no-store').redirect(`/interests?done=${done}`, 303);
    });
  }
}

async function showPage(
  request: FastifyRequest,
  reply: FastifyReply,
  state: InterestsPageState,
  status = 200,
) {
  const key = shopperKeyOf(request);
  const [ctx, profile] = await Promise.all([
    pageContextOf(request),
    key ? getShopperProfile(request.server.deps.sql, key) : NO_PROFILE,
  ]);
  return sendPage(request, reply, renderInterestsPage(ctx, profile, state), { personal: true, status });
}
