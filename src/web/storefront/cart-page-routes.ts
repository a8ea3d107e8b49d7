/**
 * The cart page and its forms: add (from the product page; JSON for the enhanced form), change
 * quantity, remove. Every write answers with a redirect (POST → 303 → GET), so refresh is safe.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import {
  addCartItem,
  cartOwnerOf,
  getCart,
  MAX_LINE_QUANTITY,
  removeCartItem,
  setCartItemQuantity,
} from '../../modules/cart/index.ts';
import { ensureShopperSession } from '../../modules/identity/index.ts';
import { shopperKeyOf } from '../../modules/recommendations/index.ts';
import { problemText, t } from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formFields, intField } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import { renderCartPage } from './pages/cart-page.ts';
import { loadShelf } from './recommendation-shelves.ts';

const NOTICE_COOKIE = 'lantern_notice';

function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('application/json');
}

/** Keeps a one-off message for the next page (a failed cart action), in a short-lived cookie. */
function flash(reply: FastifyReply, message: string) {
  reply.setCookie(NOTICE_COOKIE, message.slice(0, 300), {
    path: '/cart',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 60,
  });
}

/** Any 4xx from the cart (unknown variant, no stock, over the line limit): shown, not thrown. */
function isCartError(error: unknown): error is DomainError {
  return error instanceof DomainError && error.status >= 400 && error.status < 500;
}

/** GET /cart and the POST forms that change it. */
export async function cartPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;

  app.get('/cart', { schema: { hide: true } }, async (request, reply) => {
    // The page context loads beside the cart and then the shelf, which needs the cart's products.
    const context = pageContextOf(request);
    context.catch(() => {}); // awaited below; this only keeps an early throw from leaving it unhandled
    const session = request.shopperSession;
    const cart = session
      ? await getCart(db, cartOwnerOf(session))
      : { lines: [], itemCount: 0, subtotal: { amountMinor: 0, currency: 'CNY' } };
    const cartProductIds = [...new Set(cart.lines.map((l) => l.productId))];
    const [ctx, shelf] = await Promise.all([
      context,
      cartProductIds.length > 0 ? loadShelf(request, { placement: 'cart_complete', cartProductIds }) : null,
    ]);
    const notice = request.cookies[NOTICE_COOKIE];
    if (notice) reply.clearCookie(NOTICE_COOKIE, { path: '/cart' });
    return sendPage(request, reply, renderCartPage(ctx, cart, notice, shelf), { personal: true });
  });

  app.post('/cart/items', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const fields = formFields(request);
    const quantity = intField(fields.quantity, 1, MAX_LINE_QUANTITY);
    const fail = (status: number, message: string) => {
      if (wantsJson(request))
        return reply.code(status).header('cache-control', 'private, no-store').send({ detail: message });
      flash(reply, message);
      return reply.redirect('/cart', 303);
    };
    if (!fields.variantId || quantity === null) return fail(400, t(locale, 'error.genericBody'));
    const session = await ensureShopperSession(request, reply);
    let count: number;
    try {
      const cart = await addCartItem(db, cartOwnerOf(session), {
        variantId: fields.variantId,
        quantity,
        shopperKey: shopperKeyOf(request),
        log: request.log,
      });
      count = cart.itemCount;
    } catch (error) {
      if (!isCartError(error)) throw error;
      return fail(error.status, problemText(locale, error));
    }
    if (!wantsJson(request)) return reply.redirect(fields.buyNow ? '/checkout' : '/cart', 303);
    return reply.header('cache-control', 'private, no-store').send({
      count,
      csrfToken: session.csrfToken,
      message: t(locale, 'product.added'),
      linkText: t(locale, 'product.viewCart'),
    });
  });

  app.post<{ Params: { variantId: string } }>(
    '/cart/items/:variantId',
    { schema: { hide: true } },
    async (request, reply) => {
      const { locale } = preferencesOf(request);
      const session = request.shopperSession;
      const quantity = intField(formFields(request).quantity, 0, MAX_LINE_QUANTITY);
      if (session && quantity !== null) {
        try {
          await setCartItemQuantity(db, cartOwnerOf(session), request.params.variantId, quantity);
        } catch (error) {
          if (!isCartError(error)) throw error;
          flash(reply, problemText(locale, error));
        }
      }
      return reply.redirect('/cart', 303);
    },
  );

  app.post<{ Params: { variantId: string } }>(
    '/cart/items/:variantId/remove',
    { schema: { hide: true } },
    async (request, reply) => {
      const session = request.shopperSession;
      if (session) {
        // A line that is already gone is what the shopper wanted: no message.
        await removeCartItem(db, cartOwnerOf(session), request.params.variantId).catch((error) => {
          if (!isCartError(error)) throw error;
        });
      }
      return reply.redirect('/cart', 303);
    },
  );
}
