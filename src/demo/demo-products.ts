/**
 * Turns the demo vocabulary into rows: categories, brands, products, options, variants, stock,
 * pictures. Pure and deterministic (seeded PRNG): the same shop on every machine.
 */
import { CATALOG, type OptionSpec, type OptionValue, type Text } from './demo-catalog.ts';
import { productSvg } from './demo-images.ts';
import { createPrng, type Prng } from './prng.ts';

export interface DemoRows {
  categories: Record<string, unknown>[];
  brands: Record<string, unknown>[];
  products: Record<string, unknown>[];
  options: Record<string, unknown>[];
  variants: Record<string, unknown>[];
  media: Record<string, unknown>[];
  files: { id: string; svg: string }[];
  stock: { variant_id: string; warehouse_code: string; on_hand: number }[];
}

const DAY_MS = 86_400_000;

/** Builds every row of the demo catalogue; dates count back from `now`, all else is fixed. */
export function buildDemoRows(now = Date.now(), seed = 20260101): DemoRows {
  const rng = createPrng(seed);
  const rows: DemoRows = {
    categories: [],
    brands: [],
    products: [],
    options: [],
    variants: [],
    media: [],
    files: [],
    stock: [],
  };
  const slugs = new Set<string>();
  let productNo = 0;
  CATALOG.forEach((top, topIndex) => {
    const topId = rng.id('cat');
    rows.categories.push(category(topId, null, top, topIndex));
    const brands = top.brands.map((b) => {
      const id = rng.id('brd');
      rows.brands.push({ id, slug: b.slug, name_zh: b.zh, name_en: b.en });
      return { ...b, id };
    });
    top.leaves.forEach((leaf, leafIndex) => {
      const leafId = rng.id('cat');
      rows.categories.push(category(leafId, topId, leaf, leafIndex));
      for (let i = 0; i < leaf.count; i++) {
        productNo++;
        const kind = i < leaf.kinds.length ? leaf.kinds[i]! : rng.pick(leaf.kinds);
        const brand = brands[i % brands.length]!;
        const series = rng.pick(leaf.series);
        const title = {
          zh: `${brand.zh} ${series} ${kind.zh}`,
          en: `${brand.en} ${series} ${kind.en}`,
        };
        const slug = uniqueSlug(slugs, `${brand.slug}-${series}-${kind.en}`);
        const productId = rng.id('prod');
        // The first product of each leaf stays published and in stock: search acceptance and the
        // journeys rely on finding e.g. a 无线蓝牙降噪耳机 that can be bought.
        const roll = i === 0 ? 0.5 : rng.next();
        const status = roll < 0.03 ? 'draft' : roll < 0.05 ? 'archived' : 'published';
        const stockKind = i === 0 ? 'normal' : roll < 0.12 ? 'out' : roll < 0.22 ? 'low' : 'normal';
        const chosen = leaf.options.map((o) => ({ spec: o, values: pickValues(rng, o) }));
        const basePrice = roundPrice(rng.int(leaf.price[0], leaf.price[1])) * 100;
        const hasCompareAt = rng.chance(0.3);
        const variants = combinations(chosen.map((c) => c.values));
        const prices: number[] = [];
        variants.forEach((combo, position) => {
          const price = basePrice + combo.reduce((sum, v) => sum + (v.extraMinor ?? 0), 0);
          prices.push(price);
          const variantId = rng.id('var');
          rows.variants.push({
            id: variantId,
            product_id: productId,
            sku: `LT-${String(productNo).padStart(4, '0')}-${String(position + 1).padStart(2, '0')}`,
            option_values: Object.fromEntries(chosen.map((c, k) => [c.spec.code, combo[k]!.code])),
            price_minor: price,
            compare_at_minor: hasCompareAt ? Math.round((price * 1.25) / 100) * 100 : null,
            weight_grams: rng.int(100, 3000),
            position,
          });
          for (const [w, code] of ['SH', 'GZ'].entries()) {
            rows.stock.push({
              variant_id: variantId,
              warehouse_code: code,
              on_hand: stockFor(rng, stockKind, w),
            });
          }
        });
        chosen.forEach((c, position) => {
          rows.options.push({
            product_id: productId,
            code: c.spec.code,
            position,
            name_zh: c.spec.name.zh,
            name_en: c.spec.name.en,
            values: c.values.map(({ code, zh, en }) => ({ code, zh, en })),
          });
        });
        const attributes = leaf.attributes.map((a) => ({
          code: a.code,
          name: a.name,
          value: rng.pick(a.values),
        }));
        const feature = rng.pick(leaf.features);
        const publishedDaysAgo = rng.int(0, 240);
        rows.products.push({
          id: productId,
          slug,
          status,
          title_zh: title.zh,
          title_en: title.en,
          description_zh: `${title.zh}：${feature.zh}。${attributes.map((a) => `${a.name.zh}${a.value.zh}`).join('，')}。正品保障，全国包邮。`,
          description_en: `The ${title.en} offers ${feature.en}. ${attributes.map((a) => `${a.name.en}: ${a.value.en}`).join('; ')}. Genuine product, free delivery nationwide.`,
          brand_id: brand.id,
          category_id: leafId,
          attributes,
          min_price_minor: Math.min(...prices),
          max_price_minor: Math.max(...prices),
          sales_count: Math.floor(Math.exp(rng.next() * 9)) + (i === 0 ? 500 : 0),
          rating_avg: (3.6 + rng.next() * 1.4).toFixed(2),
          rating_count: rng.int(0, 2000),
          created_at: new Date(now - (publishedDaysAgo + rng.int(1, 20)) * DAY_MS).toISOString(),
          published_at: status === 'draft' ? null : new Date(now - publishedDaysAgo * DAY_MS).toISOString(),
        });
        addPictures(rng, rows, { productId, title, glyph: leaf.glyph, tint: top.tint, chosen });
      }
    });
  });
  return rows;
}

function category(
  id: string,
  parentId: string | null,
  c: Text & { slug: string; consumable?: boolean },
  position: number,
) {
  const consumable = c.consumable ?? false;
  return { id, parent_id: parentId, slug: c.slug, name_zh: c.zh, name_en: c.en, position, consumable };
}

function pickValues(rng: Prng, option: OptionSpec): OptionValue[] {
  const count = rng.int(option.pick[0], Math.min(option.pick[1], option.values.length));
  // Keep the declared order (S before M, 128 GB before 256 GB) for all but colours.
  if (option.code === 'color') return rng.sample(option.values, count);
  const start = rng.int(0, option.values.length - count);
  return option.values.slice(start, start + count);
}

function combinations(lists: OptionValue[][]): OptionValue[][] {
  return lists.reduce<OptionValue[][]>(
    (acc, list) => acc.flatMap((combo) => list.map((v) => [...combo, v])),
    [[]],
  );
}

/** Prices end in 9 the way shops price them: 1299, 899, 59. */
function roundPrice(yuan: number): number {
  if (yuan < 100) return Math.max(9, Math.floor(yuan / 10) * 10 + 9);
  return Math.floor(yuan / 100) * 100 + 99;
}

function stockFor(rng: Prng, kind: 'normal' | 'low' | 'out', warehouse: number): number {
  if (kind === 'out') return 0;
  if (kind === 'low') return warehouse === 0 ? rng.int(1, 3) : rng.int(0, 2);
  return rng.chance(0.1) ? 0 : rng.int(12, 240);
}

function uniqueSlug(taken: Set<string>, text: string): string {
  const base = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  let slug = base || 'product';
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

function addPictures(
  rng: Prng,
  rows: DemoRows,
  p: {
    productId: string;
    title: Text;
    glyph: Parameters<typeof productSvg>[0]['glyph'];
    tint: [string, string];
    chosen: { spec: OptionSpec; values: OptionValue[] }[];
  },
) {
  const colors = p.chosen.find((c) => c.spec.code === 'color')?.values ?? [];
  const count = rng.int(2, 3);
  for (let k = 0; k < count; k++) {
    const colour = colors[k % Math.max(colors.length, 1)];
    const id = rng.id('med');
    rows.files.push({
      id,
      svg: productSvg({ glyph: p.glyph, tint: p.tint, color: colour?.hex ?? '#334155', angle: k }),
    });
    rows.media.push({
      id,
      product_id: p.productId,
      url: `/media/${id}`,
      alt_zh: colour ? `${p.title.zh}（${colour.zh}）` : p.title.zh,
      alt_en: colour ? `${p.title.en} (${colour.en})` : p.title.en,
      width: 800,
      height: 800,
      position: k,
    });
  }
}
