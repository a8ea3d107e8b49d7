/**
 * The checkout rate limits, shared by order placement and payment (`placeOrder`, payments'
 * `payOrder`): every door (the JSON API, the storefront form) reaches them through the use case,
 * so no door can skip them.
 */
import type { RateLimit, RateLimiter } from '../../app/rate-limit.ts';

/** Who is checking out, as plain keys: the session's token hash and the client's address. */
export interface CheckoutCaller {
  sessionKey: string;
  clientAddress: string;
}

/** Twenty attempts a minute per session; a looser bound per address (shared networks). */
export const CHECKOUT_LIMITS = {
  session: { name: 'checkout-session', max: 20, windowMs: 60_000 },
  client: { name: 'checkout-ip', max: 1_000, windowMs: 60_000 },
} as const satisfies Record<string, RateLimit>;

/** Counts one checkout or payment attempt; throws 429 `rate_limited` when over a limit. */
export async function limitCheckout(rateLimiter: RateLimiter, caller: CheckoutCaller): Promise<void> {
  await rateLimiter.hit(CHECKOUT_LIMITS.session, caller.sessionKey);
  await rateLimiter.hit(CHECKOUT_LIMITS.client, caller.clientAddress);
}
