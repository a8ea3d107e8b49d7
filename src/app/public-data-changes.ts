/**
 * A signal, within this process, that public catalogue data changed (a merchant edited, archived
 * or restocked something). The caches of public pages and API answers listen and empty themselves,
 * so a merchant sees an edit at once; other instances catch up within their caches' few seconds.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

/** Calls `listener` whenever public data changes; returns a function that stops listening. */
export function onPublicDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listening cache that public data changed. */
export function publicDataChanged(): void {
  for (const listener of listeners) listener();
}
