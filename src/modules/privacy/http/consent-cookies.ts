/**
 * The Fastify glue of consent: reading and writing the `lantern_consent` and `lantern_vid`
 * cookies around the plain use cases of `apply-consent.ts`, and the sign-in and sign-out hooks.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ShopperSignIn } from '../../identity/index.ts';
import { SHOPPER_KEY_COOKIE, setShopperKeyCookie, shopperKeyOf } from '../../recommendations/index.ts';
import { applyConsent, carryConsentOnSignIn, rotateShopperKey } from '../apply-consent.ts';
import {
  CONSENT_COOKIE,
  CONSENT_COOKIE_MAX_AGE_SECONDS,
  type Consent,
  type ConsentSource,
  flagsOf,
  formatConsentCookie,
  type GivenConsent,
  parseConsentCookie,
} from '../consent.ts';

/** This request's choice from its cookie (with when it was given), or null before the first choice. */
export function consentOf(request: FastifyRequest): GivenConsent | null {
  return parseConsentCookie(request.cookies[CONSENT_COOKIE]);
}

/** Stores the choice in the cookie (and on the request, so this response already reflects it). */
function setConsentCookie(request: FastifyRequest, reply: FastifyReply, consent: GivenConsent) {
  const value = formatConsentCookie(consent, consent.givenAt ?? new Date());
  reply.setCookie(CONSENT_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.deps.config.secureCookies,
    maxAge: CONSENT_COOKIE_MAX_AGE_SECONDS,
  });
  request.cookies[CONSENT_COOKIE] = value;
}

/** Saves a choice made on this request (banner, privacy page, API) and sets the cookies. */
export async function applyConsentOnRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  consent: Consent,
  source: ConsentSource,
): Promise<void> {
  const outcome = await applyConsent(request.server.deps.sql, {
    customerId: request.shopperSession?.customerId ?? null,
    visitorKey: shopperKeyOf(request),
    consent: flagsOf(consent),
    source,
  });
  setConsentCookie(request, reply, outcome.consent);
  if (outcome.shopperKey) setShopperKeyCookie(request, reply, outcome.shopperKey);
}

/** The sign-in hook: the most recent choice wins and goes in the cookie; the key joins the account. */
export async function carryConsentHook(request: FastifyRequest, reply: FastifyReply, signIn: ShopperSignIn) {
  const { consent, shopperKey } = await carryConsentOnSignIn(request.server.deps.sql, {
    customerId: signIn.customerId,
    visitorKey: shopperKeyOf(request),
    cookieConsent: consentOf(request),
  });
  if (!consent) return;
  setConsentCookie(request, reply, consent);
  if (consent.personalisation || consent.analytics) setShopperKeyCookie(request, reply, shopperKey);
}

/** The sign-out hook: a fresh anonymous key (or none), so the next person's behaviour never joins the account. */
export async function rotateShopperKeyHook(request: FastifyRequest, reply: FastifyReply) {
  delete request.cookies[SHOPPER_KEY_COOKIE];
  const key = await rotateShopperKey(request.server.deps.sql, consentOf(request));
  if (key) setShopperKeyCookie(request, reply, key);
  else reply.clearCookie(SHOPPER_KEY_COOKIE, { path: '/' });
}
