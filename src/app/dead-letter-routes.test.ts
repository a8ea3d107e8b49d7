/** The outbox's JSON admin API: merchants only, problem+json errors, CSRF on cookie writes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support.ts';
import { createSession, type StaffRole } from '../modules/identity/index.ts';
import { buildStaff, signIn } from '../web/admin/admin-test-support.ts';
import { consumeEvents } from './event-consumers.ts';
import {
  createTestEffectsTable,
  effectsOf,
  failIntoDeadLetter,
  startAfterEarlierEvents,
  testConsumer,
} from './events-testing.ts';
import { newId } from './ids.ts';

const { app, sql } = await createTestApp();
const consumer = testConsumer('api-consumer');

async function bearer(role: StaffRole): Promise<Record<string, string>> {
  const id = newId('stf');
  await sql`insert into staff_users (id, email, name, role, password_hash)
    values (${id}, ${`${id}@example.test`}, 'Staff', ${role}, 'not-a-hash')`;
  const { token } = await createSession(sql, { kind: 'staff', staffId: id });
  return { authorization: `Bearer ${token}` };
}

let merchant: Record<string, string>;
let agent: Record<string, string>;
beforeAll(async () => {
  await createTestEffectsTable(sql);
  await startAfterEarlierEvents(sql, consumer);
  merchant = await bearer('merchant');
  agent = await bearer('agent');
});

describe('outbox admin API', () => {
  it('lists consumers with their lag and dead letters, retries one and discards another', async () => {
    const retried = await failIntoDeadLetter(sql, consumer, 'api-1');
    const discarded = await failIntoDeadLetter(sql, consumer, 'api-2');

    const consumers = await app.inject({ url: '/admin/event-consumers', headers: merchant });
    expect(consumers.statusCode).toBe(200);
    expect(consumers.json().items).toContainEqual({
      consumer: 'api-consumer',
      pending: 0,
      retrying: 0,
      oldestUnhandledAt: null,
      oldestUnhandledAgeSeconds: 0,
      deadLetters: 2,
    });
    const list = await app.inject({ url: '/admin/dead-letters', headers: merchant });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(list.json().items[1]).toMatchObject({
      id: retried,
      consumer: 'api-consumer',
      eventType: 'test.happened',
      aggregateId: 'api-1',
      payload: { note: 'about api-1' },
      error: 'Error: cannot handle api-1',
      attempts: 1,
    });

    consumer.failing.clear();
    const retry = await app.inject({
      method: 'POST',
      url: `/admin/dead-letters/${retried}/retry`,
      headers: merchant,
    });
    expect(retry.statusCode).toBe(204);
    await consumeEvents(sql, consumer);
    expect(await effectsOf(sql, consumer.name)).toEqual(['api-1']);

    const discard = await app.inject({
      method: 'POST',
      url: `/admin/dead-letters/${discarded}/discard`,
      headers: merchant,
    });
    expect(discard.statusCode).toBe(204);
    expect((await app.inject({ url: '/admin/dead-letters', headers: merchant })).json().total).toBe(0);

    const again = await app.inject({
      method: 'POST',
      url: `/admin/dead-letters/${discarded}/retry`,
      headers: merchant,
    });
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ type: '/problems/dead_letter_not_found', status: 404 });
  });

  it('refuses agents and anonymous callers', async () => {
    const id = await failIntoDeadLetter(sql, consumer, 'api-3');
    for (const [headers, status] of [
      [agent, 403],
      [{}, 401],
    ] as const) {
      for (const [method, url] of [
        ['GET', '/admin/event-consumers'],
        ['GET', '/admin/dead-letters'],
        ['POST', `/admin/dead-letters/${id}/retry`],
        ['POST', `/admin/dead-letters/${id}/discard`],
      ] as const) {
        const res = await app.inject({ method, url, headers });
        expect([method, url, res.statusCode]).toEqual([method, url, status]);
      }
    }
    const [letter] = await sql`select discarded_at from dead_letter_events where id = ${id}`;
    expect(letter).toEqual({ discarded_at: null });
  });

  it('needs the CSRF token for a write with the staff cookie', async () => {
    const id = await failIntoDeadLetter(sql, consumer, 'api-4');
    const browser = await signIn(app, await buildStaff(sql, 'merchant'));
    const url = `/admin/dead-letters/${id}/discard`;
    const forged = await app.inject({ method: 'POST', url, headers: { cookie: browser.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('csrf_token_invalid');
    const [still] = await sql`select discarded_at from dead_letter_events where id = ${id}`;
    expect(still).toEqual({ discarded_at: null });

    const sent = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
    });
    expect(sent.statusCode).toBe(204);
  });
});
