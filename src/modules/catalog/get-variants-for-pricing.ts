/** Server-side prices and labels for cart and checkout lines: the only source of a line's price. */
import type { Db } from '../../app/database.ts';
import type { Money } from '../../app/money.ts';
import { type Localized, localized, money, type ProductOption, variantLabel } from './catalog.ts';

export interface VariantForPricing {
  variantId: string;
  productId: string;
  productSlug: string;
  sku: string;
  title: Localized;
  /** e.g. "黑色 / M" and "Black / M". */
  variantLabel: Localized;
  /** The product's first picture. */
  image: string | null;
  price: Money;
  /** The product is published and the variant active. */
  isPurchasable: boolean;
}

/** Facts for the known ids among `variantIds` (unknown ids are left out), in no particular order. */
export async function getVariantsForPricing(db: Db, variantIds: string[]): Promise<VariantForPricing[]> {
  if (variantIds.length === 0) return [];
  const rows = await db<
    {
      id: string;
      product_id: string;
      slug: string;
      sku: string;
      title_zh: string;
      title_en: string;
      option_values: Record<string, string>;
      options: { code: string; name_zh: string; name_en: string; values: ProductOption['values'] }[] | null;
      image: string | null;
      price_minor: number;
      currency: string;
      purchasable: boolean;
    }[]
  >`
    select v.id, v.product_id, p.slug, v.sku, p.title_zh, p.title_en, v.option_values,
           (select jsonb_agg(jsonb_build_object('code', o.code, 'values', o."values") order by o.position, o.code)
              from product_options o where o.product_id = p.id) as options,
           (select url from product_media m where m.product_id = p.id order by position, id limit 1) as image,
           v.price_minor, v.currency, (p.status = 'published' and v.is_active) as purchasable
      from variants v join products p on p.id = v.product_id
     where v.id = any(${variantIds})`;
  return rows.map((r) => {
    const options = (r.options ?? []).map((o) => ({
      code: o.code,
      name: localized('', ''),
      values: o.values,
    }));
    return {
      variantId: r.id,
      productId: r.product_id,
      productSlug: r.slug,
      sku: r.sku,
      title: localized(r.title_zh, r.title_en),
      variantLabel: variantLabel(options, r.option_values),
      image: r.image,
      price: money(r.price_minor, r.currency),
      isPurchasable: r.purchasable,
    };
  });
}
