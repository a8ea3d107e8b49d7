/** The platform's own contribution to the shop: its tables (outbox, idempotency), /health, housekeeping. */
import { healthRoutes } from './health-routes.ts';
import { type ModuleDefinition, migrationsBeside } from './module-definition.ts';
import { platformJobs } from './platform-jobs.ts';

export const platformModule: ModuleDefinition = {
  name: 'platform',
  migrations: migrationsBeside(import.meta.url),
  routes: [healthRoutes],
  jobs: platformJobs,
};
