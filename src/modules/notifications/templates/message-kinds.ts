/**
 * The messages Lantern sends, by kind: each kind has a channel and typed parameters, and its words
 * live in one template per language (`zh-CN.ts`, `en.ts`). Callers choose a kind, the recipient's
 * locale and the parameters (`recordMessage`); they never compose the text.
 */
import type { NotificationChannel } from '../record-notification.ts';

/** The languages a message can be written in (the shop's two). */
export type MessageLocale = 'zh-CN' | 'en';
export const MESSAGE_LOCALES: readonly MessageLocale[] = ['zh-CN', 'en'];

/** Parameters of each kind. A `link` holds `{secret}` where the secret goes. */
export interface MessageParams {
  /** The emailed link that finishes a registration. */
  'registration.confirm': { name: string; link: string; hours: number };
  /** Someone tried to register with an address that already has an account. */
  'registration.account_exists': { loginUrl: string };
  /** A one-time sign-in code by SMS; the code is the secret. */
  'login.code': { minutes: number };
}

export type MessageKind = keyof MessageParams;

/** The channel of each kind. */
export const MESSAGE_CHANNELS: { readonly [K in MessageKind]: NotificationChannel } = {
  'registration.confirm': 'email',
  'registration.account_exists': 'email',
  'login.code': 'sms',
};

/** The kinds whose text carries a secret (`{secret}` in the body). */
export const KINDS_WITH_SECRET: ReadonlySet<MessageKind> = new Set(['registration.confirm', 'login.code']);

/** One language's words for every kind: a subject and a body from the kind's parameters. */
export type MessageTemplates = {
  readonly [K in MessageKind]: {
    subject: (params: MessageParams[K]) => string;
    body: (params: MessageParams[K]) => string;
  };
};

/** Narrows any value to a message locale, falling back to 简体中文 like the storefront. */
export function toMessageLocale(value: unknown): MessageLocale {
  return value === 'en' ? 'en' : 'zh-CN';
}

/**
 * The language an API client asks for in `Accept-Language` (its first choice), for the messages
 * its request causes; 简体中文 unless English comes first, as on the storefront.
 */
export function messageLocaleFromAcceptLanguage(header: string | undefined): MessageLocale {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
