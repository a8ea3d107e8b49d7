/**
 * Test helpers: every test file gets its own database cloned from the migrated, seeded template,
 * so files run in parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, inject } from 'vitest';
import { loadConfig } from '../src/app/config.ts';
import { connect, type Sql } from '../src/app/database.ts';
import { ensureDatabase } from '../src/app/embedded-postgres.ts';
import { createMemoryRateLimiter } from '../src/app/rate-limit.ts';
import { buildLanternApp } from '../src/lantern.ts';

export function databaseUrl(adminUrl: string, name: string): string {
  return adminUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
}

/** A fresh database for this test file, cloned from the template; dropped after the file. */
export async function createTestDatabase(): Promise<{ sql: Sql; url: string }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `lantern_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name, inject('templateDatabase'));
  const url = databaseUrl(adminUrl, name);
  const sql = connect(url, { max: 10 });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    const admin = connect(adminUrl, { max: 1 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  return { sql, url };
}

/** The whole app on a fresh database, for in-process requests with `app.inject`. */
export async function createTestApp(): Promise<{ app: FastifyInstance; sql: Sql; url: string }> {
  const { sql, url } = await createTestDatabase();
  const config = { ...loadConfig({}), databaseUrl: url, seedDemo: false };
  const app = await buildLanternApp({ sql, config, rateLimiter: createMemoryRateLimiter() });
  afterAll(() => app.close());
  return { app, sql, url };
}

/** The whole app on a fresh database, listening on a loopback port, for real HTTP clients. */
export async function startTestServer(): Promise<{ app: FastifyInstance; sql: Sql; baseUrl: string }> {
  const { app, sql } = await createTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { app, sql, baseUrl: `http://127.0.0.1:${address.port}` };
}
