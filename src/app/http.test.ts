import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppCaches } from './app-caches.ts';
import { loadConfig } from './config.ts';
import type { Sql } from './database.ts';
import { buildApp } from './http.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';

const deps = {
  sql: {} as Sql,
  config: loadConfig({}),
  rateLimiter: createMemoryRateLimiter(),
  caches: new AppCaches(),
};

describe('closing', () => {
  it('finishes the request in flight and turns away the next with a 503 problem', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const app = await buildApp(deps, {
      routes: [
        async (routes) => {
          routes.get('/slow', async () => {
            started();
            await released;
            return { done: true };
          });
          routes.get('/fast', async () => ({ done: true }));
        },
      ],
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;

    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await inFlight;
    const closed = app.close();
    // The next request on the same connection arrives while the server closes.
    const arrived = new Promise((resolve) => app.server.once('request', resolve));
    socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    await arrived;
    release();
    await ended;
    await closed;

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toContain('{"done":true}');
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/content-type: application\/problem\+json/i);
    expect(second).toMatch(/retry-after: 1/i);
    expect(second).toMatch(/connection: close/i);
    const problem = JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4));
    expect(problem).toMatchObject({
      type: '/problems/shutting_down',
      status: 503,
      title: 'Service Unavailable',
    });
  });
});
