/**
 * Privacy in the storefront: POST /consent (the banner and the privacy page; works without
 * JavaScript), GET /privacy, and the account deletion form. The JSON API (export, delete,
 * consent) lives in the privacy module.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import { safeLocalPath } from '../../app/safe-redirect.ts';
import { SHOPPER_COOKIE } from '../../modules/identity/index.ts';
import {
  applyConsentOnRequest,
  CONSENT_COOKIE,
  type Consent,
  confirmReauthentication,
  consentFromChoice,
  deleteAccount,
} from '../../modules/privacy/index.ts';
import { SHOPPER_KEY_COOKIE } from '../../modules/recommendations/index.ts';
import { problemText } from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formFields } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import {
  renderAccountDeletedPage,
  renderDeleteAccountPage,
  renderPrivacyPage,
} from './pages/privacy-pages.ts';

/** The choice of the banner's buttons, or the privacy page's checkboxes (`choice=custom`). */
function consentOfForm(fields: Record<string, string>): Consent | null {
  const choice = fields.choice;
  if (choice === 'necessary' || choice === 'personalisation' || choice === 'all')
    return consentFromChoice(choice);
  if (choice === 'custom')
    return { personalisation: fields.personalisation === '1', analytics: fields.analytics === '1' };
  return null;
}

/** Registers /consent, /privacy and /account/delete. */
export async function privacyPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;

  app.post('/consent', { schema: { hide: true } }, async (request, reply) => {
    const fields = formFields(request);
    const consent = consentOfForm(fields);
    if (consent) {
      const source = fields.choice === 'custom' ? 'privacy_page' : 'banner';
      await applyConsentOnRequest(request, reply, consent, source);
    }
    return reply.header('cache-control', 'private, no-store').redirect(safeLocalPath(fields.returnTo), 303);
  });

  app.get<{ Querystring: { saved?: string } }>(
    '/privacy',
    { schema: { hide: true } },
    async (request, reply) => {
      const ctx = await pageContextOf(request);
      return sendPage(request, reply, renderPrivacyPage(ctx, request.query.saved === '1'), {
        personal: true,
      });
    },
  );

  const signInFirst = (reply: FastifyReply) =>
    reply.header('cache-control', 'private, no-store').redirect('/login?next=%2Faccount%2Fdelete', 303);

  app.get('/account/delete', { schema: { hide: true } }, async (request, reply) => {
    if (!request.shopperSession?.customerId) return signInFirst(reply);
    return sendPage(request, reply, renderDeleteAccountPage(await pageContextOf(request)), {
      personal: true,
    });
  });

  app.post('/account/delete', { schema: { hide: true } }, async (request, reply) => {
    if (!request.shopperSession?.customerId) return signInFirst(reply);
    const fields = formFields(request);
    try {
      if (fields.confirm !== '1')
        throw new DomainError('confirmation_required', 400, 'Tick the box to confirm.');
      const customerId = await confirmReauthentication(
        { db, rateLimiter: app.deps.rateLimiter },
        {
          customerId: request.shopperSession.customerId,
          sessionTokenHash: request.shopperSession.tokenHash,
          password: fields.password || undefined,
        },
      );
      await deleteAccount(db, customerId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 429) throw error;
      return showDeleteError(request, reply, error);
    }
    for (const name of [SHOPPER_COOKIE, SHOPPER_KEY_COOKIE, CONSENT_COOKIE]) {
      reply.clearCookie(name, { path: '/' });
      delete request.cookies[name];
    }
    request.shopperSession = null;
    return sendPage(request, reply, renderAccountDeletedPage(await pageContextOf(request)), {
      personal: true,
    });
  });
}

async function showDeleteError(request: FastifyRequest, reply: FastifyReply, error: DomainError) {
  const ctx = await pageContextOf(request);
  const message = problemText(preferencesOf(request).locale, error);
  return sendPage(request, reply, renderDeleteAccountPage(ctx, message), {
    personal: true,
    status: error.status,
  });
}
