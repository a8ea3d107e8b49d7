/** Reading one order: by its owner, by a guest's access token, or by staff. */
import type { Db, Tx } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { hashToken } from '../identity/index.ts';
import { hasExtraAccessToken, type LockedOrder, loadOrder, lockOrder } from './db/order-repository.ts';
import type { Order } from './order.ts';

/** How a shopper proves an order is theirs: their signed-in account, or the order's secret token. */
export type OrderAccess = { customerId: string } | { accessToken: string };

/** The signed-in customer's order; someone else's or unknown both answer 404. */
export async function getOrderForCustomer(db: Db, customerId: string, orderId: string): Promise<Order> {
  const order = await loadOrder(db, orderId, { customerId });
  if (!order) throw notFound('order');
  return order;
}

/** A guest's order by id plus its access token; a wrong token answers 404, as an unknown id does. */
export async function getOrderByAccessToken(db: Db, orderId: string, accessToken: string): Promise<Order> {
  if (!accessToken || accessToken.length > 100) throw notFound('order');
  const order = await loadOrder(db, orderId, { accessTokenHash: hashToken(accessToken) });
  if (!order) throw notFound('order');
  return order;
}

/** The order when `access` proves the shopper may see it (either kind of proof). */
export async function getOrderForShopper(db: Db, access: OrderAccess, orderId: string): Promise<Order> {
  return 'customerId' in access
    ? getOrderForCustomer(db, access.customerId, orderId)
    : getOrderByAccessToken(db, orderId, access.accessToken);
}

/** Any order, for staff (the route checks the staff role). */
export async function getOrderForAdmin(db: Db, orderId: string): Promise<Order> {
  const order = await loadOrder(db, orderId);
  if (!order) throw notFound('order');
  return order;
}

/**
 * Locks the order for the rest of the transaction when `access` proves it is the shopper's; null
 * for someone else's order and for an unknown id alike (the caller answers 404 to both).
 */
export async function lockOrderForShopper(
  tx: Tx,
  access: OrderAccess,
  orderId: string,
): Promise<LockedOrder | null> {
  const order = await lockOrder(tx, orderId);
  if (!order) return null;
  if ('customerId' in access) return order.customerId === access.customerId ? order : null;
  if (!access.accessToken || access.accessToken.length > 100) return null;
  const hash = hashToken(access.accessToken);
  if (hash === order.accessTokenHash || (await hasExtraAccessToken(tx, order.id, hash))) return order;
  return null;
}
