/** Inventory jobs: release reservations left active well past their expiry. */
import { withTransaction } from '../../app/database.ts';
import type { Job } from '../../app/jobs.ts';
import { releaseExpiredReservations } from './reservations.ts';

/**
 * Orders cancel (and release) themselves when their payment deadline passes (see the orders
 * module's job); this sweep is the safety net for anything that job missed, so it waits a grace
 * period before touching a reservation.
 */
export const inventoryJobs: Job[] = [
  {
    name: 'inventory.release-expired-reservations',
    everyMs: 60_000,
    run: ({ sql }) =>
      withTransaction(sql, (tx) => releaseExpiredReservations(tx, { graceMinutes: 15, limit: 200 })),
  },
];
