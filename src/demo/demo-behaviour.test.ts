import { describe, expect, it } from 'vitest';
import { buildDemoBehaviour, DEMO_HISTORY_DAYS } from './demo-behaviour.ts';
import { buildDemoRows } from './demo-products.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const rows = buildDemoRows(NOW);
const { shopperKeys, events } = buildDemoBehaviour(rows, NOW);
const leafOf = new Map(rows.products.map((p) => [String(p.id), String(p.category_id)]));
const slugOf = new Map(rows.categories.map((c) => [String(c.id), String(c.slug)]));

/** Purchases grouped per visitor and day: what was bought together. */
function baskets(): string[][] {
  const byVisit = new Map<string, string[]>();
  for (const e of events) {
    if (e.kind !== 'purchase') continue;
    const visit = `${e.shopper_key}|${e.occurred_at.slice(0, 13)}`;
    byVisit.set(visit, [...(byVisit.get(visit) ?? []), e.product_id!]);
  }
  return [...byVisit.values()];
}

describe('buildDemoBehaviour', () => {
  it('gives ~300 well-formed visitors 10–20k events of every kind within the last 60 days', () => {
    expect(shopperKeys).toHaveLength(300);
    expect(new Set(shopperKeys.map((k) => k.key)).size).toBe(300);
    expect(shopperKeys.every((k) => /^vk_[A-Za-z0-9_-]{22}$/.test(k.key))).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(10_000);
    expect(events.length).toBeLessThanOrEqual(20_000);
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['add_to_cart', 'product_view', 'purchase', 'search']);
    const times = events.map((e) => Date.parse(e.occurred_at));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - DEMO_HISTORY_DAYS * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.filter((e) => e.kind === 'search').every((e) => e.query && !e.product_id)).toBe(true);
  });

  it('is the same every time', () => {
    expect(buildDemoBehaviour(rows, NOW)).toEqual({ shopperKeys, events });
  });

  it('touches only published products, and only once they are published', () => {
    const published = new Map(
      rows.products
        .filter((p) => p.status === 'published')
        .map((p) => [p.id, Date.parse(String(p.published_at))]),
    );
    for (const e of events) {
      if (!e.product_id) continue;
      expect(published.has(e.product_id), e.product_id).toBe(true);
      expect(Date.parse(e.occurred_at)).toBeGreaterThanOrEqual(published.get(e.product_id)!);
    }
  });

  it('has a long tail: the top tenth of products draws far more views than the bottom half', () => {
    const views = new Map<string, number>();
    for (const e of events)
      if (e.kind === 'product_view') views.set(e.product_id!, (views.get(e.product_id!) ?? 0) + 1);
    const counts = [...views.values()].sort((a, b) => b - a);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(counts.slice(0, Math.ceil(counts.length / 10)))).toBeGreaterThan(
      sum(counts.slice(Math.floor(counts.length / 2))),
    );
  });

  it('grows towards now: the last 20 days hold more events than the first 20', () => {
    const daysAgo = events.map((e) => (NOW - Date.parse(e.occurred_at)) / 86_400_000);
    expect(daysAgo.filter((d) => d < 20).length).toBeGreaterThan(2 * daysAgo.filter((d) => d >= 40).length);
  });

  it('buys complementary categories together (a phone with a charger or headphones)', () => {
    const multi = baskets().filter((b) => b.length > 1);
    expect(multi.length).toBeGreaterThan(50);
    const pairs = multi.map((b) =>
      b
        .map((id) => slugOf.get(leafOf.get(id)!))
        .sort()
        .join('+'),
    );
    expect(pairs.some((p) => p === 'chargers+phones' || p === 'headphones+phones')).toBe(true);
    // Each basket mixes two different categories, never two products of one.
    expect(pairs.every((p) => p.split('+')[0] !== p.split('+')[1])).toBe(true);
  });
});
