/**
 * PostgreSQL killed under write load: Lantern never crashes, answers 503 problem+json with
 * Retry-After while the database is away, reports not ready on /health, and serves again by
 * itself when the database is back, with what was committed before still there. Once for
 * `npm start` on its embedded server (which Lantern restarts), once for DATABASE_URL pointing at
 * a server the test kills and starts again. No timing assertions: each step polls until its
 * condition holds, bounded by the test's timeout.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type EmbeddedDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from '../src/app/embedded-postgres.ts';
import { freePort } from './free-port.ts';
import { killLeftovers, postmasterPid, type StartedLantern, startLanternProcess } from './npm-start.ts';

const children: ChildProcess[] = [];
const dataDirs: string[] = [];
const embeddedServers: EmbeddedDatabase[] = [];

afterAll(async () => {
  killLeftovers(children, dataDirs);
  for (const server of embeddedServers) await server.stop().catch(() => {});
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-outage-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
  fs.chmodSync(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

function start(options: Parameters<typeof startLanternProcess>[0]): StartedLantern {
  const lantern = startLanternProcess(options);
  children.push(lantern.child);
  return lantern;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; the test's timeout bounds the wait. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(50);
}

interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: string;
}

async function call(url: string, init?: RequestInit): Promise<Answer> {
  try {
    const res = await fetch(url, init);
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      body: await res.text(),
    };
  } catch (error) {
    // Lantern not answering at all (crashed): status 0, which the assertions refuse.
    return { status: 0, contentType: '', retryAfter: null, body: String(error) };
  }
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const answer = await call(url, init);
  expect(answer.status, answer.body).toBeLessThan(300);
  return JSON.parse(answer.body) as T;
}

/** Two variants of the demo shop with stock to spare: one to keep in carts, one to churn. */
async function twoVariants(base: string): Promise<[string, string]> {
  const list = await json<{ items: { slug: string }[] }>(`${base}/store/products?page_size=20`);
  const ids: string[] = [];
  for (const item of list.items) {
    const product = await json<{ variants: { id: string; available: number }[] }>(
      `${base}/store/products/${item.slug}`,
    );
    ids.push(...product.variants.filter((v) => v.available > 20).map((v) => v.id));
    if (ids.length >= 2) return [ids[0]!, ids[1]!];
  }
  throw new Error('the demo shop has no two variants in stock');
}

interface Shopper {
  headers: Record<string, string>;
}

/** Guest shoppers, each with a committed cart line of `keptVariant`. */
async function shoppersWithCarts(base: string, count: number, keptVariant: string): Promise<Shopper[]> {
  const shoppers: Shopper[] = [];
  for (let i = 0; i < count; i++) {
    const { token } = await json<{ token: string }>(`${base}/store/sessions`, { method: 'POST' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await json(`${base}/store/cart/items`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ variantId: keptVariant, quantity: 1 }),
    });
    shoppers.push({ headers });
  }
  return shoppers;
}

/**
 * Every shopper adds `variant` to the cart and removes it again, as fast as answers come, and
 * re-reads the cart after an answer that leaves it unknown. Every answer is kept.
 */
function writeLoad(base: string, shoppers: Shopper[], variant: string) {
  const answers: Answer[] = [];
  let running = true;
  const loops = shoppers.map(async ({ headers }) => {
    let inCart: boolean | undefined = false;
    const note = (answer: Answer) => {
      answers.push(answer);
      inCart =
        answer.status === 200
          ? (JSON.parse(answer.body) as { lines: { variantId: string }[] }).lines.some(
              (l) => l.variantId === variant,
            )
          : undefined;
    };
    while (running) {
      if (inCart === undefined) note(await call(`${base}/store/cart`, { headers }));
      else if (inCart) {
        const { 'content-type': _, ...withoutBody } = headers;
        note(await call(`${base}/store/cart/items/${variant}`, { method: 'DELETE', headers: withoutBody }));
      } else {
        note(
          await call(`${base}/store/cart/items`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ variantId: variant, quantity: 1 }),
          }),
        );
      }
      if (answers.at(-1)!.status !== 200) await sleep(20);
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Polls /health every few milliseconds and keeps each answer. */
function watchHealth(base: string) {
  const answers: Answer[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      answers.push(await call(`${base}/health`));
      await sleep(25);
    }
  })();
  return {
    answers,
    async stop() {
      running = false;
      await loop;
    },
  };
}

function expectUnavailableProblem(answer: Answer) {
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: '/problems/database_unavailable', status: 503 });
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  return problem;
}

/**
 * The shared story: load on, `kill` the database, see 503s and /health not ready, `revive` it
 * (or let Lantern do so), see the load succeed again with the committed cart lines still there.
 */
async function survivesOutage(
  lantern: StartedLantern,
  base: string,
  kill: () => void,
  revive: () => Promise<void>,
) {
  const [kept, churned] = await twoVariants(base);
  const shoppers = await shoppersWithCarts(base, 6, kept);
  const load = writeLoad(base, shoppers, churned);
  const health = watchHealth(base);
  await until(() => load.answers.filter((a) => a.status === 200).length >= 20);

  kill();
  await until(() => load.answers.some((a) => a.status === 503));
  await until(() => health.answers.some((a) => a.status === 503));
  await revive();
  await until(() => health.answers.at(-1)?.status === 200);
  const servedAgainFrom = load.answers.length;
  await until(() => load.answers.slice(servedAgainFrom).filter((a) => a.status === 200).length >= 20);
  await load.stop();
  await health.stop();

  expect(lantern.child.exitCode, lantern.output()).toBeNull();
  expect(lantern.child.signalCode, lantern.output()).toBeNull();
  // Only successes and fast 503s: no 500, and never an unanswered request.
  expect(new Set(load.answers.map((a) => a.status))).toEqual(new Set([200, 503]));
  for (const answer of load.answers.filter((a) => a.status === 503)) expectUnavailableProblem(answer);
  const notReady = health.answers.find((a) => a.status === 503)!;
  expect(expectUnavailableProblem(notReady).database).toBe('unavailable');
  // What was committed before the database went away is still there.
  for (const { headers } of shoppers) {
    const cart = await json<{ lines: { variantId: string }[] }>(`${base}/store/cart`, { headers });
    expect(cart.lines.map((l) => l.variantId)).toContain(kept);
  }
  expect(lantern.output()).toContain('database unavailable');
  expect(lantern.output()).toContain('database is back');
  // Background jobs wait quietly for the database instead of logging every failed run.
  expect(lantern.output()).not.toMatch(/job failed|unhandled error/);
}

describe('PostgreSQL killed under write load', () => {
  it('npm start: answers 503 while it is away, restarts the embedded server, serves again', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const lantern = start({ port, pgPort: await freePort(), dataDir, env: { SEED_DEMO: 'true' } });
    await lantern.ready;
    const killed = postmasterPid(dataDir)!;

    await survivesOutage(
      lantern,
      `http://127.0.0.1:${port}`,
      () => process.kill(killed, 'SIGKILL'),
      () => lantern.said('embedded PostgreSQL restarted'),
    );

    expect(lantern.output()).toContain('embedded PostgreSQL exited unexpectedly (SIGKILL)');
    expect(postmasterPid(dataDir)).not.toBe(killed);
    lantern.child.kill('SIGINT');
    expect(await lantern.exited, lantern.output()).toBe(0);
  }, 240_000);

  it('DATABASE_URL: answers 503 while the server is away and serves again once it is back', async () => {
    const databaseDir = tempDataDir();
    const pgPort = await freePort();
    const database = await startEmbeddedPostgres(databaseDir, pgPort, { restartOnExit: false });
    embeddedServers.push(database);
    await ensureDatabase(database.adminUrl, 'lantern');
    const port = await freePort();
    const lantern = start({
      port,
      pgPort: await freePort(),
      dataDir: tempDataDir(),
      env: { DATABASE_URL: database.urlFor('lantern'), SEED_DEMO: 'true' },
    });
    await lantern.ready;
    const base = `http://127.0.0.1:${port}`;

    await survivesOutage(
      lantern,
      base,
      () => process.kill(postmasterPid(databaseDir)!, 'SIGKILL'),
      async () => {
        // While it is away, a storefront page cannot be rendered either: the same fast 503 with
        // Retry-After, as a short page in the browser's language.
        const page = await call(`${base}/search?q=outage`, {
          headers: { accept: 'text/html', 'accept-language': 'zh-CN' },
        });
        expect(page.status, page.body).toBe(503);
        expect(page.contentType).toMatch(/^text\/html/);
        expect(Number(page.retryAfter)).toBeGreaterThan(0);
        expect(page.body).toContain('商店暂时无法访问');
        // The killed server's backends may hold its shared memory a moment longer: retry.
        for (;;) {
          try {
            embeddedServers.push(await startEmbeddedPostgres(databaseDir, pgPort, { restartOnExit: false }));
            return;
          } catch {
            await sleep(100);
          }
        }
      },
    );

    lantern.child.kill('SIGINT');
    expect(await lantern.exited, lantern.output()).toBe(0);
  }, 240_000);
});
