/** Test helpers for privacy and behaviour events: the whole app, and a tiny cookie jar for `inject`. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp } from '../../../test/support.ts';
import type { Sql } from '../../app/database.ts';

/** The whole app on a fresh test database, with the development outbox (registration links). */
export async function createPrivacyTestApp(): Promise<{ app: FastifyInstance; sql: Sql }> {
  const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });
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
