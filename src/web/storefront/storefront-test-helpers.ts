/**
 * Helpers for the storefront's in-process tests: a cookie jar over `app.inject`, reading the CSRF
 * token out of a rendered form, and a product with stock from the demo seed.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Sql } from '../../app/database.ts';

/** A browser-like client: keeps cookies between requests. */
export function browser(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    async get(url: string, headers: Record<string, string> = {}) {
      return remember(await app.inject({ method: 'GET', url, headers: { cookie: cookie(), ...headers } }));
    },
    async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
      return remember(
        await app.inject({
          method: 'POST',
          url,
          headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
          payload: new URLSearchParams(form).toString(),
        }),
      );
    },
  };
}

/** The `_csrf` value of the first form on a page. */
export function csrfOf(body: string): string {
  return body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
}

/** A published product with an active variant that has at least `min` units to sell. */
export async function productInStock(
  sql: Sql,
  min = 5,
): Promise<{ slug: string; variantId: string; productId: string }> {
  const [row] = await sql<{ slug: string; variant_id: string; product_id: string }[]>`
    select p.slug, v.id as variant_id, p.id as product_id
      from products p join variants v on v.product_id = p.id
      join stock_levels s on s.variant_id = v.id
     where p.status = 'published' and v.is_active
     group by p.slug, v.id, p.id
    having sum(s.on_hand - s.reserved) >= ${min}
     order by p.slug, v.id limit 1`;
  return { slug: row!.slug, variantId: row!.variant_id, productId: row!.product_id };
}
