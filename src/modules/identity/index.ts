/**
 * The identity module's public surface: who is asking. Staff accounts, the sessions of shoppers
 * and staff, request authentication and CSRF, password hashing, login rate limits, sign-in and
 * sign-out hooks. It is the bottom layer: it imports no other module.
 */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { requestAuth } from './http/request-auth.ts';
import { staffAuthRoutes } from './http/staff-auth-routes.ts';
import { identityJobs } from './identity-jobs.ts';

export {
  isValidEmail,
  isValidPhone,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  normaliseEmail,
  normalisePhone,
} from './account-rules.ts';
export {
  limitCodeRequest,
  limitCodeVerification,
  limitPasswordLogin,
  limitRegistration,
  limitSessionCreation,
} from './http/auth-rate-limits.ts';
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
export { signOutShopper } from './http/sign-out-shopper.ts';
export { staffAuthRoutes } from './http/staff-auth-routes.ts';
export { invalidCredentials } from './identity-errors.ts';
export { identityJobs } from './identity-jobs.ts';
export { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts';
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
export { logInStaff } from './use-cases/log-in-staff.ts';

/** What identity contributes to the shop: its tables, routes and jobs. */
export const identityModule: ModuleDefinition = {
  name: 'identity',
  migrations: migrationsBeside(import.meta.url),
  routes: [requestAuth, staffAuthRoutes],
  jobs: identityJobs,
};
