import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { consumeEvents } from './event-consumers.ts';
import { recordEvent } from './events.ts';
import {
  createTestEffectsTable,
  effectsOf,
  startAfterEarlierEvents,
  testConsumer,
} from './events-testing.ts';

describe('recordEvent and a consumer', () => {
  it('hands each event to a consumer once, including one committed after a later one', async () => {
    const { sql } = await createTestDatabase();
    await createTestEffectsTable(sql);
    const consumer = testConsumer('late-commit');
    const consume = () => consumeEvents(sql, consumer);
    await startAfterEarlierEvents(sql, consumer);

    // A transaction that began first but commits last must not be skipped.
    let releaseSlow!: () => void;
    let slowWrote!: () => void;
    const slowHasWritten = new Promise<void>((resolve) => (slowWrote = resolve));
    const slow = sql.begin(async (tx) => {
      await recordEvent(tx, 'test.happened', 'slow', {});
      slowWrote();
      await new Promise<void>((resolve) => (releaseSlow = resolve));
    });
    await slowHasWritten;
    await recordEvent(sql, 'test.happened', 'fast', {});
    await recordEvent(sql, 'order.delivered', 'ignored', {});
    await consume();
    // Neither is handed out while the earlier transaction is open, even though 'fast' committed.
    expect(await effectsOf(sql, consumer.name)).toEqual([]);

    releaseSlow();
    await slow;
    // Transaction ids are cluster-wide: other test files' open transactions can hold the horizon
    // back for a moment, so poll until both events have settled.
    await expect
      .poll(
        async () => {
          await consume();
          return (await effectsOf(sql, consumer.name)).sort();
        },
        { timeout: 15_000, interval: 100 },
      )
      .toEqual(['fast', 'slow']);
    expect(await effectsOf(sql, consumer.name)).toHaveLength(2); // each once
  });
});
