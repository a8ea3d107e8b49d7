/** Inventory: merchant stock levels, adjustments with reason, and history under /admin/inventory. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireStaff } from '../../identity/index.ts';
import { adjustStock } from '../adjust-stock.ts';
import { listStock } from '../list-stock.ts';
import { listStockMovements } from '../list-stock-movements.ts';
import { listWarehouses } from '../list-warehouses.ts';
import {
  adjustmentBody,
  adjustmentResult,
  movementList,
  stockPage,
  stockQuery,
  variantParams,
} from './inventory-schemas.ts';

const tags = ['admin: inventory'];
const MERCHANT = ['merchant' as const];

export async function inventoryRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;

  app.get(
    '/admin/inventory',
    {
      schema: {
        tags,
        summary: 'Stock per variant and warehouse; filter by text, warehouse, product or low stock',
        querystring: stockQuery,
        response: { 200: stockPage },
      },
    },
    async (request) => {
      requireStaff(request, MERCHANT);
      const [page, warehouses] = await Promise.all([listStock(sql, request.query), listWarehouses(sql)]);
      return { ...page, warehouses };
    },
  );

  app.post(
    '/admin/inventory/adjustments',
    {
      schema: {
        tags,
        summary: 'Add or remove on-hand stock with a reason (never below reserved or zero)',
        body: adjustmentBody,
        response: { 200: adjustmentResult },
      },
    },
    async (request) => {
      const staff = requireStaff(request, MERCHANT);
      return adjustStock(sql, { ...request.body, actorId: staff.staffId });
    },
  );

  app.get(
    '/admin/inventory/:variantId/movements',
    {
      schema: {
        tags,
        summary: "A variant's stock history, newest first",
        params: variantParams,
        response: { 200: movementList },
      },
    },
    async (request) => {
      requireStaff(request, MERCHANT);
      const movements = await listStockMovements(sql, request.params.variantId);
      return movements.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }));
    },
  );
}
