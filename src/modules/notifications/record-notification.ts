/**
 * Stores an already worded SMS or email in `notifications` and returns it ready to deliver (module
 * internal: other modules call `recordMessage`, which words it from the templates). A secret in the
 * message (a one-time code, a link's token) is written into the text given to the provider but
 * stored masked, so the database, staff screens, exports and backups never hold a usable secret.
 */
import type { Db } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';

export type NotificationChannel = 'sms' | 'email';

/** Where a secret goes in a message body or link: `…/register/confirm?token={secret}`. */
export const SECRET_PLACEHOLDER = '{secret}';
/** What the stored copy shows instead of the secret. */
export const MASKED_SECRET = '••••••';

export interface RecordNotificationInput {
  channel: NotificationChannel;
  /** A phone number for SMS, an email address for email. */
  recipient: string;
  subject?: string;
  /** The text; it holds `{secret}` wherever `secret` goes. */
  body: string;
  /** Delivered in the message, stored masked. */
  secret?: string;
}

/** A message as the provider receives it: the secret filled in. Never persisted. */
export interface OutgoingMessage {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/**
 * Stores the masked copy and returns the full message. Pass the caller's transaction so the record
 * exists exactly when its cause commits, and deliver the answer (`Notifier.deliver`) after commit.
 */
export async function recordNotification(db: Db, input: RecordNotificationInput): Promise<OutgoingMessage> {
  const hasPlaceholder = input.body.includes(SECRET_PLACEHOLDER);
  if (hasPlaceholder !== (input.secret !== undefined))
    throw new Error('a notification secret needs exactly a {secret} placeholder in the body, and vice versa');
  const id = newId('ntf');
  const subject = input.subject ?? '';
  const stored = input.body.replaceAll(SECRET_PLACEHOLDER, MASKED_SECRET);
  const [row] = await db<{ created_at: Date }[]>`
    insert into notifications (id, channel, recipient, subject, body)
    values (${id}, ${input.channel}, ${input.recipient}, ${subject}, ${stored}) returning created_at`;
  const body = input.secret === undefined ? stored : input.body.replaceAll(SECRET_PLACEHOLDER, input.secret);
  return {
    id,
    channel: input.channel,
    recipient: input.recipient,
    subject,
    body,
    createdAt: row!.created_at,
  };
}
