/**
 * Test helpers: every test file gets its own database cloned from the migrated, seeded template,
 * so files run in parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, inject } from 'vitest';
import { createAppDeps } from '../src/app/app-deps.ts';
import { type Config, loadConfig } from '../src/app/config.ts';
import { connect, type Sql } from '../src/app/database.ts';
import { ensureDatabase } from '../src/app/embedded-postgres.ts';
import { buildLanternApp, createLanternDeps } from '../src/lantern.ts';
import { onFreePort } from './free-port.ts';

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

export interface TestAppOptions {
  /** Environment variables for `loadConfig`, e.g. `{ DEV_OUTBOX: '1' }` or `{ PUBLIC_URL: 'https://…' }`. */
  env?: NodeJS.ProcessEnv;
  /** Build on this existing database (a second instance, or a restart) instead of a fresh one. */
  databaseUrl?: string;
}

/**
 * The whole app on a fresh database (or `databaseUrl`), for in-process requests with `app.inject`.
 * Without Redis unless `env` names one: rate limits in-process, invalidations over LISTEN/NOTIFY.
 */
export async function createTestApp(
  options: TestAppOptions = {},
): Promise<{ app: FastifyInstance; sql: Sql; url: string }> {
  const { sql, url } = options.databaseUrl
    ? await connectTo(options.databaseUrl)
    : await createTestDatabase();
  const app = await buildTestApp(sql, { ...loadConfig(options.env ?? {}), databaseUrl: url });
  return { app, sql, url };
}

/** Another app instance on `sql` (one more instance of the same shop), closed after the file. */
export async function buildTestApp(sql: Sql, config: Partial<Config> = {}): Promise<FastifyInstance> {
  const { deps, close } = await createAppDeps(sql, { ...loadConfig({}), ...config, seedDemo: false });
  // Errors only: an unexpected 500 shows its cause in the test output instead of passing silently.
  const app = await buildLanternApp(createLanternDeps(deps), { logger: { level: 'error' } });
  afterAll(async () => {
    await app.close();
    await close();
  });
  return app;
}

/** A pool on an existing test database, closed after the file (the database's owner drops it). */
async function connectTo(url: string): Promise<{ sql: Sql; url: string }> {
  const sql = connect(url, { max: 10 });
  afterAll(() => sql.end({ timeout: 5 }));
  return { sql, url };
}

/**
 * The whole app on a fresh database, listening on a loopback port, for real HTTP clients. Its
 * PUBLIC_URL is its own address (unless `env` names another), as the sandbox payment gateway
 * sends its callbacks there.
 */
export async function startTestServer(
  options: TestAppOptions = {},
): Promise<{ app: FastifyInstance; sql: Sql; baseUrl: string }> {
  const { sql, url } = options.databaseUrl
    ? await connectTo(options.databaseUrl)
    : await createTestDatabase();
  return onFreePort(async (port) => {
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = { PUBLIC_URL: baseUrl, ...options.env };
    const app = await buildTestApp(sql, { ...loadConfig(env), databaseUrl: url });
    await app.listen({ port, host: '127.0.0.1' });
    return { app, sql, baseUrl };
  });
}

/** Listens on a free loopback port; returns the base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/** A message as the development outbox shows it (only with `DEV_OUTBOX=1`). */
export interface DevOutboxMessage {
  channel: 'sms' | 'email';
  recipient: string;
  subject: string;
  body: string;
}

/** The development outbox, newest first, through GET /dev/outbox/messages (the app needs DEV_OUTBOX=1). */
export async function devOutboxMessages(app: FastifyInstance): Promise<DevOutboxMessage[]> {
  const res = await app.inject({ method: 'GET', url: '/dev/outbox/messages' });
  if (res.statusCode !== 200) throw new Error(`no development outbox (DEV_OUTBOX=1?): ${res.statusCode}`);
  return res.json().items;
}

/** The newest one-time code sent to `phone`, from the development outbox. */
export async function latestCode(app: FastifyInstance, phone: string): Promise<string> {
  const sms = (await devOutboxMessages(app)).find((m) => m.channel === 'sms' && m.recipient === phone);
  const code = sms?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/** The token of the newest registration link mailed to `email`, from the development outbox. */
export async function latestRegistrationToken(app: FastifyInstance, email: string): Promise<string> {
  const mail = (await devOutboxMessages(app)).find((m) => m.channel === 'email' && m.recipient === email);
  const token = mail?.body.match(/\/register\/confirm\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no registration link was mailed to ${email}`);
  return token;
}

/**
 * Registers through the JSON API as a shopper would: POST /store/auth/register, then the emailed
 * link's token to POST /store/auth/register/confirm. Returns the confirmation's answer (201 with
 * token and CSRF token, and the session and device cookies). The app needs DEV_OUTBOX=1.
 */
export async function registerThroughEmail(
  app: FastifyInstance,
  body: { email: string; password: string; name: string },
  request: { headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<LightMyRequestResponse> {
  const asked = await app.inject({ method: 'POST', url: '/store/auth/register', payload: body, ...request });
  if (asked.statusCode !== 202) throw new Error(`registration refused: ${asked.statusCode} ${asked.body}`);
  return app.inject({
    method: 'POST',
    url: '/store/auth/register/confirm',
    payload: { token: await latestRegistrationToken(app, body.email.trim().toLowerCase()) },
    ...request,
  });
}
