/** Checkout: delivery options, quotes and order placement under /store/checkout. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, conflict } from '../../../app/errors.ts';
import { cartOwnerOf } from '../../cart/index.ts';
import { shopperKeyOf } from '../../recommendations/index.ts';
import { DELIVERY_CODES, deliveryOptionsFor } from '../delivery-options.ts';
import { checkoutDepsOf, placeOrder } from '../place-order.ts';
import { quoteCheckout } from '../quote-checkout.ts';

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const localized = z.object({ zh: z.string(), en: z.string() });
const deliveryOptionSchema = z.object({
  code: z.enum(DELIVERY_CODES),
  name: localized,
  fee: money,
  freeOver: money.nullable(),
  etaDays: z.object({ min: z.number().int(), max: z.number().int() }),
});

/** Shapes only: the address rules are customers' `address-rules.ts`, applied by `placeOrder`. */
const addressText = z.string().max(500);
const addressSchema = z.strictObject({
  recipient: addressText,
  phone: addressText,
  province: addressText,
  city: addressText,
  district: addressText.default(''),
  line1: addressText,
  postalCode: addressText.default(''),
});

const placeOrderBody = z.strictObject({
  email: z.string().max(254).describe('Stored trimmed and lower-cased'),
  phone: z.string().max(32).describe('Stored normalised: +86 138-0013-8000 becomes 13800138000'),
  address: addressSchema.optional(),
  savedAddressId: z.string().min(1).max(64).optional(),
  deliveryOption: z.enum(DELIVERY_CODES),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  shownTotalMinor: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('The total the shopper was shown; another total is refused (409 checkout_total_changed)'),
});

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, and _ . : - only'),
});

export async function checkoutRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/store/checkout/delivery-options',
    {
      schema: {
        tags: ['checkout'],
        summary: 'Delivery options for a province (all when none is given)',
        querystring: z.object({ province: z.string().max(40).optional() }),
        response: { 200: z.object({ options: z.array(deliveryOptionSchema) }) },
      },
    },
    async (request) => ({
      options: deliveryOptionsFor(request.query.province).map(({ regions: _regions, ...o }) => o),
    }),
  );

  app.get(
    '/store/checkout/quote',
    {
      schema: {
        tags: ['checkout'],
        summary: "Totals of the shopper's cart for a delivery option, computed on the server",
        querystring: z.object({
          deliveryOption: z.enum(DELIVERY_CODES),
          province: z.string().max(40).optional(),
        }),
        response: {
          200: z.object({
            lines: z.array(
              z.object({
                variantId: z.string(),
                productId: z.string(),
                sku: z.string(),
                title: localized,
                variantLabel: localized,
                image: z.string().nullable(),
                unitPrice: money,
                quantity: z.number().int(),
                lineTotal: money,
                available: z.number().int(),
                isPurchasable: z.boolean(),
              }),
            ),
            deliveryOption: deliveryOptionSchema,
            subtotal: money,
            shipping: money,
            discount: money,
            total: money,
            blockedVariantIds: z.array(z.string()),
          }),
        },
      },
    },
    async (request, reply) => {
      const session = request.shopperSession;
      reply.header('cache-control', 'private, no-store');
      const { deliveryChoices: _choices, ...quote } = await quoteCheckout(
        app.deps.sql,
        session ? cartOwnerOf(session) : null,
        request.query,
      );
      const { regions: _regions, ...option } = quote.deliveryOption;
      return { ...quote, deliveryOption: option };
    },
  );

  app.post(
    '/store/checkout/orders',
    {
      schema: {
        tags: ['checkout'],
        summary: "Place an order from the shopper's cart (Idempotency-Key required)",
        description:
          'Reprices the cart, reserves stock and creates an order awaiting payment, all at once. The same ' +
          'Idempotency-Key with the same body replays the first result; with a different body it is a 422. ' +
          'Guests keep `accessToken` to read and pay the order (header `x-order-token`).',
        headers: idempotencyHeaders,
        body: placeOrderBody,
        response: {
          201: z.object({
            orderId: z.string(),
            number: z.string(),
            status: z.literal('pending_payment'),
            total: money,
            paymentDueAt: z.string(),
            accessToken: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const session = request.shopperSession;
      const body = request.body;
      if (!session) throw conflict('cart_empty', 'The cart is empty.');
      const address = resolveAddressInput(body);
      const result = await placeOrder(checkoutDepsOf(app.deps), {
        owner: cartOwnerOf(session),
        customerId: session.customerId,
        caller: { sessionKey: session.tokenHash, clientAddress: request.ip },
        email: body.email,
        phone: body.phone,
        address,
        deliveryOption: body.deliveryOption,
        locale: body.locale,
        shownTotalMinor: body.shownTotalMinor,
        idempotencyKey: request.headers['idempotency-key'],
        shopperKey: shopperKeyOf(request),
        log: request.log,
      });
      return reply.code(201).header('cache-control', 'no-store').send(result);
    },
  );
}

function resolveAddressInput(body: z.infer<typeof placeOrderBody>) {
  if (body.address && !body.savedAddressId) return body.address;
  if (body.savedAddressId && !body.address) return { savedAddressId: body.savedAddressId };
  throw badRequest('validation_failed', 'address: give either an address or a savedAddressId', [
    { field: 'address', code: 'required', message: 'give either an address or a savedAddressId' },
  ]);
}
