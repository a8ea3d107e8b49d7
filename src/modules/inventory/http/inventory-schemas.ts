/** Inventory's typed HTTP boundary: the strict adjustment body and stock shapes. */
import { z } from 'zod';
import { ADJUSTMENT_REASONS } from '../adjust-stock.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const entityId = z.string().min(1).max(64);

export const stockQuery = z.object({
  q: z.string().max(100).optional(),
  warehouseId: entityId.optional(),
  productId: entityId.optional(),
  lowOnly: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const stockPage = z.object({
  items: z.array(
    z.object({
      variantId: z.string(),
      sku: z.string(),
      productId: z.string(),
      productTitle: text,
      optionValues: z.record(z.string(), z.string()),
      warehouseId: z.string(),
      warehouseCode: z.string(),
      onHand: z.number().int(),
      reserved: z.number().int(),
      available: z.number().int(),
      lowStockThreshold: z.number().int(),
      isLow: z.boolean(),
    }),
  ),
  total: z.number().int(),
  warehouses: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: text,
      region: z.string(),
      priority: z.number().int(),
      isActive: z.boolean(),
    }),
  ),
});

export const adjustmentBody = z.strictObject({
  variantId: entityId,
  warehouseId: entityId,
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((d) => d !== 0, 'must not be zero'),
  reason: z.enum(ADJUSTMENT_REASONS),
  note: z.string().max(500).optional(),
});

export const adjustmentResult = z.object({ onHand: z.number().int(), available: z.number().int() });

export const variantParams = z.object({ variantId: entityId });

export const movementList = z.array(
  z.object({
    id: z.number().int(),
    warehouseId: z.string(),
    delta: z.number().int(),
    reason: z.string(),
    note: z.string(),
    refId: z.string().nullable(),
    actorId: z.string().nullable(),
    onHandAfter: z.number().int(),
    createdAt: z.string().describe('ISO 8601 date-time'),
  }),
);
