/**
 * The shopper's consent: "necessary only" (both off), personalisation (recommendations from their
 * own behaviour) and analytics (measurement: impressions, experiments, aggregate counts). Guests
 * keep it in the `lantern_consent` cookie, which also says when it was given, so that at sign-in
 * the more recent of the cookie's and the account's choice wins; customers also in `consents`.
 */

export interface Consent {
  personalisation: boolean;
  analytics: boolean;
}

/** A choice and when it was made (null for a cookie from before times were kept). */
export interface GivenConsent extends Consent {
  givenAt: Date | null;
}

export type ConsentSource = 'banner' | 'privacy_page' | 'sign_in' | 'api';

export const CONSENT_COOKIE = 'lantern_consent';
export const CONSENT_COOKIE_MAX_AGE_SECONDS = 365 * 86_400;

/**
 * Parses the cookie value `v2.<p>.<a>.<unix seconds>` (or the older `v1.<p>.<a>`, time unknown);
 * null when no valid choice was made. A time in the future counts as now.
 */
export function parseConsentCookie(value: string | undefined, now = new Date()): GivenConsent | null {
  const match = value?.match(/^v(?:1\.([01])\.([01])|2\.([01])\.([01])\.(\d{1,12}))$/);
  if (!match) return null;
  const [p, a] = match[1] !== undefined ? [match[1], match[2]] : [match[3], match[4]];
  const givenAt = match[5] === undefined ? null : new Date(Math.min(Number(match[5]) * 1000, now.getTime()));
  return { personalisation: p === '1', analytics: a === '1', givenAt };
}

/** The cookie value for a choice made at `givenAt`. */
export function formatConsentCookie(consent: Consent, givenAt: Date): string {
  const seconds = Math.floor(givenAt.getTime() / 1000);
  return `v2.${consent.personalisation ? 1 : 0}.${consent.analytics ? 1 : 0}.${seconds}`;
}

/** Turns a form's or API's choice word into a consent. */
export function consentFromChoice(choice: 'necessary' | 'personalisation' | 'all'): Consent {
  return { personalisation: choice !== 'necessary', analytics: choice === 'all' };
}

/** True when the choice allows any tracking (and so a shopper key). */
export function allowsAny(consent: Consent): boolean {
  return consent.personalisation || consent.analytics;
}

/** Just the two flags. */
export function flagsOf(consent: Consent): Consent {
  return { personalisation: consent.personalisation, analytics: consent.analytics };
}
