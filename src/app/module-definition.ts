/**
 * What a module contributes to the assembled shop. Each module's `index.ts` exports one
 * definition; the composition root (`src/lantern.ts`) lists them in dependency order and builds the
 * app, the job runner and the migration list from them, so adding a module is one line there.
 */
import { fileURLToPath } from 'node:url';
import type { EventConsumer } from './event-consumers.ts';
import type { ModuleRoutes } from './http.ts';
import type { Job } from './jobs.ts';

export interface ModuleDefinition {
  /** The module's folder name, e.g. `catalog`. */
  name: string;
  /** Folder of its SQL migrations (`NNNN_what.sql`), if it has tables. */
  migrations?: string;
  /** Its HTTP route plugins, registered in this order. */
  routes?: ModuleRoutes[];
  /** Its scheduled jobs. */
  jobs?: Job[];
  /** Its outbox consumers; the platform runs each as a job (`eventConsumerJob`). */
  consumers?: EventConsumer[];
}

/** The `db/migrations/` folder beside a module's `index.ts`: pass `import.meta.url`. */
export function migrationsBeside(indexUrl: string): string {
  return fileURLToPath(new URL('./db/migrations/', indexUrl));
}
