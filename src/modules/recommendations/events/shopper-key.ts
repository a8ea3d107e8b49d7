/**
 * The pseudonymous shopper key: 128 random bits in the first-party `lantern_vid` cookie, separate
 * from the session token (it carries no authority and outlives sign-out), so behaviour can be
 * joined per visitor without the events table ever holding a credential. Reading and setting the
 * cookie on a request is `http/shopper-key-cookie.ts`'s job.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../app/database.ts';

export const SHOPPER_KEY_COOKIE = 'lantern_vid';
const KEY_PATTERN = /^vk_[A-Za-z0-9_-]{22}$/;

/** A new random shopper key, e.g. `vk_3q2…`. */
export function newShopperKey(): string {
  return `vk_${randomBytes(16).toString('base64url')}`;
}

/** The key in a `lantern_vid` cookie value when it is well formed, else null. */
export function parseShopperKey(cookieValue: string | undefined): string | null {
  return cookieValue && KEY_PATTERN.test(cookieValue) ? cookieValue : null;
}

/** The key of a customer (creating one when they have none yet). */
export async function customerShopperKey(db: Db, customerId: string): Promise<string> {
  const [row] = await db<{ key: string }[]>`
    insert into shopper_keys (key, customer_id, linked_at) values (${newShopperKey()}, ${customerId}, now())
    on conflict (customer_id) do update set customer_id = excluded.customer_id
    returning key`;
  return row!.key;
}
