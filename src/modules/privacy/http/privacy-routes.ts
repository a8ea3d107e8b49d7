/**
 * The shopper's privacy API: read and change consent, download all their data, delete the
 * account. Also attaches the sign-in and sign-out hooks that carry consent and the behaviour key.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { onShopperSignIn, onShopperSignOut, requireCustomer, SHOPPER_COOKIE } from '../../identity/index.ts';
import { SHOPPER_KEY_COOKIE } from '../../recommendations/index.ts';
import { confirmReauthentication } from '../confirm-reauthentication.ts';
import { CONSENT_COOKIE, flagsOf } from '../consent.ts';
import { deleteAccount } from '../delete-account.ts';
import { requestShopperDataExport } from '../export-shopper-data.ts';
import {
  applyConsentOnRequest,
  carryConsentHook,
  consentOf,
  rotateShopperKeyHook,
} from './consent-cookies.ts';

const tags = ['Privacy'];
const consentSchema = z.object({ personalisation: z.boolean(), analytics: z.boolean() });

/** Registers the privacy routes and sign-in/sign-out hooks. */
export async function privacyRoutes(app: FastifyInstance) {
  onShopperSignIn(carryConsentHook);
  onShopperSignOut(rotateShopperKeyHook);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/store/consent',
    {
      schema: {
        tags,
        summary: "The visitor's consent choice (null before the first choice)",
        response: { 200: z.object({ consent: consentSchema.nullable() }) },
      },
    },
    async (request, reply) => {
      const consent = consentOf(request);
      return reply
        .header('cache-control', 'private, no-store')
        .send({ consent: consent && flagsOf(consent) });
    },
  );

  r.put(
    '/store/consent',
    {
      schema: {
        tags,
        summary: 'Choose necessary only, personalisation and/or analytics; changeable at any time',
        body: z.strictObject({ personalisation: z.boolean(), analytics: z.boolean() }),
        response: { 200: z.object({ consent: consentSchema }) },
      },
    },
    async (request, reply) => {
      await applyConsentOnRequest(request, reply, request.body, 'api');
      return reply.header('cache-control', 'private, no-store').send({ consent: request.body });
    },
  );

  r.get(
    '/store/account/export',
    {
      schema: {
        tags,
        summary: 'Download every piece of data held about the signed-in shopper (JSON attachment)',
      },
    },
    async (request, reply) => {
      const customerId = requireCustomer(request);
      const data = await requestShopperDataExport(
        { db: app.deps.sql, rateLimiter: app.deps.rateLimiter },
        customerId,
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="lantern-my-data-${day}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  );

  r.post(
    '/store/account/delete',
    {
      schema: {
        tags,
        summary: 'Delete the account: personal data erased, orders kept anonymised',
        description:
          'Needs the current password, or for accounts without one a sign-in in the last 10 minutes. ' +
          '`confirm` must be true.',
        body: z.strictObject({ password: z.string().max(200).optional(), confirm: z.literal(true) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const customerId = await confirmReauthentication(
        { db: app.deps.sql, rateLimiter: app.deps.rateLimiter },
        {
          customerId: requireCustomer(request),
          sessionTokenHash: request.shopperSession!.tokenHash,
          password: request.body.password,
        },
      );
      await deleteAccount(app.deps.sql, customerId);
      for (const name of [SHOPPER_COOKIE, SHOPPER_KEY_COOKIE, CONSENT_COOKIE])
        reply.clearCookie(name, { path: '/' });
      request.shopperSession = null;
      return reply.code(204).header('cache-control', 'private, no-store').send(null);
    },
  );
}
