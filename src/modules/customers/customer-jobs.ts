/** The customers module's scheduled jobs (register them in src/app/job-list.ts). */
import type { Job } from '../../app/jobs.ts';
import { purgeExpiredSessions } from './purge-expired-sessions.ts';

export const customerJobs: Job[] = [
  {
    name: 'customers.purge-expired-sessions',
    everyMs: 3_600_000,
    run: (deps) => purgeExpiredSessions(deps.sql),
  },
];
