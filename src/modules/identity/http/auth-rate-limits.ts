/**
 * Rate limits on logins and one-time codes, shared by the JSON API and the storefront forms.
 * Each function counts one attempt and throws a 429 `rate_limited` problem when over a limit.
 */
import type { FastifyRequest } from 'fastify';
import type { RateLimit } from '../../../app/rate-limit.ts';
import { normaliseEmail, normalisePhone } from '../account-rules.ts';

const MINUTE = 60_000;
const LIMITS = {
  loginByIp: { name: 'login-ip', max: 10, windowMs: MINUTE },
  loginByAccount: { name: 'login-account', max: 5, windowMs: MINUTE },
  registerByIp: { name: 'register-ip', max: 10, windowMs: 10 * MINUTE },
  codeByPhone: { name: 'code-phone', max: 1, windowMs: MINUTE },
  codeByPhoneHourly: { name: 'code-phone-hour', max: 5, windowMs: 60 * MINUTE },
  codeByIp: { name: 'code-ip', max: 10, windowMs: 10 * MINUTE },
  verifyByPhone: { name: 'code-verify-phone', max: 10, windowMs: 10 * MINUTE },
  sessionsByIp: { name: 'sessions-ip', max: 30, windowMs: MINUTE },
} satisfies Record<string, RateLimit>;

async function hit(request: FastifyRequest, limit: RateLimit, key: string) {
  await request.server.deps.rateLimiter.hit(limit, key);
}

/** A password login (shopper or staff): 10 a minute per IP, 5 a minute per account. */
export async function limitPasswordLogin(request: FastifyRequest, scope: 'shopper' | 'staff', email: string) {
  await hit(request, LIMITS.loginByIp, `${scope}:${request.ip}`);
  await hit(request, LIMITS.loginByAccount, `${scope}:${normaliseEmail(email)}`);
}

/** A registration: 10 per 10 minutes per IP. */
export async function limitRegistration(request: FastifyRequest) {
  await hit(request, LIMITS.registerByIp, request.ip);
}

/** A code request: 1 a minute and 5 an hour per phone, 10 per 10 minutes per IP. */
export async function limitCodeRequest(request: FastifyRequest, phone: string) {
  await hit(request, LIMITS.codeByIp, request.ip);
  await hit(request, LIMITS.codeByPhone, normalisePhone(phone));
  await hit(request, LIMITS.codeByPhoneHourly, normalisePhone(phone));
}

/** A code verification: 10 per 10 minutes per phone (each code also dies after 5 wrong tries). */
export async function limitCodeVerification(request: FastifyRequest, phone: string) {
  await hit(request, LIMITS.loginByIp, `code:${request.ip}`);
  await hit(request, LIMITS.verifyByPhone, normalisePhone(phone));
}

/** Opening a guest session through the API: 30 a minute per IP (each one is a stored row). */
export async function limitSessionCreation(request: FastifyRequest) {
  await hit(request, LIMITS.sessionsByIp, request.ip);
}
