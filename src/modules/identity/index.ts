/**
 * The identity module's public surface: who is asking. Staff accounts, the sessions of shoppers
 * and staff, request authentication and CSRF, password hashing, password sign-in throttling and
 * known devices, the rate limits of codes and registrations, sign-in and sign-out hooks. It is the bottom layer: it imports no other module.
 */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { requestAuth } from './http/request-auth.ts';
import { staffAuthRoutes } from './http/staff-auth-routes.ts';
import { identityJobs } from './identity-jobs.ts';
import { identityPersonalData } from './personal-data.ts';

export {
  isValidEmail,
  isValidPhone,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  normaliseEmail,
  normalisePhone,
} from './account-rules.ts';
export {
  AUTH_LIMITS,
  limitCodeRequest,
  limitCodeVerification,
  limitRegistration,
  limitSessionCreation,
} from './auth-limits.ts';
export { clientAddressKey } from './client-address.ts';
export { DEVICE_COOKIE, deviceTokenOf, rememberDeviceOnSignIn } from './http/device-cookie.ts';
export { logOutStaff } from './http/log-out-staff.ts';
export {
  ensureShopperSession,
  requestAuth,
  requireCustomer,
  requireStaff,
  SHOPPER_COOKIE,
  STAFF_COOKIE,
  sessionCookieOptions,
} from './http/request-auth.ts';
export {
  onShopperSignIn,
  onShopperSignOut,
  type ShopperSignIn,
  type ShopperSignInHook,
} from './http/shopper-sign-in-hooks.ts';
export { signInShopper } from './http/sign-in-shopper.ts';
export { signInStaff } from './http/sign-in-staff.ts';
export { signOutShopper } from './http/sign-out-shopper.ts';
export { staffAuthRoutes } from './http/staff-auth-routes.ts';
export { invalidCredentials } from './identity-errors.ts';
export { identityJobs } from './identity-jobs.ts';
export {
  forgetAccountDevices,
  isKnownDevice,
  KNOWN_DEVICE_DAYS,
  rememberDevice,
} from './known-devices.ts';
export { accountKeyOf, LOGIN_LIMITS, type PasswordAttempt, verifyPasswordAttempt } from './login-throttle.ts';
export {
  hashPassword,
  PASSWORD_HASH_OPTIONS,
  passwordHashes,
  passwordVerifications,
  setPasswordHashCostForTests,
  verifyPassword,
} from './passwords.ts';
export { getSessionAge, listSessionMetadata, type SessionMetadata } from './personal-data.ts';
export { purgeLoginThrottle } from './purge-login-throttle.ts';
export {
  createSession,
  findSession,
  hashToken,
  revokeCustomerSessions,
  revokeSession,
  type Session,
  SHOPPER_SESSION_DAYS,
  type StaffRole,
} from './sessions.ts';
export { type LogInStaffInput, logInStaff } from './use-cases/log-in-staff.ts';
export { openGuestSession } from './use-cases/open-guest-session.ts';

/** What identity contributes to the shop: its tables, routes and jobs. */
export const identityModule: ModuleDefinition = {
  name: 'identity',
  migrations: migrationsBeside(import.meta.url),
  routes: [requestAuth, staffAuthRoutes],
  jobs: identityJobs,
  personalData: identityPersonalData,
};
