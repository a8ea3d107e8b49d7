/**
 * Rate limits on one-time codes, registrations and guest sessions, called by the use cases with
 * plain keys (the client's address, the phone). Password sign-in has its own, stored limits
 * (`login-throttle.ts`). Each function counts one attempt and throws a 429 `rate_limited` problem
 * when over a limit.
 */
import type { RateLimit, RateLimiter } from '../../app/rate-limit.ts';
import { normaliseEmail, normalisePhone } from './account-rules.ts';
import { clientAddressKey } from './client-address.ts';

const MINUTE = 60_000;
export const AUTH_LIMITS = {
  registerByIp: { name: 'register-ip', max: 10, windowMs: 10 * MINUTE },
  registerByEmail: { name: 'register-email', max: 5, windowMs: 60 * MINUTE },
  codeByPhone: { name: 'code-phone', max: 1, windowMs: MINUTE },
  codeByPhoneHourly: { name: 'code-phone-hour', max: 5, windowMs: 60 * MINUTE },
  codeByIp: { name: 'code-ip', max: 10, windowMs: 10 * MINUTE },
  verifyByIp: { name: 'code-verify-ip', max: 10, windowMs: MINUTE },
  verifyByPhone: { name: 'code-verify-phone', max: 10, windowMs: 10 * MINUTE },
  sessionsByIp: { name: 'sessions-ip', max: 30, windowMs: MINUTE },
} satisfies Record<string, RateLimit>;

/**
 * A registration: 10 per 10 minutes per client address, and 5 an hour per email address (each
 * sends that address an email, whether or not it has an account).
 */
export async function limitRegistration(limiter: RateLimiter, input: { ip: string; email: string }) {
  await limiter.hit(AUTH_LIMITS.registerByIp, clientAddressKey(input.ip));
  await limiter.hit(AUTH_LIMITS.registerByEmail, normaliseEmail(input.email));
}

/** A code request: 1 a minute and 5 an hour per phone, 10 per 10 minutes per address. */
export async function limitCodeRequest(limiter: RateLimiter, input: { ip: string; phone: string }) {
  const phone = normalisePhone(input.phone);
  await limiter.hit(AUTH_LIMITS.codeByIp, clientAddressKey(input.ip));
  await limiter.hit(AUTH_LIMITS.codeByPhone, phone);
  await limiter.hit(AUTH_LIMITS.codeByPhoneHourly, phone);
}

/** A code check: 10 a minute per address, 10 per 10 minutes per phone (a code also dies after 5 wrong tries). */
export async function limitCodeVerification(limiter: RateLimiter, input: { ip: string; phone: string }) {
  await limiter.hit(AUTH_LIMITS.verifyByIp, clientAddressKey(input.ip));
  await limiter.hit(AUTH_LIMITS.verifyByPhone, normalisePhone(input.phone));
}

/** Opening a guest session through the API: 30 a minute per address (each one is a stored row). */
export async function limitSessionCreation(limiter: RateLimiter, input: { ip: string }) {
  await limiter.hit(AUTH_LIMITS.sessionsByIp, clientAddressKey(input.ip));
}
