/**
 * Everything Lantern holds about a customer, as one JSON document (the right of access and of
 * portability): profile and preferences, consents, addresses, orders with lines and timeline,
 * behaviour events and favourites, session metadata and the messages sent to them.
 */
import type { Db } from '../../app/database.ts';
import { getCustomerProfile, listAddresses } from '../customers/index.ts';
import { getOrderForCustomer, listCustomerOrders, type Order } from '../orders/index.ts';
import { exportShopperBehaviour, getShopperProfile } from '../recommendations/index.ts';
import { listNotificationsTo, listSessionMetadata } from './db/personal-data-repository.ts';
import { getCustomerConsent, listConsentHistory } from './record-consent.ts';

/** The export's shape; `format` names its version for anyone reading it later. */
export type ShopperDataExport = Awaited<ReturnType<typeof exportShopperData>>;

/** Collects the customer's data (404 when the account does not exist). */
export async function exportShopperData(db: Db, customerId: string) {
  const profile = await getCustomerProfile(db, customerId);
  const [addresses, orders, behaviour, sessions, consentHistory, consent] = await Promise.all([
    listAddresses(db, customerId),
    allOrders(db, customerId),
    exportShopperBehaviour(db, customerId),
    listSessionMetadata(db, customerId),
    listConsentHistory(db, customerId),
    getCustomerConsent(db, customerId),
  ]);
  const recipients = [profile.email, profile.phone].filter((v): v is string => Boolean(v));
  const { locale, theme, density, ...identity } = profile;
  return {
    format: 'lantern-shopper-export/1',
    exportedAt: new Date(),
    profile: identity,
    preferences: { locale, theme, density },
    consents: { current: consent, history: consentHistory },
    addresses,
    orders,
    behaviour: { events: behaviour.events, favourites: behaviour.favourites },
    // The derived interest tags and the interests they removed ("my interests" page).
    interests: behaviour.shopperKey
      ? await getShopperProfile(db, behaviour.shopperKey)
      : { personalisation: false, tags: [], removed: [] },
    sessions,
    notifications: await listNotificationsTo(db, recipients),
  };
}

async function allOrders(db: Db, customerId: string): Promise<Order[]> {
  const orders: Order[] = [];
  for (let page = 1; ; page++) {
    const { items, total, pageSize } = await listCustomerOrders(db, customerId, { page, pageSize: 50 });
    for (const summary of items) orders.push(await getOrderForCustomer(db, customerId, summary.id));
    if (page * pageSize >= total || items.length === 0) return orders;
  }
}
