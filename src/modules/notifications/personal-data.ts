/** Notifications' part of a shopper's data export and erasure: the messages sent to their email or phone. */
import type { Db } from '../../app/database.ts';
import type { DataSubject, PersonalDataHolder } from '../../app/module-definition.ts';

export interface SentNotification {
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

function addressesOf(subject: DataSubject): string[] {
  return [subject.email, subject.phone].filter((v): v is string => Boolean(v));
}

/** Messages sent to any of these addresses (emails or phones), oldest first. */
export async function listNotificationsTo(db: Db, recipients: string[]): Promise<SentNotification[]> {
  if (recipients.length === 0) return [];
  const rows = await db<SentNotification[]>`
    select channel, recipient, subject, body, created_at as "createdAt"
      from notifications where recipient = any(${recipients}) order by created_at, id`;
  return [...rows];
}

/** Exports `notifications` sent to the subject's email or phone; erasure deletes them. */
export const notificationsPersonalData: PersonalDataHolder = {
  async export(db, subject) {
    return { notifications: await listNotificationsTo(db, addressesOf(subject)) };
  },
  async erase(tx, subject) {
    const recipients = addressesOf(subject);
    if (recipients.length) await tx`delete from notifications where recipient = any(${recipients})`;
  },
};
