/**
 * The pseudonymous shopper key: 128 random bits in the first-party `lantern_vid` cookie, separate
 * from the session token (it carries no authority and outlives sign-out), so behaviour can be
 * joined per visitor without the events table ever holding a credential.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../app/database.ts';

export const SHOPPER_KEY_COOKIE = 'lantern_vid';
const ONE_YEAR_SECONDS = 365 * 86_400;
const KEY_PATTERN = /^vk_[A-Za-z0-9_-]{22}$/;

/** A new random shopper key, e.g. `vk_3q2…`. */
export function newShopperKey(): string {
  return `vk_${randomBytes(16).toString('base64url')}`;
}

/** The well-formed shopper key of this request's cookie, or null. */
export function shopperKeyOf(request: FastifyRequest): string | null {
  const key = request.cookies[SHOPPER_KEY_COOKIE];
  return key && KEY_PATTERN.test(key) ? key : null;
}

/** Sets the visitor cookie (HttpOnly: only the server reads it; SameSite=Lax, Secure when configured). */
export function setShopperKeyCookie(request: FastifyRequest, reply: FastifyReply, key: string) {
  reply.setCookie(SHOPPER_KEY_COOKIE, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.deps.config.secureCookies,
    maxAge: ONE_YEAR_SECONDS,
  });
  request.cookies[SHOPPER_KEY_COOKIE] = key;
}

/** The request's shopper key, minting one (and its cookie) when the visitor has none. */
export function ensureShopperKey(request: FastifyRequest, reply: FastifyReply): string {
  const existing = shopperKeyOf(request);
  if (existing) return existing;
  const key = newShopperKey();
  setShopperKeyCookie(request, reply, key);
  return key;
}

/** The key of a customer (creating one when they have none yet). */
export async function customerShopperKey(db: Db, customerId: string): Promise<string> {
  const [row] = await db<{ key: string }[]>`
    insert into shopper_keys (key, customer_id, linked_at) values (${newShopperKey()}, ${customerId}, now())
    on conflict (customer_id) do update set customer_id = excluded.customer_id
    returning key`;
  return row!.key;
}
