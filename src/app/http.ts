/**
 * Assembles the HTTP server: validation and OpenAPI from the same zod schemas, problem+json for
 * every error, security headers, and each module's routes. Modules stay thin over their use cases.
 */

import http from 'node:http';
import type { Socket } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type ConnectionError,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppCaches } from './app-caches.ts';
import type { Config } from './config.ts';
import { databaseStatus, isDatabaseUnavailable, reportDatabaseError, type Sql } from './database.ts';
import { DomainError, type FieldIssue, problem } from './errors.ts';
import { requestMetrics } from './metrics.ts';
import { openApiTransform, problemSchema } from './openapi.ts';
import type { RateLimiter } from './rate-limit.ts';
import { responseCache } from './response-cache.ts';

export interface AppDeps {
  sql: Sql;
  config: Config;
  rateLimiter: RateLimiter;
  /** The instance's caches and their invalidation path (`createAppDeps` builds all of these). */
  caches: AppCaches;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** The HTML page for browsers while the database is away, when the app has one. */
    databaseUnavailablePage: DatabaseUnavailablePage | null;
  }
}

/** Sends the 503 page for a browser (status, Retry-After and all) while the database is away. */
export type DatabaseUnavailablePage = (
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterSeconds: number,
) => unknown;

/** A route plugin of a module; registered with the app's dependencies available as `app.deps`. */
export type ModuleRoutes = (app: FastifyInstance) => Promise<void>;

export interface BuildAppOptions {
  routes: ModuleRoutes[];
  /** The HTML 404 page for browsers asking for an unknown page (API paths keep problem+json). */
  notFoundPage?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** The HTML 503 page for browsers while the database is away (API clients keep problem+json). */
  databaseUnavailablePage?: DatabaseUnavailablePage;
  logger?: boolean | object;
}

/** Builds the Fastify app (not listening). */
export async function buildApp(deps: AppDeps, options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    // ids in URLs are short; long ones are bad input, not something to match
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    trustProxy: process.env.TRUST_PROXY === '1',
    // The router's own refusals (bad percent-encoding, over-long ids) are problem+json too.
    frameworkErrors: (error, request, reply) =>
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? sendProblem(reply, request, 'url_too_long', 414, 'A part of the URL is longer than any id.')
        : sendProblem(reply, request, 'bad_url', 400, 'The URL is not correctly percent-encoded.'),
    // What the HTTP parser refuses before any route sees it is problem+json too.
    clientErrorHandler: answerClientError,
    // Fastify's own 503 while closing is plain JSON; `refuseWhileClosing` answers instead.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('deps', deps);
  app.decorate('databaseUnavailablePage', options.databaseUnavailablePage ?? null);
  refuseWhileClosing(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const isApi = /^\/(store|admin|media|docs|openapi)/.test(request.url);
    if (options.notFoundPage && !isApi && request.headers.accept?.includes('text/html')) {
      return options.notFoundPage(request, reply);
    }
    return sendProblem(
      reply,
      request,
      'route_not_found',
      404,
      `No route ${request.method} ${request.url.split('?')[0]}.`,
    );
  });
  app.addHook('onSend', securityHeaders);
  app.addHook('preValidation', refuseNulCharacters);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 65_536 });
  await app.register(requestMetrics);
  await app.register(responseCache);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lantern API',
        version: '0.1.0',
        description:
          'Shopper (`/store`) and merchant (`/admin`) APIs of Lantern. Errors are RFC 9457 problem+json ' +
          'with a stable `type` per error kind.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: deps.config.publicUrl }],
      // Public reads need no credentials; shopper routes accept the session cookie or a bearer
      // token; /admin routes the staff cookie or a staff bearer token.
      security: [{}, { sessionCookie: [] }, { staffCookie: [] }, { bearer: [] }],
      components: {
        schemas: { Problem: problemSchema as never },
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'lantern_session' },
          staffCookie: { type: 'apiKey', in: 'cookie', name: 'lantern_staff' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: openApiTransform,
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const routes of options.routes) await app.register(routes);
  return app;
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the path, query or body would fail deep
 * in a query as a 500; refuse it up front as bad input instead.
 */
async function refuseNulCharacters(request: FastifyRequest) {
  for (const [part, value] of [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    if (containsNul(value, 0)) {
      throw new DomainError('invalid_characters', 400, `The ${part} contains a NUL character.`, {
        issues: [
          { field: part, code: 'invalid_characters', message: 'must not contain NUL (U+0000) characters' },
        ],
      });
    }
  }
}

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (!value || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return false;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000') || containsNul(item, depth + 1)) return true;
  }
  return false;
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(request, reply, error);
  if (error instanceof DomainError) {
    return sendProblem(reply, request, error.code, error.status, error.message, error.issues, error.extra);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => ({
      field: fieldPath(error.validationContext, v.instancePath, v.params),
      code: v.keyword,
      message: v.message ?? 'is invalid',
    }));
    const detail = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return sendProblem(reply, request, 'validation_failed', 400, detail, issues);
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return sendProblem(reply, request, 'malformed_json', 400, 'The request body is not valid JSON.');
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(reply, request, 'unsupported_media_type', 415, 'Send application/json.');
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(reply, request, 'body_too_large', 413, 'The request body is too large.');
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return sendProblem(reply, request, 'malformed_json', 400, 'The JSON body is empty.');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, request, 'bad_request', error.statusCode, error.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  // Say nothing about internals (SECURITY.md: data leaks).
  return sendProblem(
    reply,
    request,
    'internal_error',
    500,
    'Something went wrong on our side; please retry.',
  );
}

function fieldPath(context: string | undefined, instancePath: string, params: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  const unknownKey = (params as { keys?: string[] } | undefined)?.keys;
  let field = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  if (unknownKey?.length) field = field ? `${field}.${unknownKey.join(',')}` : unknownKey.join(',');
  return field || (context ?? 'body');
}

/**
 * The answer while the database is away: 503 at once, with Retry-After, and the pool told so it
 * checks the database (and, if it is gone, refuses queries at once until it is back). Not logged
 * per request: the pool logs the outage once. Problem+json, except for a browser asking for a page,
 * which gets the app's translated HTML page with the same status and Retry-After (decision 0008).
 */
export function sendDatabaseUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  extra: Record<string, unknown> = {},
) {
  const { sql } = request.server.deps;
  reportDatabaseError(sql, error);
  const retryAfterSeconds = databaseStatus(sql).retryAfterSeconds;
  const page = request.server.databaseUnavailablePage;
  if (page && wantsPage(request)) return page(request, reply, retryAfterSeconds);
  return sendProblem(
    reply,
    request,
    'database_unavailable',
    503,
    'The shop cannot reach its database at the moment; please retry shortly.',
    undefined,
    { ...extra, retryAfterSeconds },
  );
}

/**
 * True for a browser asking for a page: `Accept` names text/html, and the path is not one of the
 * JSON doors (the shopper API, /health, /metrics, the API docs), which answer problem+json to all.
 */
function wantsPage(request: FastifyRequest): boolean {
  if (!request.headers.accept?.includes('text/html')) return false;
  return !/^\/(?:store|health|metrics|openapi|docs|media)(?:[/?.]|$)/.test(request.url);
}

/**
 * Requests that arrive on an open connection while the server closes are turned away with a 503
 * (and `Connection: close`), so a load balancer sends them elsewhere; those in flight finish.
 */
function refuseWhileClosing(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendProblem(
      reply,
      request,
      'shutting_down',
      503,
      'This server is shutting down; please retry.',
      undefined,
      {
        retryAfterSeconds: 1,
      },
    );
  });
}

/**
 * Node's HTTP parser refused the request (oversized headers or URL, a malformed request line or
 * header, a request that took too long to arrive): answer problem+json on the raw socket and
 * close it, as Fastify's default handler does with plain JSON.
 */
function answerClientError(error: ConnectionError, socket: Socket) {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, status, detail] = describeClientError(error);
  const body = JSON.stringify(problem(code, status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function describeClientError(error: ConnectionError): [string, number, string] {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return ['request_timeout', 408, 'The request did not arrive in time.'];
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // The parser counts the request line into the header limit: when the line alone did not end
    // within it, the URL is what is too long.
    const packet: unknown = error.rawPacket;
    const requestLineEnd = Buffer.isBuffer(packet) ? packet.indexOf('\r\n') : -1;
    return requestLineEnd === -1 || requestLineEnd >= http.maxHeaderSize
      ? ['url_too_long', 414, 'The URL is too long.']
      : ['headers_too_large', 431, 'The request headers are too large.'];
  }
  return ['malformed_request', 400, 'The request is not valid HTTP.'];
}

/** Sends an RFC 9457 problem document. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: string,
  status: number,
  detail: string,
  issues?: FieldIssue[],
  extra?: Record<string, unknown>,
) {
  // A 429 says when to come back, in the body and in the standard header.
  if (typeof extra?.retryAfterSeconds === 'number')
    reply.header('retry-after', String(extra.retryAfterSeconds));
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problem(code, status, detail, { issues, extra, instance: request.url.split('?')[0] }));
}

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

async function securityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  if (!request.url.startsWith('/docs')) reply.header('content-security-policy', CSP);
  reply.header('x-frame-options', 'DENY');
  return payload;
}
