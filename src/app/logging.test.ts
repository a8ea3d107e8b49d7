import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.ts';

describe('redactUrl', () => {
  it('hides access tokens and codes in query strings, and nothing else', () => {
    expect(redactUrl('/orders/ord_1?token=s3cret&lang=en')).toBe('/orders/ord_1?token=[redacted]&lang=en');
    expect(redactUrl('/x?lang=en&code=123456')).toBe('/x?lang=en&code=[redacted]');
    expect(redactUrl('/p/headphones?variant=var_1')).toBe('/p/headphones?variant=var_1');
  });
});
