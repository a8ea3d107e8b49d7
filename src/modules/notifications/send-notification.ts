/** Sends an SMS or email by recording it in the development outbox (the `notifications` table). */
import type { Db } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';

export type NotificationChannel = 'sms' | 'email';

export interface SendNotificationInput {
  channel: NotificationChannel;
  /** A phone number for SMS, an email address for email. */
  recipient: string;
  subject?: string;
  body: string;
}

/**
 * Records a message in the outbox and returns its id. Pass the caller's transaction so the
 * message exists exactly when the change that caused it commits.
 */
export async function sendNotification(db: Db, input: SendNotificationInput): Promise<{ id: string }> {
  const id = newId('ntf');
  await db`insert into notifications (id, channel, recipient, subject, body)
    values (${id}, ${input.channel}, ${input.recipient}, ${input.subject ?? ''}, ${input.body})`;
  return { id };
}
