/**
 * What a module contributes to the assembled shop. Each module's `index.ts` exports one
 * definition; the composition root (`src/lantern.ts`) lists them in dependency order and builds the
 * app, the job runner and the migration list from them, so adding a module is one line there.
 */
import { fileURLToPath } from 'node:url';
import type { Db, Tx } from './database.ts';
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
  /** What it holds about a person, for the privacy module's export and erasure. */
  personalData?: PersonalDataHolder;
}

/**
 * The person an export or an erasure is about: the customer, and the identifiers other modules
 * may hold copies of (an order's email, a message's recipient, a name in a free-text note).
 */
export interface DataSubject {
  customerId: string;
  email: string | null;
  phone: string | null;
  name: string;
}

/** What replaces an identifier found in free text (a timeline note, a refund reason). */
export const ERASED = '[erased]';

/**
 * The subject's identifiers worth looking for in free text: email, phone and name, when at least
 * three characters long (a shorter name would match unrelated words).
 */
export function identifierNeedles(subject: DataSubject): string[] {
  return [subject.email, subject.phone, subject.name].filter((v): v is string => Boolean(v && v.length >= 3));
}

/**
 * A module's part of the rights of access and erasure. The privacy module runs every module's
 * part: exports merged into one document, erasures in one transaction, the top layer first (so
 * a module can still ask the modules below it about the subject before they erase it).
 */
export interface PersonalDataHolder {
  /** Named sections of the export document (e.g. `{ orders: [...] }`). */
  export?(db: Db, subject: DataSubject): Promise<Record<string, unknown>>;
  /** Erases or irreversibly anonymises what it holds about `subject`, inside the caller's transaction. */
  erase?(tx: Tx, subject: DataSubject): Promise<void>;
}

/** The `db/migrations/` folder beside a module's `index.ts`: pass `import.meta.url`. */
export function migrationsBeside(indexUrl: string): string {
  return fileURLToPath(new URL('./db/migrations/', indexUrl));
}
