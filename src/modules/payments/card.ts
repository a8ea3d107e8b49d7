/**
 * Pure card rules: Luhn, brand, expiry, CVC. The full number lives only in memory for the charge;
 * what is stored is the brand and the last four digits.
 */
import type { FieldIssue } from '../../app/errors.ts';

export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
}

/** Digits only: shoppers type spaces and dashes. */
export function normaliseCardNumber(number: string): string {
  return number.replace(/[\s-]/g, '');
}

/** The Luhn checksum every real card number satisfies. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card network from the number's prefix. */
export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^62/.test(digits)) return 'unionpay';
  return 'unknown';
}

/** What is wrong with the card as typed (empty when it may be charged). */
export function cardIssues(card: CardDetails, now: Date = new Date()): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!luhnValid(normaliseCardNumber(card.number))) {
    issues.push({
      field: 'card.number',
      code: 'invalid_format',
      params: { format: 'card_number' },
      message: 'is not a valid card number',
    });
  }
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (card.expYear * 12 + (card.expMonth - 1) < thisMonth) {
    issues.push({ field: 'card.expYear', code: 'card_expired', message: 'the card has expired' });
  }
  if (!/^\d{3}$/.test(card.cvc))
    issues.push({
      field: 'card.cvc',
      code: 'invalid_format',
      params: { format: 'cvc' },
      message: 'must be 3 digits',
    });
  return issues;
}
