import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import {
  createNotifier,
  DEV_OUTBOX_SIZE,
  MASKED_SECRET,
  MESSAGE_CHANNELS,
  MESSAGE_LOCALES,
  type MessageKind,
  type MessageParams,
  messageLocaleFromAcceptLanguage,
  recordMessage,
  renderMessage,
} from './index.ts';

const { sql } = await createTestDatabase();

/** Parameters for every kind, to render each template in each language. */
const EXAMPLES: { [K in MessageKind]: MessageParams[K] } = {
  'registration.confirm': {
    name: '林小灯',
    link: 'https://shop.test/register/confirm?token={secret}',
    hours: 24,
  },
  'registration.account_exists': { loginUrl: 'https://shop.test/login' },
  'login.code': { minutes: 5 },
};
const KINDS = Object.keys(MESSAGE_CHANNELS) as MessageKind[];
const HAN = /\p{Script=Han}/u;

describe('recordMessage', () => {
  it("words the message in the recipient's language, stores the secret masked and returns it filled in", async () => {
    const message = await recordMessage(sql, {
      kind: 'login.code',
      locale: 'zh-CN',
      recipient: '13800138000',
      params: { minutes: 5 },
      secret: '123456',
    });
    expect(message).toMatchObject({ channel: 'sms', recipient: '13800138000' });
    expect(message.body).toBe('您的 Lantern 登录验证码：123456，5 分钟内有效。请勿告诉他人。');
    const [row] = await sql<{ body: string }[]>`select body from notifications where id = ${message.id}`;
    expect(row!.body).toBe(`您的 Lantern 登录验证码：${MASKED_SECRET}，5 分钟内有效。请勿告诉他人。`);

    const english = await recordMessage(sql, {
      kind: 'registration.account_exists',
      locale: 'en',
      recipient: 'a@example.com',
      params: { loginUrl: 'https://shop.test/login' },
    });
    expect(english).toMatchObject({
      channel: 'email',
      subject: 'Someone tried to register with your address',
    });
    expect(english.body).not.toMatch(HAN);
  });

  it('refuses a secret the kind has no place for, and a missing one', async () => {
    const exists = { kind: 'registration.account_exists', locale: 'en', recipient: 'a@example.com' } as const;
    await expect(recordMessage(sql, { ...exists, params: { loginUrl: 'x' }, secret: '1' })).rejects.toThrow(
      /secret/,
    );
    await expect(
      recordMessage(sql, { kind: 'login.code', locale: 'en', recipient: '1', params: { minutes: 5 } }),
    ).rejects.toThrow(/secret/);
  });
});

describe('message templates', () => {
  it('word every kind in both languages, each in its own language only, with every parameter', () => {
    for (const kind of KINDS)
      for (const locale of MESSAGE_LOCALES) {
        const { subject, body } = renderMessage(kind, locale, EXAMPLES[kind]);
        expect(subject, `${locale} ${kind}`).not.toBe('');
        // The template's own words (parameters taken out) are in its language only: no more
        // two-language messages.
        const words = (text: string) =>
          Object.values(EXAMPLES[kind]).reduce<string>(
            (rest, value) => rest.replaceAll(String(value), ''),
            text,
          );
        for (const text of [subject, body])
          expect(HAN.test(words(text)), `${locale} ${kind}: ${text}`).toBe(locale === 'zh-CN');
        for (const value of Object.values(EXAMPLES[kind]))
          expect(body, `${locale} ${kind} shows ${value}`).toContain(String(value));
      }
  });

  it('take the first language of Accept-Language, 简体中文 by default', () => {
    expect(messageLocaleFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(messageLocaleFromAcceptLanguage('zh-CN,en;q=0.5')).toBe('zh-CN');
    expect(messageLocaleFromAcceptLanguage(undefined)).toBe('zh-CN');
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
