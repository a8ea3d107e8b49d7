/**
 * Behaviour event kinds and the validated shape a client or a server-side source records. Which
 * kinds may serve personalisation and which only analytics is decided here, in one place.
 */
import { z } from 'zod';

export const BEHAVIOUR_KINDS = [
  'product_view',
  'search',
  'add_to_cart',
  'purchase',
  'favourite',
  'rec_impression',
  'rec_click',
] as const;
export type BehaviourKind = (typeof BEHAVIOUR_KINDS)[number];

/** An impression says only what was shown; it never feeds a shopper's own recommendations. */
const PERSONALISATION_KINDS = new Set<BehaviourKind>([
  'product_view',
  'search',
  'add_to_cart',
  'purchase',
  'favourite',
  'rec_click',
]);

/** True when events of `kind` may be used to personalise (with the shopper's consent). */
export function servesPersonalisation(kind: BehaviourKind): boolean {
  return PERSONALISATION_KINDS.has(kind);
}

export const MAX_BATCH = 50;
const productId = z.string().regex(/^prod_[0-9a-z]{1,40}$/);
const label = z.string().regex(/^[a-z0-9_.:-]{1,40}$/);

/** One event as the beacon sends it; `at` is the client's clock in epoch milliseconds. */
export const beaconEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('product_view'), productId, at: z.number().int().optional() }),
  z.strictObject({ kind: z.literal('add_to_cart'), productId, at: z.number().int().optional() }),
  z.strictObject({ kind: z.literal('favourite'), productId, at: z.number().int().optional() }),
  z.strictObject({
    kind: z.literal('search'),
    query: z.string().trim().min(1).max(200),
    at: z.number().int().optional(),
  }),
  z.strictObject({
    kind: z.literal('rec_impression'),
    productId,
    placement: label,
    strategy: label,
    at: z.number().int().optional(),
  }),
  z.strictObject({
    kind: z.literal('rec_click'),
    productId,
    placement: label,
    strategy: label,
    at: z.number().int().optional(),
  }),
]);
export type BeaconEvent = z.infer<typeof beaconEventSchema>;

/**
 * The beacon's body: a batch of at most 50 events, and the session's CSRF token as `_csrf` when a
 * session cookie is sent (sendBeacon cannot set the header; request-auth checks and removes it).
 */
export const beaconBatchSchema = z.strictObject({
  events: z.array(beaconEventSchema).min(1).max(MAX_BATCH),
  _csrf: z.string().max(100).optional(),
});

/** An event ready to store. Purchases come only from the server (order placed), never the beacon. */
export interface BehaviourEventInput {
  kind: BehaviourKind;
  productId?: string | null;
  query?: string | null;
  placement?: string | null;
  strategy?: string | null;
  occurredAt?: Date;
}

/** A recorded event as the trainer and the session re-ranker read it. */
export interface Interaction {
  shopperKey: string;
  productId: string;
  kind: BehaviourKind;
  occurredAt: Date;
}

/**
 * The client's timestamp, trusted only within the last day and not in the future (a clock that
 * is off, or a replayed batch, falls back to the time of receipt).
 */
export function occurredAtOf(at: number | undefined, now = Date.now()): Date {
  if (at === undefined || at > now + 60_000 || at < now - 86_400_000) return new Date(now);
  return new Date(at);
}
