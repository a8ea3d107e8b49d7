/** The shopper key on a request: read from, and set in, the `lantern_vid` cookie. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newShopperKey, parseShopperKey, SHOPPER_KEY_COOKIE } from '../shopper-key.ts';

const ONE_YEAR_SECONDS = 365 * 86_400;

/** The well-formed shopper key of this request's cookie, or null. */
export function shopperKeyOf(request: FastifyRequest): string | null {
  return parseShopperKey(request.cookies[SHOPPER_KEY_COOKIE]);
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
