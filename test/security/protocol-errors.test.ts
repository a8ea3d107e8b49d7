/**
 * Requests the HTTP parser refuses before any route sees them (oversized headers or URL, a broken
 * request line, a bad header, a timed-out request) are answered in the same problem+json as every
 * other error, over a raw TCP socket to a listening server, as a scanner or a broken client sends them.
 */
import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support.ts';
import { expectProblem } from './security-support.ts';

let port = 0;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.baseUrl).port);
});

/** What came back on a raw socket, shaped like an in-process answer for `expectProblem`. */
function parseResponse(raw: string): LightMyRequestResponse {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = rest.join('\r\n\r\n');
  return {
    statusCode: Number(statusLine.split(' ')[1]),
    headers,
    body,
    payload: body,
    json: () => JSON.parse(body),
  } as unknown as LightMyRequestResponse;
}

/** Sends raw bytes and reads until the server closes the connection. */
function sendRaw(bytes: string): Promise<LightMyRequestResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', (error) => (received ? resolve(parseResponse(received)) : reject(error)));
    socket.on('close', () => resolve(parseResponse(received)));
    socket.write(bytes);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('oversized headers: 431 problem+json', async () => {
    const res = await sendRaw(
      `GET /store/products HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const problem = expectProblem(res, 431, 'headers_too_large');
    expect(problem.title).toBe('Request Header Fields Too Large');
  });

  it('an oversized URL: 414 problem+json', async () => {
    const res = await sendRaw(`GET /store/products?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const problem = expectProblem(res, 414, 'url_too_long');
    expect(problem.title).toBe('URI Too Long');
  });

  it('a malformed request line: 400 problem+json', async () => {
    const res = await sendRaw('THIS IS NOT HTTP\r\n\r\n');
    expectProblem(res, 400, 'malformed_request');
  });

  it('a header name with a space in it: 400 problem+json', async () => {
    const res = await sendRaw('GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n');
    expectProblem(res, 400, 'malformed_request');
  });

  it('a request that took too long to arrive: 408 problem+json', async () => {
    // The server's own timeout fires after a minute; the same event, raised at once, takes the same path.
    const socket = net.connect(port, '127.0.0.1');
    const serverSide = await new Promise<net.Socket>((resolve) =>
      server.app.server.once('connection', (s: net.Socket) => resolve(s)),
    );
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const timeout = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    server.app.server.emit('clientError', timeout, serverSide);
    await closed;
    expectProblem(parseResponse(received), 408, 'request_timeout');
  });
});

describe('errors the routes answer, over a real socket', () => {
  it('an unknown route: 404 problem+json', async () => {
    const res = await sendRaw('GET /store/no-such-thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expectProblem(res, 404, 'route_not_found');
  });

  it('a body over the limit: 413 problem+json', async () => {
    const body = JSON.stringify({ note: 'a'.repeat(1_100_000) });
    const res = await sendRaw(
      `POST /store/cart/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expectProblem(res, 413, 'body_too_large');
  });

  it('another media type: 415 problem+json', async () => {
    const res = await sendRaw(
      'POST /store/cart/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/csv\r\nContent-Length: 3\r\n\r\na,b',
    );
    expectProblem(res, 415, 'unsupported_media_type');
  });
});
