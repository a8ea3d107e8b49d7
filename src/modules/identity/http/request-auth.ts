/**
 * Who is asking: resolves the shopper and staff sessions of every request, from cookies or a
 * bearer token, and guards cookie-authenticated writes against CSRF.
 *
 * - Shopper and staff sessions live in different cookies (`lantern_session`, `lantern_staff`)
 *   and a bearer token is tried as staff only under `/admin`: the two never mix.
 * - Unsafe requests carrying a session cookie must echo the session's CSRF token, in the
 *   `x-csrf-token` header or a `_csrf` form field; cross-site unsafe requests are refused outright.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, forbidden, unauthorized } from '../../../app/errors.ts';
import {
  createSession,
  findSession,
  type Session,
  SHOPPER_SESSION_DAYS,
  type StaffRole,
} from '../sessions.ts';

export const SHOPPER_COOKIE = 'lantern_session';
export const STAFF_COOKIE = 'lantern_staff';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    shopperSession: Session | null;
    staffSession: Session | null;
    /** True when the session came from a cookie (the ambient kind CSRF abuses). */
    sessionFromCookie: boolean;
  }
}

export const requestAuth = fp(async (app: FastifyInstance) => {
  app.decorateRequest('shopperSession', null);
  app.decorateRequest('staffSession', null);
  app.decorateRequest('sessionFromCookie', false);
  app.addHook('preHandler', async (request) => {
    await resolveSessions(app, request);
    if (!SAFE_METHODS.has(request.method)) checkCsrf(request);
  });
});

async function resolveSessions(app: FastifyInstance, request: FastifyRequest) {
  const sql = app.deps.sql;
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const isAdminPath = request.url.startsWith('/admin');
  if (bearer) {
    const session = await findSession(sql, bearer);
    if (session?.kind === 'staff' && isAdminPath) request.staffSession = session;
    if (session?.kind === 'shopper' && !isAdminPath) request.shopperSession = session;
    return;
  }
  // Under /admin only the staff cookie counts, so a shopper cookie never takes part there
  // (neither as identity nor as the session whose CSRF token an admin form must carry).
  const shopperToken = isAdminPath ? undefined : request.cookies[SHOPPER_COOKIE];
  const staffToken = isAdminPath ? request.cookies[STAFF_COOKIE] : undefined;
  if (shopperToken) {
    const session = await findSession(sql, shopperToken);
    if (session?.kind === 'shopper') request.shopperSession = session;
  }
  if (staffToken) {
    const session = await findSession(sql, staffToken);
    if (session?.kind === 'staff') request.staffSession = session;
  }
  request.sessionFromCookie = Boolean(request.shopperSession || request.staffSession);
}

function checkCsrf(request: FastifyRequest) {
  if (isCrossSite(request))
    throw new DomainError('cross_site_request', 403, 'Cross-site writes are not accepted.');
  if (!request.sessionFromCookie) return;
  const body = request.body as Record<string, unknown> | undefined;
  const sent = request.headers['x-csrf-token'] ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
  if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  const session = request.url.startsWith('/admin') ? request.staffSession : request.shopperSession;
  if (!session || sent !== session.csrfToken) {
    throw new DomainError(
      'csrf_token_invalid',
      403,
      'The form expired or came from elsewhere; reload the page and try again.',
    );
  }
}

function isCrossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  // `Origin: null` comes from sandboxed frames and data: documents, never from our own pages:
  // an attacker's way to hide where a login form was posted from.
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** Cookie attributes for session cookies: HttpOnly, SameSite=Lax, Secure when configured. */
export function sessionCookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.server.deps.config.secureCookies,
    maxAge: maxAgeSeconds,
  };
}

/** The shopper's session, opening a guest one (and setting its cookie) when there is none. */
export async function ensureShopperSession(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
  if (request.shopperSession) return request.shopperSession;
  const { token, session } = await createSession(request.server.deps.sql, {
    kind: 'shopper',
    userAgent: request.headers['user-agent'],
  });
  reply.setCookie(SHOPPER_COOKIE, token, sessionCookieOptions(request, SHOPPER_SESSION_DAYS * 86_400));
  request.shopperSession = session;
  return session;
}

/** The signed-in customer's id, or a 401. */
export function requireCustomer(request: FastifyRequest): string {
  const id = request.shopperSession?.customerId;
  if (!id) throw unauthorized();
  return id;
}

/** The staff session, if its role is one of `roles` (admins may do everything); else 401/403. */
export function requireStaff(request: FastifyRequest, roles: StaffRole[]): Session {
  const session = request.staffSession;
  if (!session) throw unauthorized('Sign in to the admin first.');
  if (session.staffRole !== 'admin' && !roles.includes(session.staffRole!)) throw forbidden();
  return session;
}
