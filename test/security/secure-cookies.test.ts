/**
 * Issue 7: session cookies lacked `Secure` unless SECURE_COOKIES was set by hand. Now `Secure`
 * follows PUBLIC_URL: a shop reached over https marks every cookie it sets Secure; one on
 * http://localhost (the demo) does not, or the browser would drop them.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import { DEMO } from './security-support.ts';

/** Every cookie a browser collects signing in, choosing consent and preferences, and signing in as staff. */
async function cookiesSet(env: NodeJS.ProcessEnv) {
  const { app } = await createTestApp({ env });
  const form = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const answers: LightMyRequestResponse[] = [
    await app.inject({ method: 'POST', url: '/store/auth/login', payload: DEMO.shopper }),
    await app.inject({ method: 'POST', url: '/admin/auth/login', payload: DEMO.merchant }),
    await form('/consent', { choice: 'all', returnTo: '/' }),
    await form('/preferences', { theme: 'dark', returnTo: '/' }),
    await form('/admin/language', { lang: 'en', back: '/admin' }),
  ];
  return answers.flatMap((r) => r.cookies as { name: string; secure?: boolean }[]);
}

describe('Secure cookies', () => {
  it('are Secure, every one of them, when PUBLIC_URL is https', async () => {
    const cookies = await cookiesSet({ PUBLIC_URL: 'https://shop.example' });
    expect(cookies.map((c) => c.name)).toEqual(
      expect.arrayContaining(['lantern_session', 'lantern_staff', 'lantern_consent', 'lantern_prefs']),
    );
    for (const cookie of cookies) expect(cookie.secure, cookie.name).toBe(true);
  });

  it('are not Secure on a plain-http PUBLIC_URL (the demo on localhost)', async () => {
    const cookies = await cookiesSet({});
    expect(cookies.length).toBeGreaterThan(3);
    for (const cookie of cookies) expect(cookie.secure, cookie.name).not.toBe(true);
  });
});
