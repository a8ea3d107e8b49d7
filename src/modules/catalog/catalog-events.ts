/** The events catalog records, and their payloads (`recordEvent` checks them; see `src/app/events.ts`). */

/** A product changed as a merchant (`actorId`, null for the system) or the sales count saw it. */
export interface ProductChanged {
  productId: string;
  actorId?: string | null;
  /** `sales`: its sales count moved (search ranks by it). */
  cause?: 'sales';
}

declare module '../../app/events.ts' {
  interface EventPayloads {
    'product.created': ProductChanged;
    'product.updated': ProductChanged;
    'product.published': ProductChanged;
    'product.archived': ProductChanged;
  }
}
