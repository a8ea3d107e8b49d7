/**
 * The development outbox: with DEV_OUTBOX=1 every message Lantern sends is kept here in full
 * (codes and links included), in this process's memory only, for the developer to read at
 * /dev/outbox. It is never written to the database and is gone at restart.
 */
import type { OutgoingMessage } from './record-notification.ts';

/** How many messages the outbox keeps, newest first. */
export const DEV_OUTBOX_SIZE = 200;

/** An in-memory list of the latest messages. */
export class DevOutbox {
  readonly #messages: OutgoingMessage[] = [];

  /** Keeps a message (dropping the oldest beyond `DEV_OUTBOX_SIZE`). */
  add(message: OutgoingMessage): void {
    this.#messages.unshift(message);
    this.#messages.length = Math.min(this.#messages.length, DEV_OUTBOX_SIZE);
  }

  /** The kept messages, newest first. */
  list(): OutgoingMessage[] {
    return [...this.#messages];
  }
}
