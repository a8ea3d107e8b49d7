/** Cart: /store/cart and its lines, for guests and customers. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BoundedCache } from '../../../app/bounded-cache.ts';
import { ensureShopperSession, onShopperSignIn, type ShopperSignIn } from '../../identity/index.ts';
import { shopperKeyOf } from '../../recommendations/index.ts';
import { addCartItem } from '../add-cart-item.ts';
import { cartOwnerOf, emptyCart } from '../cart.ts';
import { variantFactsCache } from '../cart-pricing.ts';
import { getCart } from '../get-cart.ts';
import { mergeGuestCart } from '../merge-guest-cart.ts';
import { removeCartItem } from '../remove-cart-item.ts';
import { setCartItemQuantity } from '../set-cart-item-quantity.ts';
import { addItemBody, cartSchema, setQuantityBody, variantIdParams } from './cart-schemas.ts';

const tags = ['cart'];

export async function cartRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;
  onShopperSignIn(mergeCartOnSignIn);
  // Catalog facts the cart keeps a few seconds: emptied with the other public caches.
  const untrack = app.deps.caches.track(variantFactsCache as BoundedCache<unknown>, { publicData: true });
  app.addHook('onClose', async () => untrack());

  // A cart is personal: never let a shared cache keep it.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/store/cart')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/store/cart',
    {
      schema: {
        tags,
        summary: "The shopper's cart, priced now (empty when there is none)",
        response: { 200: cartSchema },
      },
    },
    async (request) => {
      const session = request.shopperSession;
      return session ? getCart(sql, cartOwnerOf(session)) : emptyCart();
    },
  );

  app.post(
    '/store/cart/items',
    {
      schema: {
        tags,
        summary: 'Add a variant to the cart (adds to the quantity already there)',
        body: addItemBody,
        response: { 200: cartSchema },
      },
    },
    async (request, reply) => {
      const session = await ensureShopperSession(request, reply);
      return addCartItem(sql, cartOwnerOf(session), {
        ...request.body,
        shopperKey: shopperKeyOf(request),
        log: request.log,
      });
    },
  );

  app.patch(
    '/store/cart/items/:variantId',
    {
      schema: {
        tags,
        summary: "Set a line's quantity (0 removes it)",
        params: variantIdParams,
        body: setQuantityBody,
        response: { 200: cartSchema },
      },
    },
    async (request, reply) => {
      const session = await ensureShopperSession(request, reply);
      return setCartItemQuantity(sql, cartOwnerOf(session), request.params.variantId, request.body.quantity);
    },
  );

  app.delete(
    '/store/cart/items/:variantId',
    {
      schema: {
        tags,
        summary: 'Remove a line from the cart',
        params: variantIdParams,
        response: { 200: cartSchema },
      },
    },
    async (request, reply) => {
      const session = await ensureShopperSession(request, reply);
      return removeCartItem(sql, cartOwnerOf(session), request.params.variantId);
    },
  );
}

/** A guest who signs in keeps what they put in the cart: it joins the account's cart. */
async function mergeCartOnSignIn(request: FastifyRequest, _reply: FastifyReply, signIn: ShopperSignIn) {
  const { previous, customerId } = signIn;
  if (previous && !previous.customerId)
    await mergeGuestCart(request.server.deps.sql, previous.tokenHash, customerId);
}
