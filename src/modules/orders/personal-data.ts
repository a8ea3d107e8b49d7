/**
 * Orders' part of a shopper's data export and erasure. Orders stay for accounting: totals, lines
 * and status are kept; email, phone and the personal parts of the address are blanked (province
 * and city remain for tax reports), and copies of the identifiers in timeline notes are masked.
 * Guest orders placed earlier with the same email or phone count as the subject's.
 */
import type { Db } from '../../app/database.ts';
import {
  type DataSubject,
  ERASED,
  identifierNeedles,
  type PersonalDataHolder,
} from '../../app/module-definition.ts';
import { getOrderForCustomer } from './get-order.ts';
import { listCustomerOrders } from './list-orders.ts';
import type { Order } from './order.ts';

/** Ids of the subject's orders: theirs, and guest orders with their email or phone. */
export async function findSubjectOrderIds(db: Db, subject: DataSubject): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select id from orders
     where customer_id = ${subject.customerId}
        or (${subject.email}::text <> '' and email = ${subject.email})
        or (${subject.phone}::text <> '' and phone = ${subject.phone})`;
  return rows.map((r) => r.id);
}

/** Every order of the customer's account with lines and timeline, newest first. */
async function allOrders(db: Db, customerId: string): Promise<Order[]> {
  const orders: Order[] = [];
  for (let page = 1; ; page++) {
    const { items, total, pageSize } = await listCustomerOrders(db, customerId, { page, pageSize: 50 });
    for (const summary of items) orders.push(await getOrderForCustomer(db, customerId, summary.id));
    if (page * pageSize >= total || items.length === 0) return orders;
  }
}

/** Exports `orders`; erasure blanks the personal fields of the subject's orders and masks their timelines. */
export const ordersPersonalData: PersonalDataHolder = {
  async export(db, subject) {
    return { orders: await allOrders(db, subject.customerId) };
  },
  async erase(tx, subject) {
    const orderIds = await findSubjectOrderIds(tx, subject);
    if (orderIds.length === 0) return;
    await tx`
      update orders set email = '', phone = '',
             shipping_address = shipping_address || jsonb_build_object(
               'recipient', '', 'phone', '', 'line1', '', 'district', '', 'postalCode', ''),
             updated_at = now()
       where id = any(${orderIds})`;
    for (const needle of identifierNeedles(subject))
      await tx`update order_events set note = replace(note, ${needle}, ${ERASED})
                where order_id = any(${orderIds}) and strpos(note, ${needle}) > 0`;
  },
};
