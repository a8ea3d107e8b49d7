/**
 * Applies a consent choice on a request: the cookie, the customer's history, and the flags the
 * behaviour-events module enforces on the visitor's shopper key. The shopper key cookie is only
 * minted once the shopper allows something; "necessary only" sets no identifier at all.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ShopperSignIn } from '../identity/index.ts';
import {
  ensureShopperKey,
  linkShopperKey,
  SHOPPER_KEY_COOKIE,
  setShopperConsent,
  setShopperKeyCookie,
  shopperKeyOf,
} from '../recommendations/index.ts';
import { type Consent, type ConsentSource, consentOf, setConsentCookie } from './consent.ts';
import { getCustomerConsent, recordConsent } from './record-consent.ts';

const allowsAny = (c: Consent) => c.personalisation || c.analytics;

/** Saves `consent` for this visitor (and their account when signed in). */
export async function applyConsent(
  request: FastifyRequest,
  reply: FastifyReply,
  consent: Consent,
  source: ConsentSource,
): Promise<void> {
  const db = request.server.deps.sql;
  setConsentCookie(request, reply, consent);
  const customerId = request.shopperSession?.customerId ?? null;
  if (customerId) {
    await recordConsent(db, customerId, consent, source);
    const key = await linkShopperKey(db, shopperKeyOf(request), customerId);
    await setShopperConsent(db, key, consent);
    if (allowsAny(consent)) setShopperKeyCookie(request, reply, key);
    return;
  }
  const key = allowsAny(consent) ? ensureShopperKey(request, reply) : shopperKeyOf(request);
  if (key) await setShopperConsent(db, key, consent);
}

/**
 * At sign-in: the visitor's behaviour joins the account's shopper key, and the account's latest
 * choice wins over the cookie's (a choice made as a guest is kept when the account has none).
 */
export async function carryConsentOnSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  { customerId }: ShopperSignIn,
) {
  const db = request.server.deps.sql;
  const key = await linkShopperKey(db, shopperKeyOf(request), customerId);
  const fromCookie = consentOf(request);
  let consent = await getCustomerConsent(db, customerId);
  if (!consent && fromCookie) {
    await recordConsent(db, customerId, fromCookie, 'sign_in');
    consent = fromCookie;
  }
  if (!consent) return;
  setConsentCookie(request, reply, consent);
  await setShopperConsent(db, key, consent);
  if (allowsAny(consent)) setShopperKeyCookie(request, reply, key);
}

/**
 * At sign-out the browser stops being the account's: a fresh anonymous key with the cookie's
 * choice, so what the next person on a shared computer does never joins the account.
 */
export async function rotateShopperKeyOnSignOut(request: FastifyRequest, reply: FastifyReply) {
  const consent = consentOf(request);
  delete request.cookies[SHOPPER_KEY_COOKIE];
  if (!consent || !allowsAny(consent)) {
    reply.clearCookie(SHOPPER_KEY_COOKIE, { path: '/' });
    return;
  }
  const key = ensureShopperKey(request, reply);
  await setShopperConsent(request.server.deps.sql, key, consent);
}
