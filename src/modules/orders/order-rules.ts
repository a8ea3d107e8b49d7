/**
 * What may be done with an order now, from its state machine (`order-state.ts`): one answer for
 * the use cases, the API and the console, so no page decides on its own what can be cancelled.
 */
import { badRequest, type FieldIssue } from '../../app/errors.ts';
import { canTransition, type OrderStatus } from './order-state.ts';

/** A carrier's tracking number: 4 to 64 letters, digits and dashes (trimmed). */
export const TRACKING_NUMBER = { minLength: 4, maxLength: 64, pattern: /^[A-Za-z0-9-]+$/ } as const;

/** What is wrong with a (trimmed) tracking number; empty when nothing. */
export function trackingNumberIssues(value: string): FieldIssue[] {
  const field = 'trackingNumber';
  if (value.length < TRACKING_NUMBER.minLength)
    return [
      {
        field,
        code: 'too_small',
        params: { origin: 'string', minimum: TRACKING_NUMBER.minLength },
        message: `must be at least ${TRACKING_NUMBER.minLength} characters`,
      },
    ];
  if (value.length > TRACKING_NUMBER.maxLength)
    return [
      {
        field,
        code: 'too_big',
        params: { origin: 'string', maximum: TRACKING_NUMBER.maxLength },
        message: `must be at most ${TRACKING_NUMBER.maxLength} characters`,
      },
    ];
  if (!TRACKING_NUMBER.pattern.test(value))
    return [
      {
        field,
        code: 'invalid_format',
        params: { format: 'tracking_number' },
        message: 'use letters, digits and dashes only',
      },
    ];
  return [];
}

/** The tracking number trimmed, or 400 `validation_failed`. */
export function checkTrackingNumber(value: string): string {
  const trimmed = value.trim();
  const issues = trackingNumberIssues(trimmed);
  if (issues.length) throw badRequest('validation_failed', `trackingNumber: ${issues[0]!.message}`, issues);
  return trimmed;
}

/** A cancellation reason: what staff typed, trimmed, 1 to 500 characters. */
export const CANCEL_REASON = { minLength: 1, maxLength: 500 } as const;

/** The cancellation reason trimmed, or 400 `validation_failed`. */
export function checkCancelReason(value: string): string {
  const trimmed = value.trim();
  const { minLength, maxLength } = CANCEL_REASON;
  if (trimmed.length >= minLength && trimmed.length <= maxLength) return trimmed;
  const tooShort = trimmed.length < minLength;
  const issue: FieldIssue = {
    field: 'reason',
    code: tooShort ? 'too_small' : 'too_big',
    params: tooShort ? { origin: 'string', minimum: minLength } : { origin: 'string', maximum: maxLength },
    message: tooShort ? 'say why the order is cancelled' : `must be at most ${maxLength} characters`,
  };
  throw badRequest('validation_failed', `reason: ${issue.message}`, [issue]);
}

export interface OrderActions {
  canShip: boolean;
  canDeliver: boolean;
  canComplete: boolean;
  /** Until the parcel leaves the warehouse. */
  canCancel: boolean;
}

/** The moves an order in `status` allows. */
export function orderActionsFor(status: OrderStatus): OrderActions {
  return {
    canShip: canTransition(status, 'shipped'),
    canDeliver: canTransition(status, 'delivered'),
    canComplete: canTransition(status, 'completed'),
    canCancel: canTransition(status, 'cancelled'),
  };
}
