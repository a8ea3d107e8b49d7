/**
 * Records one of Lantern's messages in the recipient's language: the notifications module words
 * it from its templates (`templates/zh-CN.ts`, `templates/en.ts`), stores it with any secret
 * masked and returns it ready to deliver. The only way other modules record a message.
 */
import type { Db } from '../../app/database.ts';
import { type OutgoingMessage, recordNotification } from './record-notification.ts';
import { enMessages } from './templates/en.ts';
import {
  KINDS_WITH_SECRET,
  MESSAGE_CHANNELS,
  type MessageKind,
  type MessageLocale,
  type MessageParams,
  type MessageTemplates,
} from './templates/message-kinds.ts';
import { zhCNMessages } from './templates/zh-CN.ts';

const TEMPLATES: Record<MessageLocale, MessageTemplates> = { 'zh-CN': zhCNMessages, en: enMessages };

export interface RecordMessageInput<K extends MessageKind> {
  kind: K;
  /** The recipient's language: their saved preference, else the language of their request. */
  locale: MessageLocale;
  /** A phone number for SMS, an email address for email (the kind decides which). */
  recipient: string;
  params: MessageParams[K];
  /** A one-time code or a link's token: delivered, stored masked. Required by kinds that have one. */
  secret?: string;
}

/** The subject and body of a message in a language, `{secret}` still in place. */
export function renderMessage<K extends MessageKind>(
  kind: K,
  locale: MessageLocale,
  params: MessageParams[K],
): { subject: string; body: string } {
  const template = TEMPLATES[locale][kind];
  return { subject: template.subject(params), body: template.body(params) };
}

/**
 * Words the message in `locale`, stores it (secret masked) in the caller's transaction and returns
 * the full message; deliver it (`Notifier.deliver`) after commit.
 *
 * @example
 * const sms = await recordMessage(tx, { kind: 'login.code', locale: 'zh-CN', recipient: phone,
 *   params: { minutes: 5 }, secret: code });
 */
export async function recordMessage<K extends MessageKind>(
  db: Db,
  input: RecordMessageInput<K>,
): Promise<OutgoingMessage> {
  if (KINDS_WITH_SECRET.has(input.kind) !== (input.secret !== undefined))
    throw new Error(`a ${input.kind} message ${input.secret === undefined ? 'needs' : 'takes no'} secret`);
  const { subject, body } = renderMessage(input.kind, input.locale, input.params);
  return recordNotification(db, {
    channel: MESSAGE_CHANNELS[input.kind],
    recipient: input.recipient,
    subject,
    body,
    ...(input.secret === undefined ? {} : { secret: input.secret }),
  });
}
