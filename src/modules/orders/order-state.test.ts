import { describe, expect, it } from 'vitest';
import { DomainError } from '../../app/errors.ts';
import { assertTransition, canTransition, ORDER_STATUSES, ORDER_TRANSITIONS } from './order-state.ts';

describe('order state machine', () => {
  it('allows exactly the documented moves', () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'pending_payment>paid',
        'pending_payment>cancelled',
        'paid>shipped',
        'paid>cancelled',
        'shipped>delivered',
        'delivered>completed',
      ].sort(),
    );
  });

  it('has no way out of completed or cancelled', () => {
    expect(ORDER_TRANSITIONS.completed).toEqual([]);
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
  });

  it('refuses shipping an unpaid order and cancelling a shipped one with a 409', () => {
    for (const [from, to] of [
      ['pending_payment', 'shipped'],
      ['shipped', 'cancelled'],
      ['cancelled', 'paid'],
    ] as const) {
      try {
        assertTransition(from, to);
        expect.unreachable(`${from} > ${to} was allowed`);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).status).toBe(409);
        expect((e as DomainError).code).toBe('illegal_order_transition');
      }
    }
  });
});
