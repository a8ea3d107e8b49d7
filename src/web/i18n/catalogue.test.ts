/**
 * The catalogue is whole: both languages have the same keys with the same `{parameters}`, Chinese
 * texts are Chinese, and every code the application shows people (problem codes, field issue codes
 * and formats, payment methods and failures, order statuses, timeline entry types) has its text.
 * Codes are read from the source, so a new one without a text fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../app/errors.ts';
import { lanternModules } from '../../lantern.ts';
import { DELIVERY_OPTIONS } from '../../modules/checkout/index.ts';
import { ORDER_STATUSES, ORDER_TIMELINE_TYPES } from '../../modules/orders/index.ts';
import { FREQUENCY_SEGMENTS, PRICE_BANDS, RECENCY_SEGMENTS } from '../../modules/recommendations/index.ts';
import { en } from './en.ts';
import { isMessageKey, t } from './i18n.ts';
import { actorLabel, paymentFailureText, timelineText } from './order-text.ts';
import { issueText, problemText } from './problem-text.ts';
import { hasChinese, LATIN_IN_CHINESE } from './untranslated-text-test-support.ts';
import { zhCN } from './zh-CN.ts';

const SRC = path.resolve(import.meta.dirname, '../..');

/** The text of every non-test source file under `dirs` (paths from src/). */
function sources(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.test\.ts$|test-support\.ts$/.test(entry.name))
        out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  for (const dir of dirs) walk(path.join(SRC, dir));
  return out;
}

/** Every first capture group of `patterns` in `texts`. */
function captured(texts: string[], patterns: RegExp[]): Set<string> {
  const found = new Set<string>();
  for (const text of texts) for (const p of patterns) for (const m of text.matchAll(p)) found.add(m[1]!);
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the catalogue', () => {
  it('has the same keys in 简体中文 and English, each with the same parameters', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const mismatched = Object.entries(en).filter(
      ([key, text]) =>
        JSON.stringify(placeholders(text)) !==
        JSON.stringify(placeholders(zhCN[key as keyof typeof en] ?? '')),
    );
    expect(mismatched).toEqual([]);
  });

  it('has no empty text, and every Chinese text is in Chinese (a copied English text is caught)', () => {
    const empty = Object.entries({ ...en, ...zhCN }).filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
    const notChinese = Object.entries(zhCN).filter(
      ([key, text]) => !LATIN_IN_CHINESE.has(key) && !hasChinese(text),
    );
    expect(notChinese).toEqual([]);
  });

  it('words every problem code the modules and the platform raise', () => {
    const texts = sources('modules', 'app', 'web');
    const codes = captured(texts, [
      /\bnew DomainError\(\s*'([a-z_]+)'/g,
      /\b(?:badRequest|conflict)\(\s*'([a-z_]+)'/g,
      /\buniqueViolation\([^,]+,\s*'[a-z_]+',\s*'([a-z_]+)'/g,
      /\bsendProblem\(\s*reply,\s*request,\s*'([a-z_]+)'/g,
    ]);
    for (const what of captured(texts, [/\bnotFound\(\s*'([a-z_]+)'\)/g])) codes.add(`${what}_not_found`);
    for (const code of ['rate_limited', 'unauthenticated', 'forbidden']) codes.add(code);
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter((code) => !isMessageKey(`problem.${code}`))).toEqual([]);
  });

  it('words every field issue code and format the forms and use cases produce', () => {
    const texts = sources('modules', 'app', 'web');
    const codes = captured(texts, [
      /\{[^{}]*\bcode: '([a-z_]+)'[^{}]*\bmessage:/g,
      /\{[^{}]*\bmessage:[^{}]*\bcode: '([a-z_]+)'/g,
      /\bissueCode\(\s*'([a-z_]+)'/g,
      /\bparams: \{ code: '([a-z_]+)'/g,
    ]);
    // zod's issue codes that the forms' schemas can produce; a `custom` one carries its own code
    // in its params (src/app/field-issues.ts), so it never reaches a page as `custom`.
    for (const code of [
      'required',
      'too_small',
      'too_big',
      'invalid_format',
      'invalid_type',
      'invalid_value',
    ])
      codes.add(code);
    codes.delete('custom');
    expect([...codes].filter((code) => !isMessageKey(`validation.${code}`))).toEqual([]);
    const formats = captured(texts, [
      /\bformat: '([a-z_]+)'/g,
      /\bformatted\(\s*\/.+?\/,\s*'([a-z_]+)'/g,
      /\bbadFormatIssue\([^,]+,\s*'([a-z_]+)'/g,
    ]);
    expect(formats.size).toBeGreaterThan(10);
    expect([...formats].filter((f) => !isMessageKey(`validation.invalid_format.${f}`))).toEqual([]);
  });

  it('words every order status, timeline entry type, payment method, sandbox failure code, recommendation reason and interest segment', () => {
    const keys = [
      ...ORDER_STATUSES.map((s) => `order.status.${s}`),
      ...ORDER_TIMELINE_TYPES.map((type) => `timeline.${type}`),
    ];
    const payments = sources('modules/payments');
    const methodUnion = payments.join('\n').match(/export type PaymentMethod = ([^;]+);/)![1]!;
    for (const m of methodUnion.matchAll(/'([a-z_]+)'/g)) keys.push(`payment.method.${m[1]}`);
    for (const code of captured(payments, [/\bfailureCode: '([a-z_]+)'/g]))
      keys.push(`payment.failure.${code}`);
    for (const band of PRICE_BANDS) keys.push(`interests.tag.price_band.${band.code}`);
    for (const segment of RECENCY_SEGMENTS) keys.push(`interests.tag.recency.${segment.code}`);
    for (const segment of FREQUENCY_SEGMENTS) keys.push(`interests.tag.frequency.${segment.code}`);
    const reasons = sources('modules/recommendations')
      .join('\n')
      .match(/export type ReasonCode = ([^;]+);/)![1]!;
    for (const m of reasons.matchAll(/'([a-z_]+)'/g)) keys.push(`rec.reason.${m[1]}.general`);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it('words every delivery option, background task and event type a page names', () => {
    const keys = DELIVERY_OPTIONS.map((o) => `delivery.${o.code}`);
    for (const m of lanternModules)
      for (const consumer of m.consumers ?? []) {
        keys.push(`admin.eventQueue.taskName.${consumer.name}`);
        for (const type of consumer.types) keys.push(`admin.eventQueue.eventType.${type}`);
      }
    const events = sources('modules').join('\n');
    for (const m of events.matchAll(/^\s+'([a-z_]+\.[a-z_]+)': [A-Z]\w+;/gm))
      keys.push(`admin.eventQueue.eventType.${m[1]}`);
    expect(keys.length).toBeGreaterThan(15);
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });
});

describe('system texts', () => {
  it('words a field issue by its most specific entry, with its numbers', () => {
    const tooLong = { code: 'too_big', params: { origin: 'string', maximum: 60 } };
    expect(issueText('zh-CN', tooLong)).toBe('最多填写 60 个字符。');
    expect(issueText('en', tooLong)).toBe('Use at most 60 characters.');
    expect(issueText('en', { code: 'invalid_format', params: { format: 'email' } })).toBe(
      'Enter a valid email address.',
    );
    expect(issueText('en', { code: 'invalid_format', params: { format: 'regex' } })).toBe(
      'Check the format.',
    );
    expect(issueText('zh-CN', { code: 'something_new' })).toBe('此项无效。');
  });

  it('words a problem by its code, else by its status, and never shows internals', () => {
    expect(problemText('zh-CN', new DomainError('insufficient_stock', 409, 'Only 2 left.'))).toBe(
      '库存不足，无法满足该数量。',
    );
    expect(problemText('en', new DomainError('brand_new_code', 409, 'Some English detail.'))).toBe(
      t('en', 'problem.conflict'),
    );
    expect(problemText('zh-CN', new Error('connection refused at 10.0.0.1'))).toBe('请稍后再试。');
    expect(problemText('zh-CN', new DomainError('internal_error', 500, 'stack'))).toBe('请稍后再试。');
  });

  it('words timeline entries with their parameters in words and amounts in the locale', () => {
    const failed = {
      type: 'payment.failed',
      params: { paymentId: 'pay_1', method: 'card', failureCode: 'card_declined' },
    };
    expect(timelineText('zh-CN', failed)).toBe('银行卡支付失败：银行卡被拒绝');
    expect(timelineText('en', failed)).toBe('Payment by card failed: the card was declined');
    const refunded = {
      type: 'payment.refunded',
      params: { paymentId: 'pay_1', amountMinor: 1250, currency: 'CNY' },
    };
    expect(timelineText('zh-CN', refunded)).toBe('已退款 ¥12.50');
    expect(timelineText('en', { type: 'payment.captured_late', params: { orderStatus: 'cancelled' } })).toBe(
      'A payment arrived after the order was Cancelled; it is to be refunded',
    );
    expect(timelineText('zh-CN', { type: 'order.unheard_of', params: {} })).toBe('订单已更新');
    expect(paymentFailureText('en', 'new_provider_code')).toBe('the payment was not completed');
    expect(actorLabel('zh-CN', 'staff:stf_1')).toBe('员工 stf_1');
    expect(actorLabel('zh-CN', 'system')).toBe('系统');
  });
});
