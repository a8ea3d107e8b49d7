/**
 * The one rule set for a postal address, whoever sends it: the address book (API and account
 * page) and checkout (API and checkout page; checkout asks through customers' index). Fields are
 * trimmed; each has one maximum length; the phone and postal code have one format.
 */
import type { FieldIssue } from '../../app/errors.ts';
import { badFormatIssue, requiredIssue, tooLongIssue, validationFailed } from '../../app/field-issues.ts';
import type { AddressFields } from './use-cases/get-address.ts';

/** The longest each field may be. */
export const ADDRESS_LIMITS: Record<keyof AddressFields, number> = {
  recipient: 100,
  phone: 20,
  country: 2,
  province: 100,
  city: 100,
  district: 100,
  line1: 200,
  postalCode: 10,
};

/** The fields a complete address must have. */
export const REQUIRED_ADDRESS_FIELDS = ['recipient', 'phone', 'province', 'city', 'line1'] as const;

/** A phone number as people type it: optional +, digits, spaces and dashes. */
export const ADDRESS_PHONE = /^\+?[0-9 -]{6,20}$/;
/** Mainland postal codes are digits (six); empty when unknown. */
const POSTAL_CODE = /^[0-9]{0,10}$/;
const COUNTRY = /^[A-Z]{2}$/;

const FIELDS = Object.keys(ADDRESS_LIMITS) as (keyof AddressFields)[];

/**
 * The address with its fields trimmed, and what is wrong with it (empty when nothing). `complete`:
 * the required fields must be there (a new address, a checkout address); otherwise only the
 * fields given are checked (an update). Issues name the field (`postalCode`), after `prefix`.
 */
export function addressIssues(
  input: Partial<Record<keyof AddressFields, string | undefined>>,
  options: { complete: boolean; prefix?: string },
): { address: Partial<AddressFields>; issues: FieldIssue[] } {
  const at = (field: string) => (options.prefix ? `${options.prefix}.${field}` : field);
  const address: Partial<AddressFields> = {};
  const issues: FieldIssue[] = [];
  for (const key of FIELDS) {
    const value = input[key];
    if (value === undefined) continue;
    address[key] = String(value).trim();
  }
  if (options.complete)
    for (const key of REQUIRED_ADDRESS_FIELDS) if (!address[key]) issues.push(requiredIssue(at(key)));
  for (const key of FIELDS) {
    const value = address[key];
    if (!value) continue;
    if (value.length > ADDRESS_LIMITS[key]) issues.push(tooLongIssue(at(key), ADDRESS_LIMITS[key]));
    else if (key === 'phone' && !ADDRESS_PHONE.test(value))
      issues.push(badFormatIssue(at(key), 'phone', 'must be a phone number'));
    else if (key === 'postalCode' && !POSTAL_CODE.test(value))
      issues.push(badFormatIssue(at(key), 'postal_code', 'must be digits'));
    else if (key === 'country' && !COUNTRY.test(value))
      issues.push(badFormatIssue(at(key), 'country', 'must be a two-letter country code'));
  }
  return { address, issues };
}

/** The address trimmed, or 400 `validation_failed` naming every field that is wrong (as a schema would). */
export function checkAddress(
  input: Partial<Record<keyof AddressFields, string | undefined>>,
  options: { complete: boolean; prefix?: string },
): Partial<AddressFields> {
  const { address, issues } = addressIssues(input, options);
  if (issues.length) throw validationFailed(issues);
  return address;
}
