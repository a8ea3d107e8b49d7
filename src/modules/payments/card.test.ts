import { describe, expect, it } from 'vitest';
import { cardBrand, cardIssues, luhnValid } from './card.ts';

const card = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123', holder: 'Li Lei' };
const now = new Date('2026-11-27T00:00:00Z');

describe('card rules', () => {
  it('accepts the sandbox test numbers and rejects a typo by Luhn', () => {
    for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '4000000000000341']) {
      expect(luhnValid(n)).toBe(true);
    }
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42424242')).toBe(false);
  });

  it('names the brand', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
  });

  it('refuses an expired card and a bad CVC, but not this month', () => {
    expect(cardIssues(card, now)).toEqual([]);
    expect(cardIssues({ ...card, expMonth: 11, expYear: 2026 }, now)).toEqual([]);
    expect(cardIssues({ ...card, expMonth: 10, expYear: 2026 }, now).map((i) => i.field)).toEqual([
      'card.expYear',
    ]);
    expect(cardIssues({ ...card, cvc: '12' }, now).map((i) => i.field)).toEqual(['card.cvc']);
  });
});
