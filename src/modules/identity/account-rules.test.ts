import { describe, expect, it } from 'vitest';
import { isValidEmail, isValidPhone, normaliseEmail, normalisePhone } from './account-rules.ts';

describe('account rules', () => {
  it('normalises and accepts ordinary emails', () => {
    expect(normaliseEmail('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
    expect(isValidEmail('li.wei+shop@example.com.cn')).toBe(true);
  });

  it('rejects malformed emails', () => {
    for (const bad of [
      '',
      'a',
      'a@b',
      '@example.com',
      'a@@b.com',
      'a@b@c.com',
      'a b@c.com',
      'a@-b.com',
      'a@b..com',
    ])
      expect(isValidEmail(bad), bad).toBe(false);
  });

  // A backtracking check would not finish on this input before the test's timeout; a linear one
  // answers at once. No wall-clock assertion: the timeout is the bound.
  it('refuses a hostile 100 kB email', () => {
    const hostile = `${'a'.repeat(50_000)}@${'b.'.repeat(25_000)}`;
    expect(isValidEmail(hostile)).toBe(false);
    const nearLimit = `${'a.'.repeat(30)}a@${'b-b.'.repeat(40)}example`;
    expect(isValidEmail(nearLimit)).toBe(true);
  });

  it('normalises phones and accepts 6 to 15 digits', () => {
    // one mainland mobile, however it is typed, is one phone (one account, one rate-limit key)
    for (const typed of ['+86 138-0013 8000', '008613800138000', '138 0013 8000', '(138)00138000'])
      expect(normalisePhone(typed)).toBe('13800138000');
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(isValidPhone('13800138000')).toBe(true);
    expect(isValidPhone('12345')).toBe(false);
    expect(isValidPhone('1380013800a')).toBe(false);
  });
});
