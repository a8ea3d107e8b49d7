/** Order types as the rest of the app sees them: money as `{ amountMinor, currency }`. */
import type { Money } from '../../app/money.ts';
import type { OrderStatus } from './order-state.ts';
import type { OrderTimelineType } from './order-timeline.ts';

export interface ShippingAddress {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode: string;
}

export interface OrderLine {
  id: string;
  productId: string;
  variantId: string;
  sku: string;
  title: { zh: string; en: string };
  variantLabel: { zh: string; en: string };
  image: string | null;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

/** One timeline entry as read back: a stable type and its parameters (see `order-timeline.ts`). */
export interface OrderEvent {
  type: OrderTimelineType;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  params: Record<string, string | number>;
  /** What a person typed (a reason), or ''. */
  note: string;
  actor: string;
  at: Date;
}

export interface OrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  email: string;
  total: Money;
  itemCount: number;
  createdAt: Date;
}

export interface Order {
  id: string;
  number: string;
  customerId: string | null;
  status: OrderStatus;
  email: string;
  phone: string;
  subtotal: Money;
  shipping: Money;
  discount: Money;
  total: Money;
  shippingAddress: ShippingAddress;
  deliveryOption: string;
  locale: string;
  trackingNumber: string | null;
  paymentDueAt: Date;
  createdAt: Date;
  lines: OrderLine[];
  timeline: OrderEvent[];
}

/** Who changed an order: `customer:<id>`, `staff:<id>`, `guest`, `system` or `provider:<name>`. */
export type OrderActor = string;
