/**
 * Two instances (two pools on one database): a change committed through one reaches the other's
 * cached signals by NOTIFY, with no in-process signal and well before the cache's TTL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import { connect } from '../../../app/database.ts';
import { newShopperKey } from '../events/shopper-key.ts';
import { shopperSignals } from './shopper-signals.ts';

const { sql: first, url } = await createTestDatabase();
const second = connect(url, { max: 2 });

afterAll(async () => {
  await second.end({ timeout: 5 });
});

async function productIds(n: number): Promise<string[]> {
  const rows = await first<{ id: string }[]>`
    select id from products where status = 'published' order by id limit ${n}`;
  return rows.map((r) => r.id);
}

describe('shopper signals across instances', () => {
  it('follows events, consent and removed interests written by another instance', async () => {
    const key = newShopperKey();
    const [viewed, other] = await productIds(2);
    await second`insert into shopper_keys (key, personalisation, analytics) values (${key}, true, false)`;
    await second`insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics, occurred_at)
                 values (${key}, 'product_view', ${viewed!}, true, false, now())`;
    // The first instance caches the shopper (and starts listening on its first use).
    expect((await shopperSignals(first, key)).events.map((e) => e.productId)).toEqual([viewed]);

    // Written by "another instance" in plain SQL: only a notification can tell the first one.
    // The 20 s bounds below are for a busy machine and still far inside the cache's TTL (45 s+).
    await second`insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics, occurred_at)
                 values (${key}, 'product_view', ${other!}, true, false, now())`;
    await expect
      .poll(async () => (await shopperSignals(first, key)).events.map((e) => e.productId), {
        timeout: 20_000,
      })
      .toEqual([other, viewed]);

    await second`update shopper_keys set personalisation = false where key = ${key}`;
    await expect
      .poll(async () => (await shopperSignals(first, key)).events.length, { timeout: 20_000 })
      .toBe(0);

    const [product] = await first<{ brand_id: string }[]>`
      select brand_id from products where id = ${viewed!}`;
    await second`insert into shopper_interest_removals (shopper_key, kind, value)
                 values (${key}, 'brand', ${product!.brand_id})`;
    await expect
      .poll(async () => (await shopperSignals(first, key)).excluded.has(viewed!), { timeout: 20_000 })
      .toBe(true);
  });
});
