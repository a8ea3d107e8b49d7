/**
 * Starts one real PostgreSQL for the whole test run (embedded, or the server in
 * TEST_DATABASE_URL), migrates a template database, and hands its admin URL to the test files;
 * each file then clones the template into a database of its own (see `test/support.ts`).
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/app/database.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../src/app/embedded-postgres.ts';
import { migrate } from '../src/app/migrate.ts';
import { seedDemoShop } from '../src/demo/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'lantern_test_template';

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const port = Number(process.env.TEST_PG_PORT || 25431);
    const embedded = await startEmbeddedPostgres(path.resolve(`.data/test-${port}`), port);
    adminUrl = embedded.adminUrl;
    stop = embedded.stop;
  }
  await dropDatabase(adminUrl, TEMPLATE_DATABASE);
  await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  const sql = connect(adminUrl.replace(/\/[^/?]+(\?|$)/, `/${TEMPLATE_DATABASE}$1`), { max: 2 });
  try {
    await migrate(sql);
    await seedDemoShop(sql);
  } finally {
    await sql.end();
  }
  project.provide('pgAdminUrl', adminUrl);
  return stop;
}

async function dropDatabase(adminUrl: string, name: string) {
  const sql = connect(adminUrl, { max: 1 });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end();
  }
}
