/**
 * A signal, within this process, that what personalises one shopper changed: new events, a
 * consent choice, a merged or forgotten key, a removed interest. Serving caches a shopper's
 * signals for a few seconds and drops them on this signal, so a shopper's next page reflects what
 * they just did; other instances catch up when their short cache expires.
 */
type Listener = (shopperKey: string) => void;

const listeners = new Set<Listener>();

/** Calls `listener` with the key whenever a shopper's signals change; returns an unsubscribe. */
export function onShopperChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listening cache that `shopperKey`'s signals changed. */
export function shopperChanged(shopperKey: string): void {
  for (const listener of listeners) listener(shopperKey);
}
