import { describe, expect, it } from 'vitest';
import { deliveryOptionsFor, findDeliveryOption, servesProvince, shippingFee } from './delivery-options.ts';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

describe('delivery options', () => {
  it('charges standard ¥10 below ¥99 and nothing from ¥99', () => {
    const standard = findDeliveryOption('standard')!;
    expect(shippingFee(standard, cny(9899))).toEqual(cny(1000));
    expect(shippingFee(standard, cny(9900))).toEqual(cny(0));
  });

  it('always charges express ¥22', () => {
    expect(shippingFee(findDeliveryOption('express')!, cny(1_000_000))).toEqual(cny(2200));
  });

  it('offers same-day only in Shanghai', () => {
    const sameDay = findDeliveryOption('same_day')!;
    expect(servesProvince(sameDay, '上海')).toBe(true);
    expect(servesProvince(sameDay, '上海市')).toBe(true);
    expect(servesProvince(sameDay, '北京')).toBe(false);
    expect(deliveryOptionsFor('广东').map((o) => o.code)).toEqual(['standard', 'express']);
  });

  it('knows no unknown code', () => {
    expect(findDeliveryOption('teleport')).toBeUndefined();
  });
});
