import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support.ts';
import { consumeEvents } from './event-consumers.ts';
import { recordEvent } from './events.ts';
import {
  createTestEffectsTable,
  failIntoDeadLetter,
  startAfterEarlierEvents,
  testConsumer,
  waitUntilEventsSettle,
} from './events-testing.ts';
import { counter } from './metrics.ts';

describe('/metrics', () => {
  it('counts answered requests per route in the Prometheus histogram format', async () => {
    const { app } = await createTestApp();
    await app.inject('/health');
    await app.inject('/health');
    await app.inject('/no-such-page');
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain(
      'lantern_http_request_duration_seconds_count{method="GET",route="/health",status="2xx"} 2',
    );
    expect(text).toMatch(
      /lantern_http_request_duration_seconds_count\{method="GET",route="unmatched",status="4xx"\} 1/,
    );
    expect(text).toMatch(/lantern_process_resident_memory_bytes \d+/);
  });

  it('reports the counters modules register', async () => {
    const { app } = await createTestApp();
    const widgets = counter('lantern_test_widgets_total', 'Widgets made in a test.');
    widgets.inc();
    widgets.inc(2);
    expect(counter('lantern_test_widgets_total', 'again').value()).toBe(3);
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain('# TYPE lantern_test_widgets_total counter');
    expect(text).toContain('lantern_test_widgets_total 3');
  });

  it("reports each outbox consumer's backlog, the oldest unhandled event's age and dead letters", async () => {
    const { app, sql } = await createTestApp();
    await createTestEffectsTable(sql);
    const consumer = testConsumer('lagging');
    await startAfterEarlierEvents(sql, consumer);
    const gauge = async (name: string) => {
      const text = (await app.inject('/metrics')).body;
      const line = text.split('\n').find((l) => l.startsWith(`${name}{consumer="lagging"} `));
      return line === undefined ? undefined : Number(line.split(' ')[1]);
    };

    // given three events the consumer has not run for, the oldest recorded an hour ago
    for (const id of ['l1', 'l2', 'l3']) await recordEvent(sql, 'test.happened', id, {});
    await sql`update domain_events set created_at = now() - interval '1 hour' where aggregate_id = 'l1'`;
    expect(await gauge('lantern_outbox_pending_events')).toBe(3);
    expect(await gauge('lantern_outbox_oldest_unhandled_age_seconds')).toBeGreaterThanOrEqual(3600);
    expect(await gauge('lantern_outbox_dead_letters')).toBe(0);

    // when it handles them but one fails and waits for a retry
    consumer.failing.add('l2');
    await waitUntilEventsSettle(sql);
    await consumeEvents(sql, consumer);
    expect(await gauge('lantern_outbox_pending_events')).toBe(1);
    expect(await gauge('lantern_outbox_retrying_events')).toBe(1);

    // and when it gives up on that one and on a new one, nothing is pending any more
    await sql`update event_retries set next_attempt_at = now() where consumer = 'lagging'`;
    await failIntoDeadLetter(sql, consumer, 'l4');
    expect(await gauge('lantern_outbox_pending_events')).toBe(0);
    expect(await gauge('lantern_outbox_oldest_unhandled_age_seconds')).toBe(0);
    expect(await gauge('lantern_outbox_dead_letters')).toBe(2);
  });

  it('still answers with the process metrics when the database does not', async () => {
    const { app, sql } = await createTestApp();
    await sql.end({ timeout: 1 });
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/lantern_process_resident_memory_bytes \d+/);
    expect(res.body).not.toContain('lantern_outbox_');
  });
});
