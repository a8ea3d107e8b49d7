/**
 * What may be done with an order now, from its state machine (`order-state.ts`): one answer for
 * the use cases, the API and the console, so no page decides on its own what can be cancelled.
 */
import type { FieldIssue } from '../../app/errors.ts';
import {
  badFormatIssue,
  requiredIssue,
  tooLongIssue,
  tooShortIssue,
  validationFailed,
} from '../../app/field-issues.ts';
import { canTransition, type OrderStatus } from './order-state.ts';

/** A carrier's tracking number: 4 to 64 letters, digits and dashes (trimmed). */
export const TRACKING_NUMBER = { minLength: 4, maxLength: 64, pattern: /^[A-Za-z0-9-]+$/ } as const;

/** What is wrong with a (trimmed) tracking number; empty when nothing. */
export function trackingNumberIssues(value: string): FieldIssue[] {
  const field = 'trackingNumber';
  if (value.length < TRACKING_NUMBER.minLength) return [tooShortIssue(field, TRACKING_NUMBER.minLength)];
  if (value.length > TRACKING_NUMBER.maxLength) return [tooLongIssue(field, TRACKING_NUMBER.maxLength)];
  if (!TRACKING_NUMBER.pattern.test(value))
    return [badFormatIssue(field, 'tracking_number', 'use letters, digits and dashes only')];
  return [];
}

/** The tracking number trimmed, or 400 `validation_failed`. */
export function checkTrackingNumber(value: string): string {
  const trimmed = value.trim();
  const issues = trackingNumberIssues(trimmed);
  if (issues.length) throw validationFailed(issues);
  return trimmed;
}

/** A cancellation reason: what staff typed, trimmed, 1 to 500 characters. */
export const CANCEL_REASON = { maxLength: 500 } as const;

/** The cancellation reason trimmed, or 400 `validation_failed`. */
export function checkCancelReason(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw validationFailed([requiredIssue('reason')]);
  if (trimmed.length > CANCEL_REASON.maxLength)
    throw validationFailed([tooLongIssue('reason', CANCEL_REASON.maxLength)]);
  return trimmed;
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
