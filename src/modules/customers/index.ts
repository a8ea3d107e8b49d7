/** The customers module's public surface: sessions, request authentication, accounts, staff login. */

export { isValidEmail, isValidPhone, normaliseEmail, normalisePhone } from './account-rules.ts';
export {
  type AdminCustomerFilter,
  type AdminCustomerRow,
  getCustomerForAdmin,
  listCustomersForAdmin,
} from './admin-customers.ts';
export {
  limitCodeRequest,
  limitCodeVerification,
  limitPasswordLogin,
  limitRegistration,
  limitSessionCreation,
} from './auth-rate-limits.ts';
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
export { onShopperSignIn, onShopperSignOut } from './shopper-sign-in-hooks.ts';
export { deleteAddress } from './use-cases/delete-address.ts';
export { type Address, type AddressFields, getAddress } from './use-cases/get-address.ts';
export {
  type CustomerProfile,
  type Density,
  getCustomerProfile,
  type Locale,
  type Preferences,
  type Theme,
} from './use-cases/get-customer-profile.ts';
export { listAddresses } from './use-cases/list-addresses.ts';
export { logInStaff } from './use-cases/log-in-staff.ts';
export { logInWithCode } from './use-cases/log-in-with-code.ts';
export { invalidCredentials, logInWithPassword } from './use-cases/log-in-with-password.ts';
export { logOutStaff } from './use-cases/log-out-staff.ts';
export { type RegisterCustomerInput, registerCustomer } from './use-cases/register-customer.ts';
export { requestLoginCode } from './use-cases/request-login-code.ts';
export { type SaveAddressInput, saveAddress } from './use-cases/save-address.ts';
export { signInShopper } from './use-cases/sign-in-shopper.ts';
export { signOutShopper } from './use-cases/sign-out-shopper.ts';
export { updatePreferences } from './use-cases/update-preferences.ts';
export { type UpdateProfileInput, updateProfile } from './use-cases/update-profile.ts';
