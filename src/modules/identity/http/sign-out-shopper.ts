/** Signs the shopper out: the session is deleted and its cookie cleared. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { revokeSession } from '../sessions.ts';
import { SHOPPER_COOKIE } from './request-auth.ts';
import { runSignOutHooks } from './shopper-sign-in-hooks.ts';

/** Deletes the request's shopper session (if any) and clears the `lantern_session` cookie. */
export async function signOutShopper(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const session = request.shopperSession;
  if (session) await revokeSession(request.server.deps.sql, session.tokenHash);
  reply.clearCookie(SHOPPER_COOKIE, { path: '/' });
  request.shopperSession = null;
  await runSignOutHooks(request, reply);
}
