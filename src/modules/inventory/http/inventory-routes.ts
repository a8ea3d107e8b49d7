/** Inventory: merchant stock levels, adjustments with reason, and history under /admin/inventory. */
import type { FastifyInstance } from 'fastify';

export async function inventoryRoutes(_app: FastifyInstance) {}
