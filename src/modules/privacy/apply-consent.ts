/**
 * Consent choices as plain use cases: what to record, which flags the behaviour-events module
 * enforces on the visitor's shopper key, and what the door must put in the cookies. The shopper
 * key is only minted once the shopper allows something; "necessary only" sets no identifier.
 */
import type { Db } from '../../app/database.ts';
import { linkShopperKey, newShopperKey, setShopperConsent } from '../recommendations/index.ts';
import { allowsAny, type Consent, type ConsentSource, type GivenConsent } from './consent.ts';
import { latestConsentRecord, recordConsent } from './record-consent.ts';

/** What the door sets after a consent change: the choice (with its time) and the shopper key to store, if any. */
export interface ConsentOutcome {
  consent: GivenConsent;
  /** A shopper key for the `lantern_vid` cookie, or null to leave the cookie as it is. */
  shopperKey: string | null;
}

/** Saves `consent` for this visitor (and their account when `customerId` is given). */
export async function applyConsent(
  db: Db,
  input: { customerId: string | null; visitorKey: string | null; consent: Consent; source: ConsentSource },
): Promise<ConsentOutcome> {
  const { customerId, visitorKey, consent } = input;
  if (customerId) {
    const givenAt = await recordConsent(db, customerId, consent, input.source);
    const key = await linkShopperKey(db, visitorKey, customerId);
    await setShopperConsent(db, key, consent);
    return { consent: { ...consent, givenAt }, shopperKey: allowsAny(consent) ? key : null };
  }
  const minted = allowsAny(consent) && !visitorKey ? newShopperKey() : null;
  const key = minted ?? visitorKey;
  if (key) await setShopperConsent(db, key, consent);
  return { consent: { ...consent, givenAt: new Date() }, shopperKey: minted };
}

/**
 * At sign-in: the visitor's behaviour joins the account's shopper key, and the most recent
 * explicit choice wins: the cookie's, when it was given after the account's latest record (it
 * is then recorded on the account with its own time), else the account's. A cookie without a
 * time counts as older than any record. Returns the choice to put in the cookie (null: none yet).
 */
export async function carryConsentOnSignIn(
  db: Db,
  input: { customerId: string; visitorKey: string | null; cookieConsent: GivenConsent | null },
): Promise<{ consent: GivenConsent | null; shopperKey: string }> {
  const key = await linkShopperKey(db, input.visitorKey, input.customerId);
  const fromCookie = input.cookieConsent;
  const onAccount = await latestConsentRecord(db, input.customerId);
  let consent: GivenConsent | null = onAccount && { ...onAccount, givenAt: onAccount.createdAt };
  if (fromCookie && (!onAccount || (fromCookie.givenAt && fromCookie.givenAt > onAccount.createdAt))) {
    const givenAt = await recordConsent(
      db,
      input.customerId,
      fromCookie,
      'sign_in',
      fromCookie.givenAt ?? undefined,
    );
    consent = { ...fromCookie, givenAt };
  }
  if (consent) await setShopperConsent(db, key, consent);
  return { consent, shopperKey: key };
}

/**
 * At sign-out the browser stops being the account's: a fresh anonymous key carrying the cookie's
 * choice (null when the choice allows nothing, and the key cookie should go).
 */
export async function rotateShopperKey(db: Db, consent: Consent | null): Promise<string | null> {
  if (!consent || !allowsAny(consent)) return null;
  const key = newShopperKey();
  await setShopperConsent(db, key, consent);
  return key;
}
