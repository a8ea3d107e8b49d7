/** Completes a staff sign-in on this request: the previous staff session ends, the cookies are set. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { revokeSession, type Session } from '../sessions.ts';
import { rememberDeviceOnSignIn } from './device-cookie.ts';
import { STAFF_COOKIE, sessionCookieOptions } from './request-auth.ts';

/**
 * Sets the `lantern_staff` cookie for a session `logInStaff` opened, replacing a staff session
 * already on the browser (a token planted earlier is worthless afterwards), and marks the device
 * known. The JSON API and the console's form both end here.
 */
export async function signInStaff(
  request: FastifyRequest,
  reply: FastifyReply,
  login: { token: string; session: Session },
): Promise<void> {
  const sql = request.server.deps.sql;
  if (request.staffSession) await revokeSession(sql, request.staffSession.tokenHash);
  const maxAge = Math.floor((login.session.expiresAt.getTime() - Date.now()) / 1000);
  reply.setCookie(STAFF_COOKIE, login.token, sessionCookieOptions(request, maxAge));
  await rememberDeviceOnSignIn(request, reply, login.session.staffId!);
}
