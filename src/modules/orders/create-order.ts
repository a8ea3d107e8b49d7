/**
 * Creates an order awaiting payment, copying titles and prices so later catalog edits never
 * rewrite it. Called by checkout inside its placement transaction.
 */
import { randomInt } from 'node:crypto';
import type { Tx } from '../../app/database.ts';
import { recordEvent } from '../../app/events.ts';
import { newId, newSecret } from '../../app/ids.ts';
import { hashToken } from '../identity/index.ts';
import { insertOrderEvent } from './db/order-repository.ts';
import type { ShippingAddress } from './order.ts';

export interface CreateOrderInput {
  /** Chosen by the caller so it can reserve stock under this id in the same transaction. */
  id: string;
  customerId: string | null;
  email: string;
  phone: string;
  currency: string;
  subtotalMinor: number;
  shippingMinor: number;
  discountMinor: number;
  totalMinor: number;
  shippingAddress: ShippingAddress;
  deliveryOption: string;
  locale: string;
  paymentDueMinutes: number;
  lines: {
    productId: string;
    variantId: string;
    sku: string;
    title: { zh: string; en: string };
    variantLabel: { zh: string; en: string };
    image: string | null;
    unitPriceMinor: number;
    quantity: number;
  }[];
  actor: string;
}

export interface CreateOrderResult {
  id: string;
  number: string;
  /** The guest's secret for reading and paying this order; only its hash is stored. */
  accessToken: string;
  /** When the order is cancelled if still unpaid (the database's clock decides it). */
  paymentDueAt: Date;
}

/** Inserts the order, its lines, the 'order.placed' timeline entry and domain event. */
export async function createOrder(tx: Tx, input: CreateOrderInput): Promise<CreateOrderResult> {
  const accessToken = newSecret();
  const { number, paymentDueAt } = await insertWithNumber(tx, input, hashToken(accessToken));
  for (const line of input.lines) {
    await tx`insert into order_lines (id, order_id, product_id, variant_id, sku, title_zh, title_en,
               variant_label_zh, variant_label_en, image_url, unit_price_minor, quantity, line_total_minor)
             values (${newId('oln')}, ${input.id}, ${line.productId}, ${line.variantId}, ${line.sku},
               ${line.title.zh}, ${line.title.en}, ${line.variantLabel.zh}, ${line.variantLabel.en},
               ${line.image}, ${line.unitPriceMinor}, ${line.quantity}, ${line.unitPriceMinor * line.quantity})`;
  }
  await insertOrderEvent(tx, input.id, { type: 'order.placed', to: 'pending_payment', actor: input.actor });
  await recordEvent(tx, 'order.placed', input.id, {
    number,
    customerId: input.customerId,
    totalMinor: input.totalMinor,
    currency: input.currency,
    productIds: [...new Set(input.lines.map((l) => l.productId))].sort(),
  });
  return { id: input.id, number, accessToken, paymentDueAt };
}

/**
 * Order numbers are readable (`LT` + date + 7 random digits) but never grant access. A clash is
 * skipped with `on conflict do nothing`, which, unlike a failed insert, leaves the transaction usable.
 */
async function insertWithNumber(
  tx: Tx,
  input: CreateOrderInput,
  accessTokenHash: string,
): Promise<{ number: string; paymentDueAt: Date }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const number = orderNumber(new Date());
    const [inserted] = await tx<{ payment_due_at: Date }[]>`
      insert into orders (id, number, customer_id, access_token_hash, email, phone, status, currency,
        subtotal_minor, shipping_minor, discount_minor, total_minor, shipping_address, delivery_option,
        locale, payment_due_at)
      values (${input.id}, ${number}, ${input.customerId}, ${accessTokenHash}, ${input.email}, ${input.phone},
        'pending_payment', ${input.currency}, ${input.subtotalMinor}, ${input.shippingMinor},
        ${input.discountMinor}, ${input.totalMinor}, ${tx.json(input.shippingAddress as never)},
        ${input.deliveryOption}, ${input.locale}, now() + make_interval(mins => ${input.paymentDueMinutes}))
      on conflict (number) do nothing
      returning payment_due_at`;
    if (inserted) return { number, paymentDueAt: inserted.payment_due_at };
  }
  throw new Error('could not allocate an order number');
}

/** `LT` + yyMMdd (UTC) + 7 random digits, e.g. `LT2611271234567`. */
export function orderNumber(now: Date): string {
  const date = now.toISOString().slice(2, 10).replace(/-/g, '');
  return `LT${date}${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/**
 * Mints another access token for an order (a replayed placement must hand the guest a token, and
 * the first one exists only as a hash). Earlier tokens stay valid.
 */
export async function issueOrderAccessToken(tx: Tx, orderId: string): Promise<string> {
  const token = newSecret();
  await tx`insert into order_access_tokens (token_hash, order_id) values (${hashToken(token)}, ${orderId})`;
  return token;
}
