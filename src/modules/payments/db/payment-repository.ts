/** The payments module's SQL for payment attempts: locking, inserting and finding them. */
import type { Db, Tx } from '../../../app/database.ts';
import type { NextAction, PaymentMethod } from '../payment-provider.ts';

export type PaymentStatus =
  | 'pending'
  | 'authorized'
  | 'captured'
  | 'failed'
  | 'cancelled'
  | 'refunded'
  | 'partially_refunded';

/** Statuses of an attempt still open at the provider (the unique index allows one per order). */
export const ACTIVE_STATUSES: readonly PaymentStatus[] = ['pending', 'authorized'];
/** Statuses of an attempt whose money was taken (refunds change the figure, not the fact). */
export const CAPTURED_STATUSES: readonly PaymentStatus[] = ['captured', 'partially_refunded', 'refunded'];

/** One payment attempt as stored. */
export interface PaymentRow {
  id: string;
  order_id: string;
  provider: string;
  method: PaymentMethod;
  status: PaymentStatus;
  amount_minor: number;
  refunded_minor: number;
  currency: string;
  provider_ref: string | null;
  next_action: NextAction | null;
  idempotency_key: string | null;
  is_surplus: boolean;
  failure_code: string | null;
  created_at: Date;
}

/** Locks one attempt for the rest of the transaction (lock its order first: see `settle-payment.ts`). */
export async function lockPayment(tx: Tx, id: string): Promise<PaymentRow | null> {
  const [row] = await tx<PaymentRow[]>`select * from payments where id = ${id} for update`;
  return row ?? null;
}

/** Locks the order's active attempt, if it has one. */
export async function lockActivePayment(tx: Tx, orderId: string): Promise<PaymentRow | null> {
  const [row] = await tx<PaymentRow[]>`
    select * from payments where order_id = ${orderId} and status = any(${ACTIVE_STATUSES as string[]})
       for update`;
  return row ?? null;
}

/**
 * Inserts a pending attempt; false when the order already has an active one (the partial unique
 * index `payments_one_active` decides, whatever the caller read before).
 */
export async function insertPendingPayment(
  tx: Tx,
  input: {
    id: string;
    orderId: string;
    provider: string;
    method: PaymentMethod;
    amountMinor: number;
    currency: string;
    cardBrand: string | null;
    cardLast4: string | null;
    idempotencyKey: string;
  },
): Promise<boolean> {
  const inserted = await tx`
    insert into payments (id, order_id, provider, method, status, amount_minor, currency, card_brand,
                          card_last4, idempotency_key)
    values (${input.id}, ${input.orderId}, ${input.provider}, ${input.method}, 'pending', ${input.amountMinor},
            ${input.currency}, ${input.cardBrand}, ${input.cardLast4}, ${input.idempotencyKey})
    on conflict do nothing`;
  return inserted.count === 1;
}

/** Attempts left open longer than `olderThanSeconds`, oldest first (for reconciliation). */
export async function findStaleActivePayments(
  db: Db,
  options: { olderThanSeconds: number; limit: number },
): Promise<{ id: string; order_id: string; provider: string }[]> {
  return db<{ id: string; order_id: string; provider: string }[]>`
    select id, order_id, provider from payments
     where status = any(${ACTIVE_STATUSES as string[]})
       and updated_at < now() - make_interval(secs => ${options.olderThanSeconds})
     order by updated_at limit ${options.limit}`;
}

/** Refunds still waiting for the provider's answer after `olderThanSeconds`. */
export async function findStalePendingRefunds(
  db: Db,
  options: { olderThanSeconds: number; limit: number },
): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select id from refunds
     where status = 'pending' and updated_at < now() - make_interval(secs => ${options.olderThanSeconds})
     order by updated_at limit ${options.limit}`;
  return rows.map((r) => r.id);
}
