/** The cart module's public surface: carts of customers and guest sessions, priced on the server. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { cartRoutes } from './http/cart-routes.ts';

export { type AddCartItemInput, addCartItem } from './add-cart-item.ts';
export {
  type Cart,
  type CartLine,
  type CartOwner,
  cartOwnerOf,
  emptyCart,
  MAX_LINE_QUANTITY,
} from './cart.ts';
export { clearCart } from './clear-cart.ts';
export { getCart } from './get-cart.ts';
export { markCartOrdered } from './mark-cart-ordered.ts';
export { mergeGuestCart } from './merge-guest-cart.ts';
export { removeCartItem } from './remove-cart-item.ts';
export { setCartItemQuantity } from './set-cart-item-quantity.ts';

/** What cart contributes to the shop: its tables, routes and jobs. */
export const cartModule: ModuleDefinition = {
  name: 'cart',
  migrations: migrationsBeside(import.meta.url),
  routes: [cartRoutes],
};
