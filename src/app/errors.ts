/**
 * One error channel: use cases throw a `DomainError` with a stable snake_case `code` and an HTTP
 * status; the HTTP layer turns it into RFC 9457 problem+json whose `type` is `/problems/<code>`.
 */
export interface FieldIssue {
  /** Where the problem is, e.g. `items[0].quantity`. */
  field: string;
  /** For developers (problem+json `errors[]`), in English; pages show the catalogue's words for `code`. */
  message: string;
  /**
   * Why, as a stable code pages translate (`validation.<code>` in src/web/i18n): zod's issue codes
   * where one fits (`too_small`, `too_big`, `invalid_format`, `invalid_type`, `invalid_value`),
   * else `required`, `not_unique`, `not_zero`, … (see `src/app/field-issues.ts`).
   */
  code: string;
  /** What the words need, e.g. `{ origin: 'string', maximum: 200 }` or `{ format: 'phone' }`. */
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: FieldIssue[] | undefined;
  /** Extra members for the problem document (e.g. `available` for insufficient stock). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: string,
    status: number,
    message: string,
    options: { issues?: FieldIssue[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.issues = options.issues;
    this.extra = options.extra;
  }
}

/** Unknown and forbidden both answer 404, so ids reveal nothing (see SECURITY.md). */
export function notFound(what: string): DomainError {
  return new DomainError(`${what}_not_found`, 404, `No ${what.replace(/_/g, ' ')} with that id.`);
}

export function conflict(code: string, message: string, extra?: Record<string, unknown>): DomainError {
  return new DomainError(code, 409, message, { extra });
}

export function badRequest(code: string, message: string, issues?: FieldIssue[]): DomainError {
  return new DomainError(code, 400, message, { issues });
}

export function unauthorized(message = 'Sign in first.'): DomainError {
  return new DomainError('unauthenticated', 401, message);
}

export function forbidden(message = 'You are not allowed to do that.'): DomainError {
  return new DomainError('forbidden', 403, message);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Builds the problem document for an error kind. */
export function problem(
  code: string,
  status: number,
  detail: string,
  more: { issues?: FieldIssue[]; extra?: Record<string, unknown>; instance?: string } = {},
): Problem {
  return {
    ...more.extra,
    type: `/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(more.instance ? { instance: more.instance } : {}),
    ...(more.issues ? { errors: more.issues } : {}),
  };
}
