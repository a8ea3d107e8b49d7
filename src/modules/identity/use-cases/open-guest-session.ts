/** Opens a guest shopper session for an API client. */
import type { Db } from '../../../app/database.ts';
import type { RateLimiter } from '../../../app/rate-limit.ts';
import { limitSessionCreation } from '../auth-limits.ts';
import { createSession, type Session } from '../sessions.ts';

/** A new guest session and its raw token; 30 a minute per address (each one is a stored row). */
export async function openGuestSession(
  deps: { db: Db; rateLimiter: RateLimiter },
  input: { ip: string; userAgent?: string },
): Promise<{ token: string; session: Session }> {
  await limitSessionCreation(deps.rateLimiter, input);
  return createSession(deps.db, { kind: 'shopper', userAgent: input.userAgent });
}
