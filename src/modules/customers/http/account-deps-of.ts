/** The account use cases' dependencies from the app, for the JSON API and the storefront pages. */
import type { FastifyInstance } from 'fastify';
import type { AccountDeps } from '../account-deps.ts';

/** The app's database, notifier, rate limiter and PUBLIC_URL. */
export function accountDepsOf(app: FastifyInstance): AccountDeps {
  return {
    db: app.deps.sql,
    notifier: app.notifier,
    rateLimiter: app.deps.rateLimiter,
    publicUrl: app.deps.config.publicUrl,
  };
}
