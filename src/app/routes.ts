/**
 * Every module's HTTP routes, in registration order. A new module adds one line here.
 */

import { cartRoutes } from '../modules/cart/http/cart-routes.ts';
import { catalogRoutes } from '../modules/catalog/http/catalog-routes.ts';
import { checkoutRoutes } from '../modules/checkout/http/checkout-routes.ts';
import { accountRoutes } from '../modules/customers/http/account-routes.ts';
import { requestAuth } from '../modules/customers/index.ts';
import { inventoryRoutes } from '../modules/inventory/http/inventory-routes.ts';
import { outboxRoutes } from '../modules/notifications/http/outbox-routes.ts';
import { orderRoutes } from '../modules/orders/http/order-routes.ts';
import { paymentRoutes } from '../modules/payments/http/payment-routes.ts';
import { privacyRoutes } from '../modules/privacy/index.ts';
import {
  behaviourEventRoutes,
  experimentRoutes,
  interestRoutes,
  recommendationRoutes,
} from '../modules/recommendations/index.ts';
import { searchRoutes } from '../modules/search/http/search-routes.ts';
import { adminConsoleRoutes } from '../web/admin/admin-console-routes.ts';
import { sendNotFoundPage, storefrontRoutes } from '../web/storefront/storefront-routes.ts';
import { healthRoutes } from './health-routes.ts';
import type { ModuleRoutes } from './http.ts';

export const moduleRoutes: ModuleRoutes[] = [
  requestAuth,
  healthRoutes,
  catalogRoutes,
  inventoryRoutes,
  searchRoutes,
  accountRoutes,
  outboxRoutes,
  cartRoutes,
  checkoutRoutes,
  orderRoutes,
  paymentRoutes,
  behaviourEventRoutes,
  recommendationRoutes,
  experimentRoutes,
  interestRoutes,
  privacyRoutes,
  storefrontRoutes,
  adminConsoleRoutes,
];

/** Browsers asking for an unknown page get the storefront's 404 page. */
export const notFoundPage = sendNotFoundPage;
