/** Request logging: pino options for Fastify, with secrets kept out of the logs. */
import type { Config } from './config.ts';

/** Secrets that may ride in a query string (guest order tokens) never reach the logs. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|code)=)[^&#]*/gi, '$1[redacted]');
}

/** Fastify's logger options for `config`. */
export function loggerOptions(config: Config) {
  return {
    level: config.logLevel,
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
      }),
    },
  };
}
