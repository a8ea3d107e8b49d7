/** The consent history of customers: every change is a new row, the latest counts. */
import type { Db } from '../../app/database.ts';
import type { Consent, ConsentSource } from './consent.ts';

export interface ConsentRecord extends Consent {
  source: ConsentSource;
  createdAt: Date;
}

/**
 * Appends a choice to the customer's history, made at `givenAt` (default now; a choice carried
 * over at sign-in keeps the time it was made). Returns that time.
 */
export async function recordConsent(
  db: Db,
  customerId: string,
  consent: Consent,
  source: ConsentSource,
  givenAt?: Date,
): Promise<Date> {
  const [row] = await db<{ created_at: Date }[]>`
    insert into consents (customer_id, personalisation, analytics, source, created_at)
    values (${customerId}, ${consent.personalisation}, ${consent.analytics}, ${source},
            coalesce(${givenAt ?? null}::timestamptz, now()))
    returning created_at`;
  return row!.created_at;
}

/** The customer's current choice, or null when they never made one. */
export async function getCustomerConsent(db: Db, customerId: string): Promise<Consent | null> {
  const latest = await latestConsentRecord(db, customerId);
  return latest && { personalisation: latest.personalisation, analytics: latest.analytics };
}

/** The customer's current choice with when and how it was made, or null. */
export async function latestConsentRecord(db: Db, customerId: string): Promise<ConsentRecord | null> {
  const [row] = await db<ConsentRecord[]>`
    select personalisation, analytics, source, created_at as "createdAt"
      from consents where customer_id = ${customerId} order by id desc limit 1`;
  return row ?? null;
}

/** Every choice the customer made, oldest first. */
export async function listConsentHistory(db: Db, customerId: string): Promise<ConsentRecord[]> {
  const rows = await db<ConsentRecord[]>`
    select personalisation, analytics, source, created_at as "createdAt"
      from consents where customer_id = ${customerId} order by id`;
  return [...rows];
}
