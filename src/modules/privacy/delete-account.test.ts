import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import type { ModuleDefinition } from '../../app/module-definition.ts';
import { lanternModules } from '../../lantern.ts';
import { buildCustomer } from '../customers/testing.ts';
import { createSession } from '../identity/index.ts';
import { deleteAccount, exportShopperData, providePersonalData, recordConsent } from './index.ts';

const { sql } = await createTestDatabase();

afterEach(() => providePersonalData(lanternModules));

/** A customer with a session and a consent choice: rows in identity's, customers' and privacy's tables. */
async function customerWithData() {
  const { customerId } = await buildCustomer(sql, { name: 'Ottoline Brackenbury' });
  await createSession(sql, { kind: 'shopper', customerId });
  await recordConsent(sql, customerId, { personalisation: true, analytics: false }, 'api');
  return customerId;
}

async function rowsOf(customerId: string) {
  const [row] = await sql<{ customers: number; sessions: number; consents: number }[]>`
    select (select count(*)::int from customers where id = ${customerId}) as customers,
           (select count(*)::int from sessions where customer_id = ${customerId}) as sessions,
           (select count(*)::int from consents where customer_id = ${customerId}) as consents`;
  return row!;
}

describe('deleteAccount', () => {
  it("erases every module's part in one transaction: a part that fails undoes the others", async () => {
    const customerId = await customerWithData();
    // Listed first (bottom layer), so it erases last, after every real part has erased its rows.
    const failing: ModuleDefinition = {
      name: 'failing',
      personalData: {
        async erase() {
          throw new Error('disk full');
        },
      },
    };
    providePersonalData([failing, ...lanternModules]);
    await expect(deleteAccount(sql, customerId)).rejects.toThrow('disk full');
    expect(await rowsOf(customerId)).toEqual({ customers: 1, sessions: 1, consents: 1 });

    providePersonalData(lanternModules);
    await deleteAccount(sql, customerId);
    expect(await rowsOf(customerId)).toEqual({ customers: 0, sessions: 0, consents: 0 });
    await expect(deleteAccount(sql, customerId)).rejects.toMatchObject({ code: 'customer_not_found' });
  });

  it('runs the parts top layer first, so a module can still ask the modules below it', async () => {
    const customerId = await customerWithData();
    const order: string[] = [];
    const part = (name: string): ModuleDefinition => ({
      name,
      personalData: {
        async erase(_tx, subject) {
          order.push(`${name}:${subject.name}`);
        },
      },
    });
    providePersonalData([part('bottom'), part('middle'), part('top')]);
    await deleteAccount(sql, customerId);
    expect(order).toEqual([
      'top:Ottoline Brackenbury',
      'middle:Ottoline Brackenbury',
      'bottom:Ottoline Brackenbury',
    ]);
  });
});

describe('exportShopperData', () => {
  it("merges every module's sections into one document", async () => {
    const customerId = await customerWithData();
    const data = await exportShopperData(sql, customerId);
    expect(Object.keys(data).sort()).toEqual(
      [
        'addresses',
        'behaviour',
        'consents',
        'exportedAt',
        'format',
        'interests',
        'notifications',
        'orders',
        'preferences',
        'profile',
        'sessions',
      ].sort(),
    );
    expect(data.profile).toMatchObject({ id: customerId, name: 'Ottoline Brackenbury' });
  });

  it('refuses two parts that claim the same section, rather than drop one', async () => {
    const customerId = await customerWithData();
    const claim = (name: string): ModuleDefinition => ({
      name,
      personalData: { export: async () => ({ orders: [name] }) },
    });
    providePersonalData([claim('a'), claim('b')]);
    await expect(exportShopperData(sql, customerId)).rejects.toThrow(
      'two personal-data parts export "orders"',
    );
  });
});
