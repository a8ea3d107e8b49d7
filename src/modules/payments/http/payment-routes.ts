/** Payments: paying an order through a provider, provider callbacks, and the merchant's payments and refunds. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../app/errors.ts';
import { requireStaff } from '../../identity/index.ts';
import { orderTokenOf } from '../../orders/index.ts';
import { handleProviderCallback } from '../handle-provider-callback.ts';
import { listOrderPayments } from '../list-order-payments.ts';
import { payOrder } from '../pay-order.ts';
import { paymentsDepsOf } from '../payment-providers.ts';
import { refundPayment } from '../refund-payment.ts';

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const idParams = z.object({ id: z.string().min(1).max(64) });
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, and _ . : - only'),
});

const payBody = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('card'),
    // Shapes only: the card rules (Luhn, expiry, CVC, holder) are `card.ts`'s, applied by payOrder.
    card: z.strictObject({
      number: z.string().max(40),
      expMonth: z.number().int(),
      expYear: z.number().int(),
      cvc: z.string().max(10),
      holder: z.string().max(200),
    }),
  }),
  z.strictObject({ method: z.enum(['alipay', 'wechat_pay']) }),
]);

export async function paymentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/store/orders/:id/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Pay an order (Idempotency-Key required; guests send x-order-token)',
        description:
          'Sandbox test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined; ' +
          '4000 0000 0000 9995 has insufficient funds; 4000 0000 0000 0341 fails retryably. ' +
          'A decline answers 200 with status "failed"; the order stays awaiting payment. Alipay and ' +
          'WeChat Pay answer "pending" with `nextAction.url`, the sandbox gateway page where the payer ' +
          "approves; the order becomes paid when the gateway's signed callback arrives. An order has " +
          'one active attempt: the same wallet again returns it; another method cancels it first ' +
          '(409 payment_in_progress while an attempt is still being created).',
        params: idParams,
        headers: idempotencyHeaders,
        body: payBody,
        response: {
          200: z.object({
            paymentId: z.string(),
            status: z.enum(['captured', 'failed', 'pending', 'refunded']),
            failureCode: z.string().optional(),
            retryable: z.boolean().optional(),
            nextAction: z.object({ type: z.enum(['redirect', 'qr_code']), url: z.string() }).optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      const token = orderTokenOf(request);
      const customerId = request.shopperSession?.customerId;
      if (!token && !customerId) throw notFound('order');
      const body = request.body;
      const result = await payOrder(paymentsDepsOf(app.deps), {
        orderId: request.params.id,
        access: token ? { accessToken: token } : { customerId: customerId! },
        method: body.method,
        card: body.method === 'card' ? body.card : undefined,
        idempotencyKey: request.headers['idempotency-key'],
        caller: {
          sessionKey: request.shopperSession?.tokenHash ?? `order:${request.params.id}`,
          clientAddress: request.ip,
        },
      });
      return reply.header('cache-control', 'no-store').send(result);
    },
  );

  // The callback needs its raw bytes to check the signature, so JSON parsing is switched off here.
  await app.register(async (raw) => {
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 65_536 },
      (_req, body, done) => done(null, body),
    );
    raw.post(
      '/store/payments/callbacks/sandbox',
      {
        schema: {
          tags: ['payments'],
          summary: 'Signed payment callback from the sandbox provider',
          description:
            'Header `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; ' +
            'refused (401) when it does not verify or is older than 5 minutes. De-duplicated by event id.',
          response: { 200: z.object({ outcome: z.enum(['applied', 'duplicate', 'ignored']) }) },
        },
      },
      async (request) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return {
          outcome: await handleProviderCallback(paymentsDepsOf(app.deps), 'sandbox', body, request.headers),
        };
      },
    );
  });

  app.get(
    '/admin/orders/:id/payments',
    {
      schema: {
        tags: ['admin payments'],
        summary: "An order's payment attempts (brand and last four digits only)",
        params: idParams,
        response: {
          200: z.object({
            payments: z.array(
              z.object({
                id: z.string(),
                method: z.string(),
                status: z.string(),
                amount: money,
                refunded: money,
                refundable: money,
                cardBrand: z.string().nullable(),
                cardLast4: z.string().nullable(),
                failureCode: z.string().nullable(),
                isSurplus: z
                  .boolean()
                  .describe('captured when the order did not need it; refunded automatically'),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      requireStaff(request, ['merchant']);
      const payments = await listOrderPayments(app.deps.sql, request.params.id);
      return { payments: payments.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })) };
    },
  );

  app.post(
    '/admin/payments/:id/refunds',
    {
      schema: {
        tags: ['admin payments'],
        summary: 'Refund part or all of a captured payment (never more than was captured)',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.strictObject({
          amountMinor: z.number().int().min(1).max(100_000_000_00),
          reason: z.string().trim().max(500).default(''),
        }),
        response: {
          201: z.object({
            refundId: z.string(),
            status: z.enum(['succeeded', 'failed', 'pending']),
            refunded: money,
            paymentStatus: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, ['merchant']);
      const result = await refundPayment(paymentsDepsOf(app.deps), {
        paymentId: request.params.id,
        amountMinor: request.body.amountMinor,
        reason: request.body.reason,
        staffId: staff.staffId!,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(201).send(result);
    },
  );
}
