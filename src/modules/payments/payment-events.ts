/** The events payments records, and their payloads (`recordEvent` checks them; see `src/app/events.ts`). */

/** Money moved for an order (aggregate: the payment id). */
export interface PaymentMoved {
  orderId: string;
  amountMinor: number;
  /** A capture the order did not need (already paid, or no longer payable): refunded automatically. */
  surplus?: boolean;
}

declare module '../../app/events.ts' {
  interface EventPayloads {
    'payment.captured': PaymentMoved;
    'payment.refunded': PaymentMoved;
  }
}
