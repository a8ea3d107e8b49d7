/** Order jobs: cancel orders left unpaid past their payment deadline. */
import type { Job } from '../../app/jobs.ts';

export const orderJobs: Job[] = [];
