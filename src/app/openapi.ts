/**
 * OpenAPI generation on top of the zod schemas: every operation gets a stable `operationId` and
 * documents its errors as RFC 9457 problem documents, so clients can generate typed handling.
 */
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** The problem+json shape every 4xx/5xx answer has (see `src/app/errors.ts`). */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'Stable per error kind: `/problems/<code>`.' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What was wrong, for people.' },
    code: { type: 'string', description: 'Stable snake_case error code, for programs.' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Field-level problems of a validation failure.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
} as const;

const PROBLEM_RESPONSE = {
  description: 'A problem document (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** `GET /store/products/:slug` → `getStoreProductsBySlug`. */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[-_]/));
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

/** zod → JSON Schema (fastify-type-provider-zod), plus operation ids and problem responses. */
export function openApiTransform(input: TransformInput) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown> & { response?: Record<string, unknown> };
  if (schema.hide) return out;
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  schema.operationId ??= operationIdFor(method, out.url);
  schema.response ??= {};
  // Routes that send bytes (media) declare no zod response; say at least what success is.
  if (!Object.keys(schema.response).some((status) => status.startsWith('2'))) {
    schema.response['200'] = { description: 'OK' };
  }
  const hasClientError = Object.keys(schema.response).some((status) => status.startsWith('4'));
  if (!hasClientError) schema.response['4XX'] = PROBLEM_RESPONSE;
  schema.response['5XX'] ??= PROBLEM_RESPONSE;
  return out;
}
