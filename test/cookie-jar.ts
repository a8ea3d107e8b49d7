/** A tiny cookie jar for `app.inject`: one simulated browser's cookies across requests. */
import type { LightMyRequestResponse } from 'fastify';

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
