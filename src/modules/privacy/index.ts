/** The privacy module's public surface: consent, data export, account deletion. */
export { applyConsent, carryConsentOnSignIn, rotateShopperKeyOnSignOut } from './apply-consent.ts';
export { confirmReauthentication, RECENT_SIGN_IN_MS } from './confirm-reauthentication.ts';
export {
  CONSENT_COOKIE,
  type Consent,
  type ConsentSource,
  consentFromChoice,
  consentOf,
  formatConsentCookie,
  parseConsentCookie,
} from './consent.ts';
export { deleteAccount } from './delete-account.ts';
export { exportShopperData, type ShopperDataExport } from './export-shopper-data.ts';
export { privacyRoutes } from './http/privacy-routes.ts';
export {
  type ConsentRecord,
  getCustomerConsent,
  listConsentHistory,
  recordConsent,
} from './record-consent.ts';
