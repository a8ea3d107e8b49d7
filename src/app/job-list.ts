/** Every module's scheduled jobs. A module adds its jobs here. */
import type { Job } from './jobs.ts';

export const moduleJobs: Job[] = [];
