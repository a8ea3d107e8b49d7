/**
 * Starts one real PostgreSQL for the whole test run (embedded, or the server in
 * TEST_DATABASE_URL), migrates a template database, and hands its admin URL to the test files;
 * each file then clones the template into a database of its own (see `test/support.ts`).
 *
 * Every run is self-contained: the embedded cluster lives in a fresh temporary directory on a
 * port the OS picks, and the template's name is the run's own, so two runs at once (two
 * checkouts, or the suite against an external server another run also uses) never meet.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/app/database.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../src/app/embedded-postgres.ts';
import { migrate } from '../src/app/migrate.ts';
import { seedDemoShop } from '../src/demo/seed.ts';
import { lanternMigrations } from '../src/lantern.ts';
import { setPasswordHashCostForTests } from '../src/modules/identity/index.ts';
import { onFreePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * A throwaway cluster need not survive a power cut: skip the flushes that make tests wait. Nor
 * does it live long enough to need vacuuming: autovacuum workers only take CPU from the tests
 * (each file's database is a fresh clone, dropped after the file).
 */
const THROWAWAY_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  autovacuum: 'off',
};

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-test-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
    fs.chmodSync(dataDir, 0o755);
    const embedded = await onFreePort((port) =>
      startEmbeddedPostgres(dataDir, port, { settings: THROWAWAY_SETTINGS }),
    );
    adminUrl = embedded.adminUrl;
    stop = async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const template = `lantern_template_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(adminUrl, template);
  const sql = connect(adminUrl.replace(/\/[^/?]+(\?|$)/, `/${template}$1`), { max: 2 });
  try {
    // The demo accounts' hashes too: every sign-in as them verifies at the cheap cost.
    setPasswordHashCostForTests();
    await migrate(sql, lanternMigrations());
    await seedDemoShop(sql);
    // With autovacuum off nothing else gathers statistics; every clone inherits these.
    await sql`vacuum analyze`;
  } finally {
    await sql.end();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(adminUrl, template);
    await stop();
  };
}

async function dropDatabase(adminUrl: string, name: string) {
  const sql = connect(adminUrl, { max: 1 });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end();
  }
}
