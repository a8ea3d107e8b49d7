/**
 * Delivery of SMS and email, built once per app from configuration. Lantern has no SMS or email
 * provider adapter yet, so the only way a message reaches anyone is the development outbox
 * (DEV_OUTBOX=1). Use cases ask `canDeliver` first and refuse what cannot be sent instead of
 * pretending to send it.
 */
import { DomainError } from '../../app/errors.ts';
import { DevOutbox } from './dev-outbox.ts';
import type { NotificationChannel, OutgoingMessage } from './record-notification.ts';

/** Sends recorded messages on. */
export interface Notifier {
  /** True when messages on `channel` reach someone. */
  canDeliver(channel: NotificationChannel): boolean;
  /** Hands a recorded message to its channel (call after the recording transaction commits). */
  deliver(message: OutgoingMessage): Promise<void>;
  /** The development outbox, when DEV_OUTBOX=1. */
  readonly devOutbox: DevOutbox | null;
}

/** The notifier for a configuration: the development outbox when enabled, else nothing. */
export function createNotifier(options: { devOutbox: boolean }): Notifier {
  const devOutbox = options.devOutbox ? new DevOutbox() : null;
  return {
    devOutbox,
    canDeliver: () => devOutbox !== null,
    async deliver(message) {
      if (!devOutbox) throw cannotDeliver(message.channel);
      devOutbox.add(message);
    },
  };
}

/** The 503 for a message that has no way to go out: `sms_unavailable` or `email_unavailable`. */
export function cannotDeliver(channel: NotificationChannel): DomainError {
  return channel === 'sms'
    ? new DomainError('sms_unavailable', 503, 'This shop cannot send text messages, so phone sign-in is off.')
    : new DomainError(
        'email_unavailable',
        503,
        'This shop cannot send email, so new accounts cannot be opened.',
      );
}
