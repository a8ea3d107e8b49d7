/**
 * Server-side events of the current visitor (cart adds, guest purchases), recorded under their
 * `lantern_vid` shopper key. A visitor without a key never consented: nothing is kept.
 * Recording never fails the shopper's request: losing an event is better than losing a sale.
 */
import type { Db } from '../../../app/database.ts';
import type { BehaviourEventInput } from './behaviour-event.ts';
import { recordBehaviourEvents } from './record-behaviour-events.ts';

/** Where a failed recording is reported (the request's logger fits). */
export interface EventFailureLog {
  warn(details: object, message: string): void;
}

/** Records `events` for the visitor with `shopperKey` (none: nothing); returns how many were stored. */
export async function recordVisitorEvents(
  db: Db,
  shopperKey: string | null,
  events: BehaviourEventInput[],
  log: EventFailureLog,
): Promise<number> {
  if (!shopperKey) return 0;
  try {
    return await recordBehaviourEvents(db, shopperKey, events);
  } catch (error) {
    log.warn({ err: error }, 'behaviour event not recorded');
    return 0;
  }
}
