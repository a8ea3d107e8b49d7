/**
 * Test helpers for privacy and behaviour events: the whole app with the privacy and beacon routes
 * (added here until they are listed in `src/app/routes.ts`), and a tiny cookie jar for `inject`.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { loadConfig } from '../../app/config.ts';
import type { Sql } from '../../app/database.ts';
import { buildApp } from '../../app/http.ts';
import { createMemoryRateLimiter } from '../../app/rate-limit.ts';
import { moduleRoutes, notFoundPage } from '../../app/routes.ts';
import { behaviourEventRoutes } from '../recommendations/index.ts';
import { privacyRoutes } from './http/privacy-routes.ts';

/** The app on a fresh test database, with the privacy and beacon routes registered once. */
export async function createPrivacyTestApp(): Promise<{ app: FastifyInstance; sql: Sql }> {
  const { sql, url } = await createTestDatabase();
  const config = { ...loadConfig({}), databaseUrl: url, seedDemo: false };
  const extra = [behaviourEventRoutes, privacyRoutes].filter((r) => !moduleRoutes.includes(r));
  const app = await buildApp(
    { sql, config, rateLimiter: createMemoryRateLimiter() },
    { routes: [...moduleRoutes, ...extra], notFoundPage },
  );
  afterAll(() => app.close());
  return { app, sql };
}

/** Cookies of one simulated browser: `store` keeps what responses set, `header` sends them back. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Remembers (or forgets, when cleared) the cookies a response sets; returns the response. */
  store(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now());
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  /** The `cookie` request header. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
