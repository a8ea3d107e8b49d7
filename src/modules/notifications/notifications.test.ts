import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { listOutbox, OUTBOX_PAGE_SIZE, sendNotification } from './index.ts';

const { sql } = await createTestDatabase();

describe('sendNotification and listOutbox', () => {
  it('records messages and pages them newest first', async () => {
    // Start from an empty outbox whatever the demo seed sent.
    await sql`delete from notifications`;
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 2; i++) {
      await sendNotification(sql, {
        channel: 'email',
        recipient: `r${i}@example.com`,
        subject: `S${i}`,
        body: `B${i}`,
      });
    }
    await sendNotification(sql, { channel: 'sms', recipient: '13800138000', body: 'latest' });
    const first = await listOutbox(sql, { page: 1 });
    expect(first.total).toBe(OUTBOX_PAGE_SIZE + 3);
    expect(first.items).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(first.items[0]).toMatchObject({
      channel: 'sms',
      recipient: '13800138000',
      subject: '',
      body: 'latest',
    });
    const second = await listOutbox(sql, { page: 2 });
    expect(second.items).toHaveLength(3);
    expect((await listOutbox(sql, { page: 9 })).items).toEqual([]);
  });
});
