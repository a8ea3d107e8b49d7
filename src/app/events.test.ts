import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { consumeEvents, type DomainEvent, recordEvent } from './events.ts';

describe('consumeEvents', () => {
  it('hands each event to a consumer once, including one committed after a later one', async () => {
    const { sql } = await createTestDatabase();
    const seen: DomainEvent[] = [];
    const consume = () =>
      consumeEvents(sql, 'test', ['thing.happened'], async (events) => void seen.push(...events));
    await consume(); // starts the cursor

    // A transaction that began first but commits last must not be skipped.
    let releaseSlow!: () => void;
    let slowWrote!: () => void;
    const slowHasWritten = new Promise<void>((resolve) => (slowWrote = resolve));
    const slow = sql.begin(async (tx) => {
      await recordEvent(tx, 'thing.happened', 'slow');
      slowWrote();
      await new Promise<void>((resolve) => (releaseSlow = resolve));
    });
    await slowHasWritten;
    await recordEvent(sql, 'thing.happened', 'fast');
    await recordEvent(sql, 'other.type', 'ignored');
    await consume();
    // Neither is handed out while the earlier transaction is open, even though 'fast' committed.
    expect(seen.map((e) => e.aggregateId)).toEqual([]);

    releaseSlow();
    await slow;
    // Transaction ids are cluster-wide: other test files' open transactions can hold the horizon
    // back for a moment, so poll until both events have settled.
    await expect
      .poll(
        async () => {
          await consume();
          return seen.map((e) => e.aggregateId).sort();
        },
        { timeout: 10_000, interval: 100 },
      )
      .toEqual(['fast', 'slow']);
    expect(seen).toHaveLength(2); // each once
  });
});
