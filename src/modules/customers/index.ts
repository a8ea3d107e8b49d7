/** The customers module's public surface: shopper accounts (registration confirmed by email), addresses, preferences, login by password or phone code. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { accountRoutes } from './http/account-routes.ts';
import { customersPersonalData } from './personal-data.ts';
import { customerJobs } from './purge-stale-login-codes.ts';

export type { AccountDeps } from './account-deps.ts';
export {
  ADDRESS_LIMITS,
  ADDRESS_PHONE,
  addressIssues,
  checkAddress,
  REQUIRED_ADDRESS_FIELDS,
} from './address-rules.ts';
export {
  type AdminCustomerFilter,
  type AdminCustomerRow,
  getCustomerForAdmin,
  listCustomersForAdmin,
} from './admin-customers.ts';
export { accountDepsOf } from './http/account-deps-of.ts';
export { findDataSubject, getPasswordHash } from './personal-data.ts';
export { confirmRegistration } from './use-cases/confirm-registration.ts';
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
export { logInWithCode } from './use-cases/log-in-with-code.ts';
export { type LogInWithPasswordInput, logInWithPassword } from './use-cases/log-in-with-password.ts';
export {
  REGISTRATION_LINK_HOURS,
  type RegisterCustomerInput,
  type RegistrationAnswer,
  registerCustomer,
} from './use-cases/register-customer.ts';
export { requestLoginCode } from './use-cases/request-login-code.ts';
export { type SaveAddressInput, saveAddress } from './use-cases/save-address.ts';
export { updatePreferences } from './use-cases/update-preferences.ts';
export { type UpdateProfileInput, updateProfile } from './use-cases/update-profile.ts';

/** What customers contributes to the shop: its tables, routes and jobs. */
export const customersModule: ModuleDefinition = {
  name: 'customers',
  migrations: migrationsBeside(import.meta.url),
  routes: [accountRoutes],
  jobs: customerJobs,
  personalData: customersPersonalData,
};
