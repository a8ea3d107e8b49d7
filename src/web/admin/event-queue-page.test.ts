/** The event queue screen: tasks' backlog, failed events with retry and discard; merchants only. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { consumeEvents } from '../../app/event-consumers.ts';
import {
  createTestEffectsTable,
  effectsOf,
  failIntoDeadLetter,
  startAfterEarlierEvents,
  testConsumer,
} from '../../app/events-testing.ts';
import { type Browser, buildStaff, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();
const consumer = testConsumer('page-consumer');
const PAGE = '/admin/console/event-queue';

let merchant: Browser;
let agent: Browser;
beforeAll(async () => {
  await createTestEffectsTable(sql);
  await startAfterEarlierEvents(sql, consumer);
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  agent = await signIn(app, await buildStaff(sql, 'agent'));
});

async function isWaiting(id: string): Promise<boolean> {
  const [row] = await sql`select 1 from dead_letter_events where id = ${id} and discarded_at is null`;
  return Boolean(row);
}

describe('event queue screen', () => {
  it('shows each task and the failed events with their error, in Chinese and in English', async () => {
    const id = await failIntoDeadLetter(sql, consumer, 'page-1');

    const page = await merchant.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain(`href="${PAGE}" aria-current="page"`);
    expect(page.body).toContain('<h1>事件队列</h1>');
    // A task without a name in the catalogue is named generically, with its code.
    expect(page.body).toContain('其他任务（page-consumer）');
    expect(page.body).toContain('data-event-type="test.happened">其他事件');
    expect(page.body).toContain(`data-dead-letter="${id}"`);
    expect(page.body).toContain('Error: cannot handle page-1');
    expect(page.body).toContain(`action="${PAGE}/${id}/retry"`);
    expect(page.body).toContain('重新处理');

    const english = await app.inject({
      url: PAGE,
      headers: { cookie: `${merchant.cookie}; lantern_admin_lang=en` },
    });
    expect(english.body).toContain('<h1>Event queue</h1>');
    expect(english.body).toContain('Another task (page-consumer)');
    expect(english.body).toContain('>Retry</button>');
    expect(english.body).toContain('>Discard</button>');
  });

  it('retries a failed event so its task handles it, and discards another', async () => {
    const retried = await failIntoDeadLetter(sql, consumer, 'page-2');
    const discarded = await failIntoDeadLetter(sql, consumer, 'page-3');
    consumer.failing.clear();

    const retry = await merchant.post(`${PAGE}/${retried}/retry`, { _csrf: merchant.csrf });
    expect(retry.statusCode).toBe(303);
    expect(retry.headers.location).toBe(`${PAGE}?done=retried`);
    expect((await merchant.get(retry.headers.location!)).body).toContain('事件已重新排队');
    await consumeEvents(sql, consumer);
    expect(await effectsOf(sql, consumer.name)).toContain('page-2');

    const discard = await merchant.post(`${PAGE}/${discarded}/discard`, { _csrf: merchant.csrf });
    expect(discard.statusCode).toBe(303);
    expect(await isWaiting(discarded)).toBe(false);

    // A second click on either finds nothing left to do and says so on the page.
    const twice = await merchant.post(`${PAGE}/${discarded}/discard`, { _csrf: merchant.csrf });
    expect(twice.statusCode).toBe(404);
    expect(twice.body).toContain('该事件已被重新处理或丢弃。');
  });

  it('refuses a form without the CSRF token, and support agents altogether', async () => {
    const id = await failIntoDeadLetter(sql, consumer, 'page-4');

    const forged = await merchant.post(`${PAGE}/${id}/discard`, {});
    expect(forged.statusCode).toBe(403);
    expect(await isWaiting(id)).toBe(true);

    expect((await agent.get(PAGE)).statusCode).toBe(403);
    expect((await agent.get('/admin')).body).not.toContain(`href="${PAGE}"`);
    const byAgent = await agent.post(`${PAGE}/${id}/retry`, { _csrf: agent.csrf });
    expect(byAgent.statusCode).toBe(403);
    expect(await isWaiting(id)).toBe(true);
  });
});
