/**
 * Test values and builders for payments: the sandbox's good card, a guest's order awaiting payment
 * (placed through checkout), and the dependencies a payments use case takes, with the shop's
 * provider registry.
 */
import { randomUUID } from 'node:crypto';
import { freePort } from '../../../test/free-port.ts';
import { loadConfig } from '../../app/config.ts';
import type { Sql } from '../../app/database.ts';
import { createMemoryRateLimiter } from '../../app/rate-limit.ts';
import { buildGuestWithCart } from '../cart/testing.ts';
import { placeOrder } from '../checkout/index.ts';
import { SHANGHAI_ADDRESS } from '../checkout/testing.ts';
import { buildStockedVariant } from '../inventory/testing.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { createPaymentProviders, type PaymentsDeps, paymentProviderRegistry } from './payment-providers.ts';

/** The sandbox's always-succeeding test card. */
export const GOOD_CARD = {
  number: '4242 4242 4242 4242',
  expMonth: 12,
  expYear: 2099,
  cvc: '123',
  holder: 'Li Lei',
};

/** A placed guest order of one unit at ¥120.00 (plus delivery), awaiting payment. */
export async function buildOrderAwaitingPayment(
  sql: Sql,
): Promise<{ orderId: string; accessToken: string; totalMinor: number }> {
  const { variantId } = await buildStockedVariant(sql, { stock: [5], priceMinor: 12_000 });
  const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
  const placed = await placeOrder(
    { db: sql, rateLimiter: createMemoryRateLimiter() },
    {
      owner: { sessionTokenHash: guest.tokenHash },
      customerId: null,
      caller: { sessionKey: guest.tokenHash, clientAddress: '127.0.0.1' },
      email: 'guest@example.com',
      phone: '13800138000',
      address: SHANGHAI_ADDRESS,
      deliveryOption: 'standard',
      locale: 'zh-CN',
      idempotencyKey: randomUUID(),
    },
  );
  return { orderId: placed.orderId, accessToken: placed.accessToken, totalMinor: placed.total.amountMinor };
}

/**
 * Payments dependencies on `sql` with the sandbox registry. Its gateway calls the shop back at
 * `publicUrl`; by default a local port nothing listens on, so no callback arrives unless a test
 * delivers it.
 */
export async function buildPaymentsDeps(
  sql: Sql,
  options: { publicUrl?: string } = {},
): Promise<PaymentsDeps & { secret: string }> {
  const publicUrl = options.publicUrl ?? `http://127.0.0.1:${await freePort()}`;
  const config = { ...loadConfig({}), publicUrl };
  return {
    sql,
    paymentProviders: createPaymentProviders({ sql, config }),
    secret: config.sandboxPaymentSecret,
  };
}

/** `deps` with `provider` (typically a wrapper around the sandbox one) as the only provider. */
export function withProvider(deps: PaymentsDeps, provider: PaymentProvider): PaymentsDeps {
  return {
    sql: deps.sql,
    paymentProviders: paymentProviderRegistry([provider], deps.paymentProviders.sandboxGateway),
  };
}
