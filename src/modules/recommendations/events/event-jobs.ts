/** The events module's scheduled jobs: purchases from placed orders, and retention. */
import type { Job } from '../../../app/jobs.ts';
import { aggregateOldEvents } from './aggregate-old-events.ts';
import { backfillPurchaseEvents } from './backfill-purchase-events.ts';
import { recordPurchaseEvents } from './record-purchase-events.ts';

export const behaviourEventJobs: Job[] = [
  {
    name: 'recommendations.record-purchases',
    everyMs: 5_000,
    // The backfill runs once (later runs cost one lookup) and before the consumer's first run.
    run: async (deps) => {
      await backfillPurchaseEvents(deps.sql);
      return recordPurchaseEvents(deps.sql);
    },
  },
  {
    name: 'recommendations.event-retention',
    everyMs: 3_600_000,
    run: (deps) => aggregateOldEvents(deps.sql),
  },
];
