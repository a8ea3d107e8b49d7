/** Payments: paying an order through a provider and provider callbacks under /store/payments. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../app/errors.ts';
import { limitCheckout } from '../../checkout/index.ts';
import { requireStaff } from '../../identity/index.ts';
import { orderTokenOf } from '../../orders/index.ts';
import { approveSandboxPayment } from '../approve-sandbox-payment.ts';
import { handleProviderCallback } from '../handle-provider-callback.ts';
import { listOrderPayments } from '../list-order-payments.ts';
import { payOrder } from '../pay-order.ts';
import { refundPayment } from '../refund-payment.ts';
import { sandboxProvider } from '../sandbox-card-provider.ts';

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
    card: z.strictObject({
      number: z.string().regex(/^[0-9 -]{12,23}$/, 'must be 12 to 19 digits'),
      expMonth: z.number().int().min(1).max(12),
      expYear: z.number().int().min(2000).max(2100),
      cvc: z.string().regex(/^[0-9]{3}$/, 'must be 3 digits'),
      holder: z.string().trim().min(1).max(100),
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
          'A decline answers 200 with status "failed"; the order stays awaiting payment.',
        params: idParams,
        headers: idempotencyHeaders,
        body: payBody,
        response: {
          200: z.object({
            paymentId: z.string(),
            status: z.enum(['captured', 'failed', 'pending']),
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
      await limitCheckout(request, request.shopperSession?.tokenHash ?? `order:${request.params.id}`);
      const body = request.body;
      const result = await payOrder(app.deps.sql, {
        orderId: request.params.id,
        access: token ? { accessToken: token } : { customerId: customerId! },
        method: body.method,
        card: body.method === 'card' ? body.card : undefined,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.header('cache-control', 'no-store').send(result);
    },
  );

  app.post(
    '/store/payments/sandbox/:id/approve',
    {
      schema: {
        tags: ['payments'],
        summary: 'Sandbox only: approve or abandon a pending Alipay / WeChat Pay payment',
        description:
          'Stands in for the shopper confirming in the wallet app; the sandbox then sends its signed ' +
          'callback. Needs the order (signed-in owner, or x-order-token).',
        params: idParams,
        body: z.strictObject({ outcome: z.enum(['captured', 'failed']) }),
        response: { 200: z.object({ outcome: z.enum(['applied', 'duplicate', 'ignored']) }) },
      },
    },
    async (request) => {
      const token = orderTokenOf(request);
      const customerId = request.shopperSession?.customerId;
      if (!token && !customerId) throw notFound('payment');
      const outcome = await approveSandboxPayment(app.deps.sql, {
        paymentId: request.params.id,
        access: token ? { accessToken: token } : { customerId: customerId! },
        outcome: request.body.outcome,
      });
      return { outcome };
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
          outcome: await handleProviderCallback(app.deps.sql, sandboxProvider, body, request.headers),
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
                cardBrand: z.string().nullable(),
                cardLast4: z.string().nullable(),
                failureCode: z.string().nullable(),
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
            status: z.enum(['succeeded', 'failed']),
            refunded: money,
            paymentStatus: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, ['merchant']);
      const result = await refundPayment(app.deps.sql, {
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
