import { describe, expect, it } from 'vitest';
import { formatConsentCookie, parseConsentCookie } from './consent.ts';

describe('the consent cookie', () => {
  it('carries the choice and when it was made', () => {
    const givenAt = new Date('2026-11-01T10:00:00Z');
    const value = formatConsentCookie({ personalisation: true, analytics: false }, givenAt);
    expect(value).toBe(`v2.1.0.${givenAt.getTime() / 1000}`);
    expect(parseConsentCookie(value)).toEqual({ personalisation: true, analytics: false, givenAt });
  });

  it('reads the older v1 value with an unknown time, and a future time as now', () => {
    expect(parseConsentCookie('v1.0.1')).toEqual({ personalisation: false, analytics: true, givenAt: null });
    const now = new Date('2026-12-01T00:00:00Z');
    expect(parseConsentCookie('v2.1.1.99999999999', now)?.givenAt).toEqual(now);
  });

  it('is null for anything else', () => {
    for (const value of [undefined, '', 'v1.2.0', 'v2.1.1', 'v2.1.1.x', 'v3.1.1.1'])
      expect(parseConsentCookie(value), String(value)).toBeNull();
  });
});
