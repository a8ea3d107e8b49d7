/** Inventory jobs: release expired reservations. */
import type { Job } from '../../app/jobs.ts';

export const inventoryJobs: Job[] = [];
