/** Signs a staff member out: the staff session is deleted and its cookie cleared. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { revokeSession } from '../sessions.ts';
import { STAFF_COOKIE } from './request-auth.ts';

/** Deletes the request's staff session (if any) and clears the `lantern_staff` cookie. */
export async function logOutStaff(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const session = request.staffSession;
  if (session) await revokeSession(request.server.deps.sql, session.tokenHash);
  reply.clearCookie(STAFF_COOKIE, { path: '/' });
  request.staffSession = null;
}
