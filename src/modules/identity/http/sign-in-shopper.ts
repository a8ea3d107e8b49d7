/** Signs a customer in on this request: a fresh session, the sign-in hooks run, the cookie set. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, revokeSession, SHOPPER_SESSION_DAYS } from '../sessions.ts';
import { rememberDeviceOnSignIn } from './device-cookie.ts';
import { SHOPPER_COOKIE, sessionCookieOptions } from './request-auth.ts';
import { runSignInHooks } from './shopper-sign-in-hooks.ts';

/**
 * Rotates the session at login (a new token; the previous session is deleted, so a token planted
 * before login is worthless after it), runs the sign-in hooks (cart merges the guest cart while
 * the previous session still exists), sets the `lantern_session` cookie and returns the new token
 * and CSRF token for API clients. The browser's device becomes known for the account.
 */
export async function signInShopper(
  request: FastifyRequest,
  reply: FastifyReply,
  customerId: string,
): Promise<{ token: string; csrfToken: string }> {
  const sql = request.server.deps.sql;
  const previous = request.shopperSession;
  const { token, session } = await createSession(sql, {
    kind: 'shopper',
    customerId,
    userAgent: request.headers['user-agent'],
  });
  request.shopperSession = session;
  await runSignInHooks(request, reply, { customerId, previous });
  if (previous) await revokeSession(sql, previous.tokenHash);
  reply.setCookie(SHOPPER_COOKIE, token, sessionCookieOptions(request, SHOPPER_SESSION_DAYS * 86_400));
  await rememberDeviceOnSignIn(request, reply, customerId);
  return { token, csrfToken: session.csrfToken };
}
