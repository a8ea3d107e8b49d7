/**
 * The privacy module's reads and erasures across other modules' tables. It reaches past their
 * public functions on purpose: export and erasure must cover every table in one transaction,
 * and the deletion test scans the whole schema to prove this list is complete.
 */
import type { Db } from '../../../app/database.ts';

export interface SessionMetadata {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
}

export interface SentNotification {
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/** The customer's sessions without their token hashes or CSRF tokens. */
export async function listSessionMetadata(db: Db, customerId: string): Promise<SessionMetadata[]> {
  const rows = await db<SessionMetadata[]>`
    select created_at as "createdAt", last_seen_at as "lastSeenAt", expires_at as "expiresAt",
           user_agent as "userAgent"
      from sessions where customer_id = ${customerId} order by created_at`;
  return [...rows];
}

/** Messages sent to any of the customer's addresses (email or phone). */
export async function listNotificationsTo(db: Db, recipients: string[]): Promise<SentNotification[]> {
  if (recipients.length === 0) return [];
  const rows = await db<SentNotification[]>`
    select channel, recipient, subject, body, created_at as "createdAt"
      from notifications where recipient = any(${recipients}) order by created_at, id`;
  return [...rows];
}

/** What identifies the customer, to find and scrub copies of it elsewhere. */
export interface Identifiers {
  email: string | null;
  phone: string | null;
  name: string;
}

/** Locks and reads the customer's identifiers, or null when the account is gone. */
export async function lockIdentifiers(db: Db, customerId: string): Promise<Identifiers | null> {
  const [row] = await db<Identifiers[]>`
    select email, phone, name from customers where id = ${customerId} for update`;
  return row ?? null;
}

/**
 * Erases the customer's personal data everywhere except their behaviour (the recommendations
 * module's `forgetShopper`), including guest orders placed earlier with the same email or phone.
 * Orders stay for accounting: totals, lines and status are kept;
 * email, phone and the personal parts of the address are blanked (province and city remain for
 * tax reports); free-text copies of the identifiers in timelines and refund reasons are masked.
 */
export async function erasePersonalData(db: Db, customerId: string, ids: Identifiers): Promise<void> {
  const needles = [ids.email, ids.phone, ids.name].filter((v): v is string => Boolean(v && v.length >= 3));
  const orders = await db<{ id: string }[]>`
    update orders set email = '', phone = '',
           shipping_address = shipping_address || jsonb_build_object(
             'recipient', '', 'phone', '', 'line1', '', 'district', '', 'postalCode', ''),
           updated_at = now()
     where customer_id = ${customerId} or (${ids.email}::text <> '' and email = ${ids.email})
        or (${ids.phone}::text <> '' and phone = ${ids.phone})
     returning id`;
  const orderIds = orders.map((o) => o.id);
  for (const needle of needles) {
    await db`update order_events set note = replace(note, ${needle}, '[erased]')
              where order_id = any(${orderIds}) and strpos(note, ${needle}) > 0`;
    await db`update refunds set reason = replace(reason, ${needle}, '[erased]')
              where strpos(reason, ${needle}) > 0
                and payment_id in (select id from payments where order_id = any(${orderIds}))`;
    // A stored checkout response may hold the order with its address: drop such replays.
    await db`delete from idempotency_keys where strpos(response::text, ${needle}) > 0`;
  }
  const recipients = [ids.email, ids.phone].filter((v): v is string => Boolean(v));
  await db`delete from notifications where recipient = any(${recipients})`;
  if (ids.phone) await db`delete from one_time_codes where phone = ${ids.phone}`;
  await db`delete from sessions where customer_id = ${customerId}`;
  // Addresses, carts and consents go with the customer row (on delete cascade); orders keep
  // their totals with customer_id set to null.
  await db`delete from customers where id = ${customerId}`;
}

/** The customer's password hash (null for phone-code accounts) and how old this session is. */
export async function reauthFacts(
  db: Db,
  customerId: string,
  sessionTokenHash: string,
): Promise<{ passwordHash: string | null; sessionAgeMs: number } | null> {
  const [row] = await db<{ password_hash: string | null; age_ms: number }[]>`
    select c.password_hash, (extract(epoch from now() - s.created_at) * 1000)::float8 as age_ms
      from customers c join sessions s on s.customer_id = c.id
     where c.id = ${customerId} and s.token_hash = ${sessionTokenHash}`;
  return row ? { passwordHash: row.password_hash, sessionAgeMs: row.age_ms } : null;
}
