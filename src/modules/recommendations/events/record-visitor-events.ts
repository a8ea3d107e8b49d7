/**
 * Server-side events of the current visitor (cart adds, guest purchases), recorded under the
 * request's `lantern_vid` shopper key. A visitor without a key never consented: nothing is kept.
 * Recording never fails the shopper's request: losing an event is better than losing a sale.
 */
import type { FastifyRequest } from 'fastify';
import type { BehaviourEventInput } from './behaviour-event.ts';
import { recordBehaviourEvents } from './record-behaviour-events.ts';
import { shopperKeyOf } from './shopper-key.ts';

/** Records `events` for this request's visitor; returns how many were stored. */
export async function recordVisitorEvents(
  request: FastifyRequest,
  events: BehaviourEventInput[],
): Promise<number> {
  const key = shopperKeyOf(request);
  if (!key) return 0;
  try {
    return await recordBehaviourEvents(request.server.deps.sql, key, events);
  } catch (error) {
    request.log.warn({ err: error }, 'behaviour event not recorded');
    return 0;
  }
}
