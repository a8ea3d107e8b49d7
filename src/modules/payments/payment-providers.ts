/**
 * The payment provider registry, built once at start from configuration by the composition root
 * and handed to routes and jobs as `deps.paymentProviders`. Use cases pick the provider for a
 * method (or, for a refund, the one that took the money) here, never from a default argument.
 */
import type { Config } from '../../app/config.ts';
import type { Db, Sql } from '../../app/database.ts';
import type { RateLimiter } from '../../app/rate-limit.ts';
import type { PaymentMethod, PaymentProvider } from './payment-provider.ts';
import { createSandboxGateway, type SandboxGateway } from './sandbox/sandbox-gateway.ts';
import { createSandboxPaymentProvider } from './sandbox/sandbox-payment-provider.ts';

export interface PaymentProviders {
  /** The provider that takes `method`. */
  forMethod(method: PaymentMethod): PaymentProvider;
  /** The provider a payment was made with, by the name recorded on it. */
  named(name: string): PaymentProvider;
  /** The sandbox gateway's own side: its payer pages and callback retries use it. */
  readonly sandboxGateway: SandboxGateway;
}

declare module '../../app/http.ts' {
  interface AppDeps {
    /**
     * Always set by the composition root (`createLanternDeps`); optional only so the platform can
     * build its own dependencies without knowing about modules.
     */
    paymentProviders?: PaymentProviders;
  }
}

/** What a payments use case needs: the database and the registry. */
export interface PaymentsDeps {
  sql: Db;
  paymentProviders: PaymentProviders;
  /** Counts shoppers' payment attempts (`payOrder` with a `caller`) against the checkout limits. */
  rateLimiter?: RateLimiter;
}

/** The payments dependencies of the app's `deps` (routes and jobs call this). */
export function paymentsDepsOf(deps: {
  sql: Db;
  paymentProviders?: PaymentProviders;
  rateLimiter?: RateLimiter;
}): PaymentsDeps {
  if (!deps.paymentProviders)
    throw new Error('no payment provider registry: build the dependencies with createLanternDeps');
  return { sql: deps.sql, paymentProviders: deps.paymentProviders, rateLimiter: deps.rateLimiter };
}

/** A registry over `providers` (the first one taking a method wins). */
export function paymentProviderRegistry(
  providers: PaymentProvider[],
  sandboxGateway: SandboxGateway,
): PaymentProviders {
  return {
    forMethod(method) {
      const provider = providers.find((p) => p.methods.includes(method));
      if (!provider) throw new Error(`no payment provider takes ${method}`);
      return provider;
    },
    named(name) {
      const provider = providers.find((p) => p.name === name);
      if (!provider) throw new Error(`the payment provider "${name}" is not configured`);
      return provider;
    },
    sandboxGateway,
  };
}

/**
 * The shop's providers from its configuration. Today that is the sandbox alone: its gateway sends
 * callbacks to `PUBLIC_URL`, signed with `SANDBOX_PAYMENT_SECRET`.
 */
export function createPaymentProviders(input: {
  sql: Sql;
  config: Pick<Config, 'publicUrl' | 'sandboxPaymentSecret'>;
}): PaymentProviders {
  const secret = input.config.sandboxPaymentSecret;
  const gateway = createSandboxGateway({
    sql: input.sql,
    secret,
    callbackUrl: new URL('/store/payments/callbacks/sandbox', input.config.publicUrl).toString(),
  });
  return paymentProviderRegistry([createSandboxPaymentProvider({ gateway, secret })], gateway);
}
