/** zod schemas of the orders API: the typed boundary and the OpenAPI documents. */
import { z } from 'zod';
import type { Order, OrderSummary } from '../order.ts';
import { ORDER_STATUSES } from '../order-state.ts';

export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });
const localizedSchema = z.object({ zh: z.string(), en: z.string() });
export const orderIdParams = z.object({ id: z.string().min(1).max(64) });

export const shippingAddressSchema = z.object({
  recipient: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  line1: z.string(),
  postalCode: z.string(),
});

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  email: z.string(),
  phone: z.string(),
  subtotal: moneySchema,
  shipping: moneySchema,
  discount: moneySchema,
  total: moneySchema,
  shippingAddress: shippingAddressSchema,
  deliveryOption: z.string(),
  locale: z.string(),
  trackingNumber: z.string().nullable(),
  paymentDueAt: z.string(),
  createdAt: z.string(),
  lines: z.array(
    z.object({
      id: z.string(),
      productId: z.string(),
      variantId: z.string(),
      sku: z.string(),
      title: localizedSchema,
      variantLabel: localizedSchema,
      image: z.string().nullable(),
      unitPrice: moneySchema,
      quantity: z.number().int(),
      lineTotal: moneySchema,
    }),
  ),
  timeline: z.array(
    z.object({
      type: z.string().describe('Stable entry type (order.placed, payment.failed, …); see the orders README'),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .describe('The facts of the entry, e.g. { paymentId, method, failureCode } for payment.failed'),
      note: z.string().describe('What a person typed (a cancellation or refund reason), or empty'),
      actor: z.string(),
      at: z.string(),
    }),
  ),
});

export const orderPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.enum(ORDER_STATUSES),
      email: z.string(),
      total: moneySchema,
      itemCount: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** The order as the API shows it (dates as ISO strings; the customer id stays internal). */
export function presentOrder(order: Order): z.infer<typeof orderSchema> {
  const { customerId: _customerId, ...rest } = order;
  return {
    ...rest,
    paymentDueAt: order.paymentDueAt.toISOString(),
    createdAt: order.createdAt.toISOString(),
    timeline: order.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

/** A page of order summaries for the API. */
export function presentOrderPage(page: {
  items: OrderSummary[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return { ...page, items: page.items.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })) };
}
