import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('marks cookies Secure exactly when PUBLIC_URL is https', () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://shop.example/' })).toMatchObject({
      secureCookies: true,
      publicUrl: 'https://shop.example',
    });
    expect(loadConfig({ PUBLIC_URL: 'HTTPS://Shop.Example' }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://shop.example', SECURE_COOKIES: 'true' }).secureCookies).toBe(
      false,
    );
  });

  it('refuses a PUBLIC_URL that is not an absolute http(s) URL', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'shop.example' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://shop.example' })).toThrow(/PUBLIC_URL/);
  });

  it('keeps the development outbox off unless DEV_OUTBOX is set', () => {
    expect(loadConfig({}).devOutbox).toBe(false);
    expect(loadConfig({ DEV_OUTBOX: '1' }).devOutbox).toBe(true);
    expect(loadConfig({ DEV_OUTBOX: '0' }).devOutbox).toBe(false);
  });
});
