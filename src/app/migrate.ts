/**
 * Versioned SQL migrations. Each module keeps its own in `src/modules/<module>/db/migrations/`,
 * named `NNNN_<what>.sql`; they apply in the order of that number across all modules, so a
 * module whose tables reference another's picks a later number. Applied files are recorded with
 * a checksum: editing one that already ran is refused rather than silently diverging.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './database.ts';

const SRC_DIR = fileURLToPath(new URL('../', import.meta.url));
/** Any constant: serialises migrations when several instances start at once. */
const MIGRATION_LOCK = 7_260_001;

export interface Migration {
  version: string;
  file: string;
  sql: string;
  checksum: string;
}

/** Every migration file of the platform (`src/app`) and of every module, in apply order. */
export function listMigrations(srcDir = SRC_DIR): Migration[] {
  const found: Migration[] = [];
  const owners = ['app', ...fs.readdirSync(path.join(srcDir, 'modules')).map((m) => `modules/${m}`)];
  for (const module of owners) {
    const dir = path.join(srcDir, module, 'db', 'migrations');
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f))) {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      found.push({
        version: name.replace(/\.sql$/, ''),
        file: `${module}/${name}`,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      });
    }
  }
  found.sort((a, b) => a.version.localeCompare(b.version));
  const duplicate = found.find(
    (m, i) => i > 0 && m.version.slice(0, 4) === found[i - 1]!.version.slice(0, 4),
  );
  if (duplicate) throw new Error(`two migrations share the number of ${duplicate.file}`);
  return found;
}

/** Applies pending migrations, each in its own transaction; returns the versions applied. */
export async function migrate(sql: Sql, migrations = listMigrations()): Promise<string[]> {
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
    for (const m of migrations) {
      const checksum = done.get(m.version);
      if (checksum === m.checksum) continue;
      if (checksum)
        throw new Error(`migration ${m.file} changed after it was applied; add a new one instead`);
      await tx.savepoint(async (sp) => {
        await sp.unsafe(m.sql);
        await sp`insert into schema_migrations (version, checksum) values (${m.version}, ${m.checksum})`;
      });
      applied.push(m.version);
    }
  });
  return applied;
}
