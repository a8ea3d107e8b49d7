/**
 * Migration 0023 turns the English sentences older builds wrote into `order_events.note` into a
 * type plus parameters, keeping only what a person typed. Run on a database migrated to just
 * before it, with rows written the old way.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl } from '../../../../test/support.ts';
import { connect } from '../../../app/database.ts';
import { ensureDatabase } from '../../../app/embedded-postgres.ts';
import { migrate } from '../../../app/migrate.ts';
import { lanternMigrations } from '../../../lantern.ts';

const TIMELINE_MIGRATION = '0023';

async function emptyDatabase() {
  const adminUrl = inject('pgAdminUrl');
  const name = `lantern_mig_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const sql = connect(databaseUrl(adminUrl, name), { max: 2 });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    const admin = connect(adminUrl, { max: 1 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  return sql;
}

describe('migration 0023 (order timeline parameters)', () => {
  it('moves the old English notes into types and parameters and keeps typed reasons', async () => {
    const sql = await emptyDatabase();
    const all = lanternMigrations();
    await migrate(
      sql,
      all.filter((m) => m.version < TIMELINE_MIGRATION),
    );
    await sql`insert into orders (id, number, access_token_hash, status, currency, subtotal_minor,
        shipping_minor, total_minor, shipping_address, delivery_option, payment_due_at)
      values ('ord_old', 'LT0001', 'x', 'cancelled', 'CNY', 1000, 0, 1000, '{}', 'standard', now())`;
    await sql`insert into payments (id, order_id, provider, method, status, amount_minor, currency, failure_code)
      values ('pay_wx', 'ord_old', 'sandbox', 'wechat_pay', 'failed', 1000, 'CNY', 'cancelled_by_shopper')`;
    const old: [string, string, string][] = [
      ['order.placed', '', 'guest'],
      ['payment.failed', 'Payment pay_card failed: card_declined.', 'provider:sandbox'],
      ['payment.failed', 'Payment pay_wx failed.', 'provider:sandbox'],
      ['order.paid', 'Payment pay_ok captured.', 'provider:sandbox'],
      ['order.shipped', 'Tracking number SF123456', 'staff:stf_1'],
      ['order.cancelled', 'Customer asked by phone', 'staff:stf_1'],
      ['order.refund_needed', 'Cancelled after payment: refund the captured amount.', 'staff:stf_1'],
      ['payment.refunded', 'Refunded 12.50 CNY. Damaged in transit', 'staff:stf_1'],
      [
        'order.refund_needed',
        'Payment pay_late was captured after the order became cancelled; refund it.',
        'provider:sandbox',
      ],
      ['order.cancelled', 'Payment not received in time.', 'system'],
    ];
    for (const [type, note, actor] of old)
      await sql`insert into order_events (order_id, type, note, actor) values ('ord_old', ${type}, ${note}, ${actor})`;

    await migrate(sql, all);

    const rows = await sql<{ type: string; params: Record<string, unknown>; note: string }[]>`
      select type, params, note from order_events where order_id = 'ord_old' order by id`;
    expect(rows).toEqual([
      { type: 'order.placed', params: {}, note: '' },
      {
        type: 'payment.failed',
        params: { paymentId: 'pay_card', method: 'other', failureCode: 'card_declined' },
        note: '',
      },
      {
        type: 'payment.failed',
        params: { paymentId: 'pay_wx', method: 'wechat_pay', failureCode: 'failed' },
        note: '',
      },
      { type: 'order.paid', params: { paymentId: 'pay_ok' }, note: '' },
      { type: 'order.shipped', params: { trackingNumber: 'SF123456' }, note: '' },
      { type: 'order.cancelled', params: {}, note: 'Customer asked by phone' },
      { type: 'order.refund_needed', params: {}, note: '' },
      {
        type: 'payment.refunded',
        params: { paymentId: '', amountMinor: 1250, currency: 'CNY' },
        note: 'Damaged in transit',
      },
      {
        type: 'payment.captured_late',
        params: { paymentId: 'pay_late', orderStatus: 'cancelled' },
        note: '',
      },
      { type: 'order.expired', params: {}, note: '' },
    ]);
  });
});
