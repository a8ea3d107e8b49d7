/** The customers module's public surface: sessions, request authentication, accounts. */

export {
  ensureShopperSession,
  requestAuth,
  requireCustomer,
  requireStaff,
  SHOPPER_COOKIE,
  STAFF_COOKIE,
  sessionCookieOptions,
} from './http/request-auth.ts';
export { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts';
export {
  createSession,
  findSession,
  hashToken,
  revokeCustomerSessions,
  revokeSession,
  type Session,
  type StaffRole,
} from './sessions.ts';
