/** The privacy module's public surface: consent, data export, account deletion. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { privacyRoutes } from './http/privacy-routes.ts';
import { privacyPersonalData } from './personal-data.ts';

export {
  applyConsent,
  type ConsentOutcome,
  carryConsentOnSignIn,
  rotateShopperKey,
} from './apply-consent.ts';
export { confirmReauthentication, RECENT_SIGN_IN_MS } from './confirm-reauthentication.ts';
export {
  allowsAny,
  CONSENT_COOKIE,
  type Consent,
  type ConsentSource,
  consentFromChoice,
  formatConsentCookie,
  type GivenConsent,
  parseConsentCookie,
} from './consent.ts';
export { deleteAccount } from './delete-account.ts';
export {
  EXPORT_LIMIT,
  exportShopperData,
  requestShopperDataExport,
  type ShopperDataExport,
} from './export-shopper-data.ts';
export {
  applyConsentOnRequest,
  carryConsentHook,
  consentOf,
  rotateShopperKeyHook,
} from './http/consent-cookies.ts';
export { privacyRoutes } from './http/privacy-routes.ts';
export { providePersonalData } from './personal-data-holders.ts';
export {
  type ConsentRecord,
  getCustomerConsent,
  latestConsentRecord,
  listConsentHistory,
  recordConsent,
} from './record-consent.ts';

/** What privacy contributes to the shop: its tables, routes and jobs. */
export const privacyModule: ModuleDefinition = {
  name: 'privacy',
  migrations: migrationsBeside(import.meta.url),
  routes: [privacyRoutes],
  personalData: privacyPersonalData,
};
