/** The consent history of customers: every change is a new row, the latest counts. */
import type { Db } from '../../app/database.ts';
import type { Consent, ConsentSource } from './consent.ts';

export interface ConsentRecord extends Consent {
  source: ConsentSource;
  createdAt: Date;
}

/** Appends a choice to the customer's history. */
export async function recordConsent(db: Db, customerId: string, consent: Consent, source: ConsentSource) {
  await db`insert into consents (customer_id, personalisation, analytics, source)
           values (${customerId}, ${consent.personalisation}, ${consent.analytics}, ${source})`;
}

/** The customer's current choice, or null when they never made one. */
export async function getCustomerConsent(db: Db, customerId: string): Promise<Consent | null> {
  const [row] = await db<Consent[]>`
    select personalisation, analytics from consents where customer_id = ${customerId} order by id desc limit 1`;
  return row ?? null;
}

/** Every choice the customer made, oldest first. */
export async function listConsentHistory(db: Db, customerId: string): Promise<ConsentRecord[]> {
  const rows = await db<ConsentRecord[]>`
    select personalisation, analytics, source, created_at as "createdAt"
      from consents where customer_id = ${customerId} order by id`;
  return [...rows];
}
