/** The events module's scheduled jobs: purchases from before the order consumer, and retention. */
import type { Job } from '../../../app/jobs.ts';
import { aggregateOldEvents } from './aggregate-old-events.ts';
import { backfillPurchaseEvents } from './backfill-purchase-events.ts';

export const behaviourEventJobs: Job[] = [
  {
    name: 'recommendations.backfill-purchases',
    everyMs: 5_000,
    // Runs once; every later run costs one primary-key lookup.
    run: (deps) => backfillPurchaseEvents(deps.sql),
  },
  {
    name: 'recommendations.event-retention',
    everyMs: 3_600_000,
    run: (deps) => aggregateOldEvents(deps.sql),
  },
];
