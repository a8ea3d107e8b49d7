/**
 * Versioned SQL migrations. Each module keeps its own in `<module>/db/migrations/`, named
 * `NNNN_<what>.sql`, and the composition root hands over every module's folder. The numbers form
 * one sequence across all modules: a migration applies after every lower number, so a module whose
 * tables reference another's takes a later number.
 *
 * Refused, with a sentence that says what to do:
 * - a file changed after it was applied (add a new one instead);
 * - a pending file numbered below one already applied: it would run in an order no other database
 *   ran it in (two branches picked numbers independently; renumber it after the newest);
 * - an applied version that no file has any more: the database was made by another build.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from './database.ts';

/** Any constant: serialises migrations when several instances start at once. */
const MIGRATION_LOCK = 7_260_001;
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  /** `0007_cart`: the number and name, as recorded in `schema_migrations`. */
  version: string;
  file: string;
  sql: string;
  checksum: string;
}

/** Every migration file in `directories`, in apply order; throws when two share a number. */
export function listMigrations(directories: string[]): Migration[] {
  const found: Migration[] = [];
  for (const dir of directories) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      if (!FILE_NAME.test(name)) throw new Error(`migration ${path.join(dir, name)}: name it NNNN_what.sql`);
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      found.push({
        version: name.replace(/\.sql$/, ''),
        file: path.join(dir, name),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      });
    }
  }
  found.sort((a, b) => a.version.localeCompare(b.version));
  const duplicate = found.find((m, i) => i > 0 && numberOf(m) === numberOf(found[i - 1]!));
  if (duplicate) throw new Error(`two migrations share the number ${numberOf(duplicate)}: ${duplicate.file}`);
  return found;
}

function numberOf(m: { version: string }): number {
  return Number(m.version.slice(0, 4));
}

/** Applies pending migrations in one transaction under a lock; returns the versions applied. */
export async function migrate(sql: Sql, migrations: Migration[]): Promise<string[]> {
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`create table if not exists schema_migrations (
      version text primary key, checksum text not null, applied_at timestamptz not null default now())`;
    const done = new Map(
      (
        await tx<{ version: string; checksum: string }[]>`select version, checksum from schema_migrations`
      ).map((r) => [r.version, r.checksum]),
    );
    checkHistory(migrations, done);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.savepoint(async (sp) => {
        await sp.unsafe(m.sql);
        await sp`insert into schema_migrations (version, checksum) values (${m.version}, ${m.checksum})`;
      });
      applied.push(m.version);
    }
  });
  return applied;
}

/** Refuses to go on when the files and the database's history disagree (see the file comment). */
function checkHistory(migrations: Migration[], done: Map<string, string>): void {
  const known = new Set(migrations.map((m) => m.version));
  const stranger = [...done.keys()].find((v) => !known.has(v));
  if (stranger) {
    throw new Error(
      `the database has migration ${stranger}, which this build does not have: it was made by another ` +
        'version of Lantern. Point DATABASE_URL (or LANTERN_DATA_DIR) at a new database, or delete the old one.',
    );
  }
  const newestApplied = Math.max(0, ...[...done.keys()].map((v) => numberOf({ version: v })));
  for (const m of migrations) {
    const checksum = done.get(m.version);
    if (checksum && checksum !== m.checksum)
      throw new Error(`migration ${m.file} changed after it was applied; add a new one instead`);
    if (!checksum && numberOf(m) < newestApplied) {
      throw new Error(
        `migration ${m.file} is numbered below ${String(newestApplied).padStart(4, '0')}, which is already ` +
          'applied: it would run out of order. Give it the next free number.',
      );
    }
  }
}
