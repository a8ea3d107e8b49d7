import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import type { Sql } from '../../../app/database.ts';
import { recordEvent } from '../../../app/events.ts';
import { newId } from '../../../app/ids.ts';
import { backfillPurchaseEvents } from './backfill-purchase-events.ts';
import { linkShopperKey } from './link-shopper-key.ts';
import { PURCHASE_CONSUMER, recordPurchaseEvents } from './record-purchase-events.ts';
import { setShopperConsent } from './shopper-consent.ts';

async function publishedProducts(sql: Sql, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from products where status = 'published' order by id limit ${n}`;
  return rows.map((r) => r.id);
}

/** A customer with a shopper key and the given consent. */
async function customer(sql: Sql, consent: { personalisation: boolean; analytics: boolean }) {
  const id = newId('cus');
  await sql`insert into customers (id, email) values (${id}, ${`${id}@example.com`})`;
  const key = await linkShopperKey(sql, null, id);
  await setShopperConsent(sql, key, consent);
  return { id, key };
}

/** Places an order the way checkout does: the order, its lines and `order.placed` in one transaction. */
async function placeOrder(
  sql: Sql,
  customerId: string | null,
  productIds: string[],
  status = 'paid',
): Promise<string> {
  const orderId = newId('ord');
  await sql.begin(async (tx) => {
    await tx`insert into orders (id, number, customer_id, access_token_hash, status, currency, subtotal_minor,
        shipping_minor, total_minor, shipping_address, delivery_option, payment_due_at)
      values (${orderId}, ${orderId}, ${customerId}, 'x', ${status}, 'CNY', 100, 0, 100,
        ${tx.json({ city: '上海市' })}, 'standard', now())`;
    for (const productId of productIds) {
      await tx`insert into order_lines (id, order_id, product_id, variant_id, sku, title_zh, title_en,
          unit_price_minor, quantity, line_total_minor)
        values (${newId('oln')}, ${orderId}, ${productId}, 'var_x', 'SKU', '商品', 'Product', 50, 1, 50)`;
    }
    await recordEvent(tx, 'order.placed', orderId, {
      number: orderId,
      customerId,
      totalMinor: 100,
      currency: 'CNY',
      productIds,
    });
  });
  return orderId;
}

/**
 * The order consumer's first run, after the orders so far: its cursor passes every committed
 * transaction. (A real first run starts at the cluster's oldest open transaction, which other
 * test files make unpredictable.)
 */
async function startConsumerAfterOrders(sql: Sql) {
  await sql`insert into event_consumers (name, passed_txid) values (${PURCHASE_CONSUMER}, pg_current_xact_id())`;
}

async function purchasesOf(sql: Sql, key: string) {
  return sql<{ product_id: string; for_analytics: boolean; occurred_at: Date }[]>`
    select product_id, for_analytics, occurred_at from behaviour_events
     where shopper_key = ${key} and kind = 'purchase' order by product_id`;
}

describe('backfillPurchaseEvents', () => {
  it('turns earlier orders of consenting customers into purchase events, once', async () => {
    const { sql } = await createTestDatabase();
    const products = await publishedProducts(sql, 4);
    const consenting = await customer(sql, { personalisation: true, analytics: true });
    const analyticsOnly = await customer(sql, { personalisation: false, analytics: true });
    const paid = await placeOrder(sql, consenting.id, [products[0]!, products[1]!]);
    await placeOrder(sql, consenting.id, [products[2]!], 'cancelled');
    await placeOrder(sql, analyticsOnly.id, [products[3]!]);
    await placeOrder(sql, null, [products[3]!]);
    await startConsumerAfterOrders(sql);

    const added = await backfillPurchaseEvents(sql);

    const [order] = await sql<{ created_at: Date }[]>`select created_at from orders where id = ${paid}`;
    const purchases = await purchasesOf(sql, consenting.key);
    expect(purchases.map((p) => p.product_id)).toEqual([products[0], products[1]].sort());
    expect(purchases.map((p) => p.occurred_at)).toEqual([order!.created_at, order!.created_at]);
    expect(purchases.every((p) => p.for_analytics)).toBe(true);
    expect(await purchasesOf(sql, analyticsOnly.key)).toEqual([]);
    expect(added).toBe(2);

    // Once: a second run (another instance, a restart) adds nothing, and the consumer skips them.
    expect(await backfillPurchaseEvents(sql)).toBeNull();
    await recordPurchaseEvents(sql);
    expect(await purchasesOf(sql, consenting.key)).toHaveLength(2);
  });

  it('never doubles an order the consumer recorded, and records every earlier one', async () => {
    const { sql } = await createTestDatabase();
    const products = await publishedProducts(sql, 2);
    const shopper = await customer(sql, { personalisation: true, analytics: false });
    await placeOrder(sql, shopper.id, [products[0]!]);
    // The consumer's first run starts its cursor after the order above (usually: it may still see
    // it when an older transaction elsewhere in the cluster was open, which the backfill allows for).
    await recordPurchaseEvents(sql);
    await placeOrder(sql, shopper.id, [products[1]!]);
    await expect
      .poll(
        async () => {
          await recordPurchaseEvents(sql);
          return (await purchasesOf(sql, shopper.key)).some((p) => p.product_id === products[1]);
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(true);

    await backfillPurchaseEvents(sql);
    await recordPurchaseEvents(sql);

    const purchases = await purchasesOf(sql, shopper.key);
    expect(purchases.map((p) => p.product_id)).toEqual([products[0], products[1]].sort());
  });

  it('leaves orders older than the retention period alone', async () => {
    const { sql } = await createTestDatabase();
    const [product] = await publishedProducts(sql, 1);
    const shopper = await customer(sql, { personalisation: true, analytics: false });
    const orderId = await placeOrder(sql, shopper.id, [product!]);
    await sql`update orders set created_at = now() - interval '40 days' where id = ${orderId}`;
    await startConsumerAfterOrders(sql);

    expect(await backfillPurchaseEvents(sql, 30)).toBe(0);
    expect(await purchasesOf(sql, shopper.key)).toEqual([]);
  });

  it('leaves an order whose event the consumer is retrying to the consumer', async () => {
    const { sql } = await createTestDatabase();
    const [product] = await publishedProducts(sql, 1);
    const shopper = await customer(sql, { personalisation: true, analytics: false });
    const orderId = await placeOrder(sql, shopper.id, [product!]);
    await startConsumerAfterOrders(sql);
    // The consumer passed the order's event but failed to handle it: the event waits for a retry.
    await sql`insert into event_retries (consumer, event_id, event_type, aggregate_id, payload, event_created_at,
                                         attempts, last_error, first_failed_at, last_failed_at, next_attempt_at)
              select ${PURCHASE_CONSUMER}, id, type, aggregate_id, payload, created_at, 1, 'Error: x', now(), now(), now()
                from domain_events where aggregate_id = ${orderId}`;

    expect(await backfillPurchaseEvents(sql)).toBe(0);
    await recordPurchaseEvents(sql);

    expect((await purchasesOf(sql, shopper.key)).map((p) => p.product_id)).toEqual([product]);
  });
});
