/** Every module's scheduled jobs. A module adds its jobs here. */
import { catalogJobs } from '../modules/catalog/index.ts';
import { customerJobs } from '../modules/customers/customer-jobs.ts';
import { inventoryJobs } from '../modules/inventory/inventory-jobs.ts';
import { orderJobs } from '../modules/orders/order-jobs.ts';
import { behaviourEventJobs, recommendationJobs } from '../modules/recommendations/index.ts';
import { searchJobs } from '../modules/search/index.ts';
import type { Job } from './jobs.ts';
import { platformJobs } from './platform-jobs.ts';

export const moduleJobs: Job[] = [
  ...platformJobs,
  ...catalogJobs,
  ...customerJobs,
  ...inventoryJobs,
  ...orderJobs,
  ...searchJobs,
  ...behaviourEventJobs,
  ...recommendationJobs,
];
