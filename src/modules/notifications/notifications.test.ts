import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { createNotifier, DEV_OUTBOX_SIZE, MASKED_SECRET, recordNotification } from './index.ts';

const { sql } = await createTestDatabase();

describe('recordNotification', () => {
  it('stores the text with the secret masked and returns it with the secret filled in', async () => {
    const message = await recordNotification(sql, {
      channel: 'sms',
      recipient: '13800138000',
      body: 'Your code is {secret}. 验证码：{secret}',
      secret: '123456',
    });
    expect(message.body).toBe('Your code is 123456. 验证码：123456');
    const [row] = await sql<{ body: string }[]>`select body from notifications where id = ${message.id}`;
    expect(row!.body).toBe(`Your code is ${MASKED_SECRET}. 验证码：${MASKED_SECRET}`);
  });

  it('stores a message without a secret as it is, and refuses a secret without its place', async () => {
    const plain = await recordNotification(sql, {
      channel: 'email',
      recipient: 'a@example.com',
      body: 'Hello',
    });
    expect(plain).toMatchObject({ subject: '', body: 'Hello' });
    await expect(
      recordNotification(sql, { channel: 'sms', recipient: '1', body: 'no place', secret: '1' }),
    ).rejects.toThrow(/placeholder/);
  });
});

describe('createNotifier', () => {
  const message = {
    id: 'ntf_x',
    channel: 'sms' as const,
    recipient: '1',
    subject: '',
    body: 'b',
    createdAt: new Date(),
  };

  it('without the development outbox delivers nothing and says so', async () => {
    const notifier = createNotifier({ devOutbox: false });
    expect(notifier.canDeliver('sms')).toBe(false);
    expect(notifier.canDeliver('email')).toBe(false);
    expect(notifier.devOutbox).toBeNull();
    await expect(notifier.deliver(message)).rejects.toMatchObject({ code: 'sms_unavailable', status: 503 });
  });

  it('with it keeps the latest messages in memory, newest first', async () => {
    const notifier = createNotifier({ devOutbox: true });
    expect(notifier.canDeliver('email')).toBe(true);
    for (let i = 0; i < DEV_OUTBOX_SIZE + 5; i++) await notifier.deliver({ ...message, body: `m${i}` });
    const kept = notifier.devOutbox!.list();
    expect(kept).toHaveLength(DEV_OUTBOX_SIZE);
    expect(kept[0]!.body).toBe(`m${DEV_OUTBOX_SIZE + 4}`);
  });
});
