/**
 * The shopper's consent: "necessary only" (both off), personalisation (recommendations from their
 * own behaviour) and analytics (measurement: impressions, experiments, aggregate counts). Guests
 * keep it in the `lantern_consent` cookie; customers also in the `consents` history.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Consent {
  personalisation: boolean;
  analytics: boolean;
}

export type ConsentSource = 'banner' | 'privacy_page' | 'sign_in' | 'api';

export const CONSENT_COOKIE = 'lantern_consent';
const ONE_YEAR_SECONDS = 365 * 86_400;

/** Parses the cookie value `v1.<p>.<a>` (0 or 1 each); null when no valid choice was made. */
export function parseConsentCookie(value: string | undefined): Consent | null {
  const match = value?.match(/^v1\.([01])\.([01])$/);
  if (!match) return null;
  return { personalisation: match[1] === '1', analytics: match[2] === '1' };
}

/** The cookie value for a choice. */
export function formatConsentCookie(consent: Consent): string {
  return `v1.${consent.personalisation ? 1 : 0}.${consent.analytics ? 1 : 0}`;
}

/** This request's choice from its cookie, or null before the first choice. */
export function consentOf(request: FastifyRequest): Consent | null {
  return parseConsentCookie(request.cookies[CONSENT_COOKIE]);
}

/** Stores the choice in the cookie (and on the request, so this response already reflects it). */
export function setConsentCookie(request: FastifyRequest, reply: FastifyReply, consent: Consent) {
  const value = formatConsentCookie(consent);
  reply.setCookie(CONSENT_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.deps.config.secureCookies,
    maxAge: ONE_YEAR_SECONDS,
  });
  request.cookies[CONSENT_COOKIE] = value;
}

/** Turns a form's or API's choice word into a consent. */
export function consentFromChoice(choice: 'necessary' | 'personalisation' | 'all'): Consent {
  return { personalisation: choice !== 'necessary', analytics: choice === 'all' };
}
