/** The identity module's scheduled jobs. */
import type { Job } from '../../app/jobs.ts';
import { purgeExpiredSessions } from './purge-expired-sessions.ts';
import { purgeLoginThrottle } from './purge-login-throttle.ts';

export const identityJobs: Job[] = [
  {
    name: 'identity.purge-expired-sessions',
    everyMs: 3_600_000,
    run: (deps) => purgeExpiredSessions(deps.sql),
  },
  {
    name: 'identity.purge-login-throttle',
    everyMs: 600_000,
    run: (deps) => purgeLoginThrottle(deps.sql),
  },
];
