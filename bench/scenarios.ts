/**
 * The hot paths the benches load, shared by `npm run bench` and `npm run bench:profile`.
 *
 * Add-to-cart is loaded by realistic shoppers: BENCH_SHOPPERS (default 500) guests, each with its
 * own session cookie, CSRF token and visitor (shopper key) cookie, as a browser sends them, spread
 * over the connections. Guest sessions are opened 30 a minute per address, so they are opened
 * from several loopback source addresses (127.0.0.2, 127.0.0.3, …).
 */
import http from 'node:http';
import autocannon from 'autocannon';

export type ScenarioName = 'list' | 'product' | 'search' | 'cart';

export const SCENARIOS: { name: ScenarioName; title: string; ceiling: boolean }[] = [
  { name: 'list', title: 'product list (20 items)', ceiling: true },
  { name: 'product', title: 'product page data', ceiling: true },
  { name: 'search', title: 'search (蓝牙耳机)', ceiling: true },
  { name: 'cart', title: 'add to cart', ceiling: false },
];

const SHOPPER_COUNT = Number(process.env.BENCH_SHOPPERS || 500);
const SESSIONS_PER_ADDRESS = 25;

export interface Shopper {
  cookie: string;
  csrfToken: string;
}

export interface BenchData {
  productSlug: string;
  variantIds: string[];
  shoppers: Shopper[];
}

export interface PathFigures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** The path a scenario loads (GET scenarios). */
export function pathOf(name: ScenarioName, data: BenchData): string {
  if (name === 'list') return '/store/products?page_size=20';
  if (name === 'product') return `/store/products/${data.productSlug}`;
  if (name === 'search') return `/store/search?q=${encodeURIComponent('蓝牙耳机')}`;
  return '/store/cart/items';
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** POSTs from a given loopback source address; answers the status, body and Set-Cookie lines. */
function postFrom(
  base: string,
  path: string,
  localAddress: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<{ status: number; body: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method: 'POST', localAddress, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, cookies: res.headers['set-cookie'] ?? [] }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Products, variants in stock, and the guest shoppers (each with its own cookies and token). */
export async function loadShoppers(base: string): Promise<BenchData> {
  const list = await json<{ items: { slug: string }[] }>(`${base}/store/products?page_size=20`);
  const variantIds: string[] = [];
  for (const item of list.items.slice(0, 20)) {
    const product = await json<{ variants: { id: string; available: number }[] }>(
      `${base}/store/products/${item.slug}`,
    );
    variantIds.push(...product.variants.filter((v) => v.available > 60).map((v) => v.id));
  }
  // A shopper's cart holds a handful of lines, as real carts do: 8 popular variants.
  variantIds.splice(8);
  const shoppers: Shopper[] = [];
  for (let i = 0; i < SHOPPER_COUNT; i++) {
    const address = `127.0.0.${2 + Math.floor(i / SESSIONS_PER_ADDRESS)}`;
    const opened = await postFrom(base, '/store/sessions', address);
    if (opened.status !== 201) throw new Error(`POST /store/sessions: ${opened.status} ${opened.body}`);
    const session = JSON.parse(opened.body) as { token: string; csrfToken: string };
    const cookie = `lantern_session=${session.token}`;
    // A first add mints the visitor cookie (shopper key) as a browser's first visit would.
    const first = await postFrom(
      base,
      '/store/cart/items',
      address,
      { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      JSON.stringify({ variantId: variantIds[i % variantIds.length], quantity: 1 }),
    );
    if (first.status !== 200) throw new Error(`POST /store/cart/items: ${first.status} ${first.body}`);
    const visitor = first.cookies
      .map((c) => c.split(';')[0]!)
      .filter((c) => !c.startsWith('lantern_session='));
    shoppers.push({ cookie: [cookie, ...visitor].join('; '), csrfToken: session.csrfToken });
  }
  return { productSlug: list.items[0]!.slug, variantIds, shoppers };
}

/** Loads one scenario with autocannon (against `base`, which may be the ceiling server). */
export async function runScenario(
  base: string,
  name: ScenarioName,
  data: BenchData,
  options: { connections: number; seconds: number },
): Promise<PathFigures> {
  let n = 0;
  const path = pathOf(name, data);
  const request: autocannon.Request =
    name === 'cart'
      ? {
          method: 'POST',
          path,
          setupRequest: (req) => {
            n++;
            const shopper = data.shoppers[n % data.shoppers.length]!;
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                cookie: shopper.cookie,
                'x-csrf-token': shopper.csrfToken,
              },
              body: JSON.stringify({ variantId: data.variantIds[n % data.variantIds.length], quantity: 1 }),
            };
          },
        }
      : { method: 'GET', path };
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.seconds,
    requests: [request],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}
