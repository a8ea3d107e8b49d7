/** Orders: the shopper's orders (/store/orders) and the merchant's (/admin/orders). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../app/errors.ts';
import { requireCustomer, requireStaff } from '../../identity/index.ts';
import { cancelOrder } from '../cancel-order.ts';
import { completeOrder, markOrderDelivered, markOrderShipped } from '../change-order-status.ts';
import { getOrderByAccessToken, getOrderForAdmin, getOrderForCustomer } from '../get-order.ts';
import { listCustomerOrders, listOrders } from '../list-orders.ts';
import { ORDER_STATUSES } from '../order-state.ts';
import {
  orderIdParams,
  orderPageSchema,
  orderSchema,
  presentOrder,
  presentOrderPage,
} from './order-schemas.ts';

const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

/** The guest token of a request: `x-order-token` header or `?token=`. */
export function orderTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-order-token'];
  if (typeof header === 'string' && header) return header;
  const query = request.query as { token?: unknown } | undefined;
  return typeof query?.token === 'string' && query.token ? query.token : undefined;
}

export async function orderRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/store/orders',
    {
      schema: {
        tags: ['orders'],
        summary: "The signed-in customer's orders, newest first",
        querystring: z.object(pageQuery),
        response: { 200: orderPageSchema },
      },
    },
    async (request, reply) => {
      const customerId = requireCustomer(request);
      reply.header('cache-control', 'private, no-store');
      return presentOrderPage(await listCustomerOrders(app.deps.sql, customerId, request.query));
    },
  );

  app.get(
    '/store/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'One order with lines and timeline (owner, or guest with its access token)',
        params: orderIdParams,
        querystring: z.object({ token: z.string().max(100).optional() }),
        response: { 200: orderSchema },
      },
    },
    async (request, reply) => {
      const token = orderTokenOf(request);
      const customerId = request.shopperSession?.customerId;
      reply.header('cache-control', 'private, no-store');
      if (token) return presentOrder(await getOrderByAccessToken(app.deps.sql, request.params.id, token));
      if (customerId)
        return presentOrder(await getOrderForCustomer(app.deps.sql, customerId, request.params.id));
      throw notFound('order');
    },
  );

  app.get(
    '/admin/orders',
    {
      schema: {
        tags: ['admin orders'],
        summary: 'Orders, filtered by status, number or email, and date range',
        querystring: z.object({
          status: z.enum(ORDER_STATUSES).optional(),
          q: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          ...pageQuery,
        }),
        response: { 200: orderPageSchema },
      },
    },
    async (request) => {
      requireStaff(request, ['merchant', 'agent']);
      const { from, to, ...rest } = request.query;
      return presentOrderPage(
        await listOrders(app.deps.sql, {
          ...rest,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        }),
      );
    },
  );

  app.get(
    '/admin/orders/:id',
    {
      schema: {
        tags: ['admin orders'],
        summary: 'One order with lines and timeline',
        params: orderIdParams,
        response: { 200: orderSchema },
      },
    },
    async (request) => {
      requireStaff(request, ['merchant', 'agent']);
      return presentOrder(await getOrderForAdmin(app.deps.sql, request.params.id));
    },
  );

  const transitions = [
    {
      path: 'ship',
      summary: 'Mark a paid order shipped, with its tracking number',
      // Shape only: the tracking number's rules are orders' `order-rules.ts`, applied by markOrderShipped.
      body: z.strictObject({ trackingNumber: z.string().max(200) }),
      run: (orderId: string, actor: string, body: Record<string, unknown>) =>
        markOrderShipped(app.deps.sql, { orderId, actor, trackingNumber: body.trackingNumber as string }),
    },
    {
      path: 'deliver',
      summary: 'Mark a shipped order delivered',
      body: z.strictObject({}).optional(),
      run: (orderId: string, actor: string) => markOrderDelivered(app.deps.sql, { orderId, actor }),
    },
    {
      path: 'complete',
      summary: 'Complete a delivered order',
      body: z.strictObject({}).optional(),
      run: (orderId: string, actor: string) => completeOrder(app.deps.sql, { orderId, actor }),
    },
    {
      path: 'cancel',
      summary: 'Cancel an order before it ships (stock is released or returned)',
      // Shape only: the reason's rule is orders' `order-rules.ts`, applied by cancelOrder.
      body: z.strictObject({ reason: z.string().max(2_000) }),
      run: (orderId: string, actor: string, body: Record<string, unknown>) =>
        cancelOrder(app.deps.sql, { orderId, actor, reason: body.reason as string }),
    },
  ];
  for (const t of transitions) {
    app.post(
      `/admin/orders/:id/${t.path}`,
      {
        schema: {
          tags: ['admin orders'],
          summary: t.summary,
          params: orderIdParams,
          body: t.body,
          response: { 200: orderSchema },
        },
      },
      async (request) => {
        const staff = requireStaff(request, ['merchant']);
        await t.run(
          request.params.id,
          `staff:${staff.staffId}`,
          (request.body ?? {}) as Record<string, unknown>,
        );
        return presentOrder(await getOrderForAdmin(app.deps.sql, request.params.id));
      },
    );
  }
}
