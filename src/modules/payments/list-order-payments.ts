/** The payments of one order, for the merchant's order page (never a card number: brand and last 4). */
import type { Db } from '../../app/database.ts';
import type { Money } from '../../app/money.ts';
import type { NextAction } from './payment-provider.ts';
import { refundableMinor } from './refund-rules.ts';

export interface PaymentSummary {
  id: string;
  method: string;
  status: string;
  amount: Money;
  refunded: Money;
  /** What may still be refunded (`refund-rules.ts`): zero unless captured and not fully refunded. */
  refundable: Money;
  cardBrand: string | null;
  cardLast4: string | null;
  failureCode: string | null;
  /** Captured when the order did not need it (already paid, or no longer payable): refunded automatically. */
  isSurplus: boolean;
  /** Where the payer approves it, while it waits for them. */
  nextAction: NextAction | null;
  createdAt: Date;
}

/** Every payment attempt of the order, oldest first. */
export async function listOrderPayments(db: Db, orderId: string): Promise<PaymentSummary[]> {
  const rows = await db<
    {
      id: string;
      method: string;
      status: string;
      amount_minor: number;
      refunded_minor: number;
      currency: string;
      card_brand: string | null;
      card_last4: string | null;
      failure_code: string | null;
      is_surplus: boolean;
      next_action: NextAction | null;
      created_at: Date;
    }[]
  >`select id, method, status, amount_minor, refunded_minor, currency, card_brand, card_last4, failure_code,
           is_surplus, case when status in ('pending', 'authorized') then next_action end as next_action, created_at
      from payments where order_id = ${orderId} order by created_at, id`;
  return rows.map((r) => ({
    id: r.id,
    method: r.method,
    status: r.status,
    amount: { amountMinor: r.amount_minor, currency: r.currency },
    refunded: { amountMinor: r.refunded_minor, currency: r.currency },
    refundable: {
      amountMinor: refundableMinor({
        status: r.status,
        amountMinor: r.amount_minor,
        refundedMinor: r.refunded_minor,
      }),
      currency: r.currency,
    },
    cardBrand: r.card_brand,
    cardLast4: r.card_last4,
    failureCode: r.failure_code,
    isSurplus: r.is_surplus,
    nextAction: r.next_action,
    createdAt: r.created_at,
  }));
}
