/** Reads the development outbox, newest first, one capped page at a time. */
import type { Db } from '../../app/database.ts';
import type { NotificationChannel } from './send-notification.ts';

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxMessage {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
}

export interface OutboxPage {
  items: OutboxMessage[];
  page: number;
  pageSize: number;
  total: number;
}

/** One page (1-based) of outbox messages, newest first. */
export async function listOutbox(db: Db, input: { page?: number } = {}): Promise<OutboxPage> {
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const offset = (page - 1) * OUTBOX_PAGE_SIZE;
  const rows = await db<(OutboxMessage & { total: number })[]>`
    select id, channel, recipient, subject, body, created_at as "createdAt", count(*) over () as total
      from notifications
     order by created_at desc, id desc
     limit ${OUTBOX_PAGE_SIZE} offset ${offset}`;
  const total = rows[0]?.total ?? (await countAll(db));
  return {
    items: rows.map(({ total: _total, ...message }) => message),
    page,
    pageSize: OUTBOX_PAGE_SIZE,
    total: Number(total),
  };
}

async function countAll(db: Db): Promise<number> {
  const [row] = await db<{ n: number }[]>`select count(*)::int as n from notifications`;
  return row?.n ?? 0;
}
