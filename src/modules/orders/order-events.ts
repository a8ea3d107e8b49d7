/** The events orders records, and their payloads (`recordEvent` checks them; see `src/app/events.ts`). */

/** An order was placed (aggregate: the order id); guest orders have no customer. */
export interface OrderPlaced {
  number: string;
  customerId: string | null;
  totalMinor: number;
  currency: string;
  /** Distinct product ids of its lines, sorted. */
  productIds: string[];
}

/** An order was paid: the quantity sold per product (the catalog's sales counts). */
export interface OrderPaid {
  productIds: string[];
  products: { productId: string; quantity: number }[];
}

export interface OrderShipped {
  trackingNumber: string;
  productIds: string[];
}

export interface OrderCancelled {
  reason: string;
  /** It had been paid: the captured amount is to be refunded. */
  refundNeeded: boolean;
  productIds: string[];
}

declare module '../../app/events.ts' {
  interface EventPayloads {
    'order.placed': OrderPlaced;
    'order.paid': OrderPaid;
    'order.shipped': OrderShipped;
    'order.delivered': Record<string, never>;
    'order.completed': Record<string, never>;
    'order.cancelled': OrderCancelled;
  }
}
