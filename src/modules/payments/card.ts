/**
 * Pure card rules: Luhn, brand, expiry, CVC. The full number lives only in memory for the charge;
 * what is stored is the brand and the last four digits.
 */
import type { FieldIssue } from '../../app/errors.ts';
import { badFormatIssue, requiredIssue, tooLongIssue } from '../../app/field-issues.ts';

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
  if (!luhnValid(normaliseCardNumber(card.number)))
    issues.push(badFormatIssue('card.number', 'card_number', 'is not a valid card number'));
  const monthOk = Number.isInteger(card.expMonth) && card.expMonth >= 1 && card.expMonth <= 12;
  const yearOk = Number.isInteger(card.expYear) && card.expYear >= 2000 && card.expYear <= 2100;
  if (!monthOk)
    issues.push(badFormatIssue('card.expMonth', 'card_month', 'must be a month number (1 to 12)'));
  if (!yearOk) issues.push(badFormatIssue('card.expYear', 'card_year', 'must be a year'));
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (monthOk && yearOk && card.expYear * 12 + (card.expMonth - 1) < thisMonth) {
    issues.push({ field: 'card.expYear', code: 'card_expired', message: 'the card has expired' });
  }
  if (!/^\d{3}$/.test(card.cvc)) issues.push(badFormatIssue('card.cvc', 'cvc', 'must be 3 digits'));
  const holder = card.holder.trim();
  if (!holder) issues.push(requiredIssue('card.holder'));
  else if (holder.length > 100) issues.push(tooLongIssue('card.holder', 100));
  return issues;
}

/**
 * A card as typed into a form (every field a string): month and year as numbers, a two-digit
 * year in this century. Whether it may be charged is `cardIssues`'s to say.
 */
export function cardFromForm(fields: {
  number?: string;
  expMonth?: string;
  expYear?: string;
  cvc?: string;
  holder?: string;
}): CardDetails {
  const digits = (value: string | undefined) =>
    /^\s*\d{1,4}\s*$/.test(value ?? '') ? Number(value) : Number.NaN;
  const year = digits(fields.expYear);
  return {
    number: fields.number ?? '',
    expMonth: digits(fields.expMonth),
    expYear: year < 100 ? 2000 + year : year,
    cvc: (fields.cvc ?? '').trim(),
    holder: fields.holder ?? '',
  };
}
