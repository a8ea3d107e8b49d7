/**
 * Delivery options and their fees: pure rules, no I/O. Fees are in CNY minor units (fen).
 * Same-day delivery exists only inside Shanghai (上海), where the demo warehouse is.
 */
import type { Money } from '../../app/money.ts';

export const DELIVERY_CODES = ['standard', 'express', 'same_day'] as const;
export type DeliveryCode = (typeof DELIVERY_CODES)[number];

export interface DeliveryOption {
  code: DeliveryCode;
  name: { zh: string; en: string };
  fee: Money;
  /** Shipping is free when the subtotal reaches this amount; null when it never is. */
  freeOver: Money | null;
  etaDays: { min: number; max: number };
  /** Provinces or municipalities served; null for everywhere. */
  regions: string[] | null;
}

export const DELIVERY_OPTIONS: readonly DeliveryOption[] = [
  {
    code: 'standard',
    name: { zh: '标准快递', en: 'Standard delivery' },
    fee: { amountMinor: 1000, currency: 'CNY' },
    freeOver: { amountMinor: 9900, currency: 'CNY' },
    etaDays: { min: 2, max: 4 },
    regions: null,
  },
  {
    code: 'express',
    name: { zh: '次日达', en: 'Express (next day)' },
    fee: { amountMinor: 2200, currency: 'CNY' },
    freeOver: null,
    etaDays: { min: 1, max: 1 },
    regions: null,
  },
  {
    code: 'same_day',
    name: { zh: '当日达（仅限上海）', en: 'Same day (Shanghai only)' },
    fee: { amountMinor: 3500, currency: 'CNY' },
    freeOver: null,
    etaDays: { min: 0, max: 0 },
    regions: ['上海', '上海市', 'shanghai'],
  },
];

/** The option with `code`, or undefined. */
export function findDeliveryOption(code: string): DeliveryOption | undefined {
  return DELIVERY_OPTIONS.find((o) => o.code === code);
}

/** True when `option` delivers to `province` (any province when the address is not known yet). */
export function servesProvince(option: DeliveryOption, province: string | undefined): boolean {
  if (!option.regions || province === undefined) return true;
  return option.regions.includes(province.trim().toLowerCase()) || option.regions.includes(province.trim());
}

/** The options that deliver to `province`. */
export function deliveryOptionsFor(province: string | undefined): DeliveryOption[] {
  return DELIVERY_OPTIONS.filter((o) => servesProvince(o, province));
}

/** The shipping fee of `option` for a subtotal: zero once the subtotal reaches `freeOver`. */
export function shippingFee(option: DeliveryOption, subtotal: Money): Money {
  if (option.freeOver && subtotal.amountMinor >= option.freeOver.amountMinor) {
    return { amountMinor: 0, currency: option.fee.currency };
  }
  return option.fee;
}
