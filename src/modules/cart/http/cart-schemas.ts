/** The cart's typed HTTP boundary: request bodies (strict: no prices, no owners) and the Cart shape. */
import { z } from 'zod';
import { MAX_LINE_QUANTITY } from '../cart.ts';

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const text = z.object({ zh: z.string(), en: z.string() });

export const variantIdParams = z.object({ variantId: z.string().min(1).max(64) });

/** A quantity a shopper may ask for: a whole number from 1 to 99. */
const quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

export const addItemBody = z.strictObject({ variantId: z.string().min(1).max(64), quantity });

export const setQuantityBody = z.strictObject({ quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY) });

export const cartSchema = z.object({
  id: z.string().nullable(),
  currency: z.string(),
  lines: z.array(
    z.object({
      variantId: z.string(),
      productId: z.string(),
      productSlug: z.string(),
      sku: z.string(),
      title: text,
      variantLabel: text,
      image: z.string().nullable(),
      unitPrice: money,
      quantity: z.number().int(),
      lineTotal: money,
      available: z.number().int(),
      isPurchasable: z.boolean(),
    }),
  ),
  itemCount: z.number().int(),
  subtotal: money,
});
