/** The events inventory records, and their payloads (`recordEvent` checks them; see `src/app/events.ts`). */

/** A variant's stock in one warehouse changed (adjustment, reservation, release, commit). */
export interface StockChanged {
  variantId: string;
  /** Present when the writer knew it; a consumer resolves it from the variant otherwise. */
  productId?: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  /** The adjustment reason or reservation step, e.g. `restock`, `reserved`. */
  cause: string;
}

declare module '../../app/events.ts' {
  interface EventPayloads {
    'stock.changed': StockChanged;
  }
}
