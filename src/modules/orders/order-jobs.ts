/** Order jobs: cancel orders left unpaid past their payment deadline. */
import type { Job } from '../../app/jobs.ts';
import { expireUnpaidOrders } from './cancel-order.ts';

export const orderJobs: Job[] = [
  {
    name: 'orders.expire-unpaid',
    everyMs: 30_000,
    run: ({ sql }) => expireUnpaidOrders(sql, { limit: 100 }),
  },
];
