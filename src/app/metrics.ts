/**
 * Request timing for monitoring real response times: a latency histogram per route and status
 * class, and each cache's entries and bytes, exposed in the Prometheus text format at `/metrics`.
 * In-process and allocation-light; each instance exposes its own series, as Prometheus expects.
 * The outbox consumers' lag comes from the database, so every instance reports the same values.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CacheStats } from './bounded-cache.ts';
import { eventConsumerGauges, listEventConsumerLag } from './event-consumer-lag.ts';

/** A process-wide counter that modules register and `/metrics` reports (Prometheus `counter`). */
export interface Counter {
  readonly name: string;
  inc(by?: number): void;
  value(): number;
}

const counters = new Map<string, { help: string; count: number }>();

/**
 * Registers (or returns the already registered) counter `name`, e.g.
 * `lantern_password_verifications_total`; every app in the process reports it.
 */
export function counter(name: string, help: string): Counter {
  let entry = counters.get(name);
  if (!entry) {
    entry = { help, count: 0 };
    counters.set(name, entry);
  }
  const held = entry;
  return {
    name,
    inc: (by = 1) => {
      held.count += by;
    },
    value: () => held.count,
  };
}

function counterLines(): string[] {
  return [...counters].flatMap(([name, c]) => [
    `# HELP ${name} ${c.help}`,
    `# TYPE ${name} counter`,
    `${name} ${c.count}`,
  ]);
}

/** Bucket upper bounds in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  counts: number[];
  sum: number;
  count: number;
}

export const requestMetrics = fp(async (app: FastifyInstance) => {
  const series = new Map<string, Series>();
  const started = Date.now();

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route} ${Math.floor(reply.statusCode / 100)}xx`;
    let s = series.get(key);
    if (!s) {
      s = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      series.set(key, s);
    }
    const seconds = reply.elapsedTime / 1000;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const lines = [
      '# HELP lantern_http_request_duration_seconds Time to answer HTTP requests, by route and status class.',
      '# TYPE lantern_http_request_duration_seconds histogram',
    ];
    for (const [key, s] of series) {
      const [method, route, status] = key.split(' ');
      const labels = `method="${method}",route="${route}",status="${status}"`;
      for (let i = 0; i < BUCKETS.length; i++) {
        lines.push(
          `lantern_http_request_duration_seconds_bucket{${labels},le="${BUCKETS[i]}"} ${s.counts[i]}`,
        );
      }
      lines.push(`lantern_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      lines.push(`lantern_http_request_duration_seconds_sum{${labels}} ${s.sum.toFixed(6)}`);
      lines.push(`lantern_http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    lines.push(...counterLines());
    lines.push(...cacheLines(app.deps.caches.stats()));
    const memory = process.memoryUsage();
    lines.push(
      '# TYPE lantern_process_resident_memory_bytes gauge',
      `lantern_process_resident_memory_bytes ${memory.rss}`,
    );
    lines.push(
      '# TYPE lantern_process_uptime_seconds gauge',
      `lantern_process_uptime_seconds ${(Date.now() - started) / 1000}`,
    );
    lines.push(...(await outboxGauges(app)));
    reply.type('text/plain; version=0.0.4').header('cache-control', 'no-store');
    return `${lines.join('\n')}\n`;
  });
});

/** How long a scrape waits for the outbox lag before answering without it. */
const LAG_QUERY_TIMEOUT_MS = 2_000;

/**
 * The outbox lag gauges; none when the database does not answer in time (it may be away), so the
 * scrape still gets the process metrics promptly.
 */
async function outboxGauges(app: FastifyInstance): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the database did not answer in time')), LAG_QUERY_TIMEOUT_MS);
  });
  try {
    return eventConsumerGauges(await Promise.race([listEventConsumerLag(app.deps.sql), timeout]));
  } catch (error) {
    app.log.warn({ err: error }, 'outbox lag not measured');
    return [];
  } finally {
    clearTimeout(timer);
  }
}

const CACHE_SERIES: {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  value: (s: CacheStats) => number;
}[] = [
  {
    name: 'lantern_cache_entries',
    type: 'gauge',
    help: 'Entries held by each cache.',
    value: (s) => s.entries,
  },
  {
    name: 'lantern_cache_bytes',
    type: 'gauge',
    help: 'Bytes held by each cache (values, keys and per-entry bookkeeping, as the cache counts them).',
    value: (s) => s.bytes,
  },
  {
    name: 'lantern_cache_max_bytes',
    type: 'gauge',
    help: 'The byte bound of each cache.',
    value: (s) => s.maxBytes,
  },
  {
    name: 'lantern_cache_hits_total',
    type: 'counter',
    help: 'Lookups answered by each cache.',
    value: (s) => s.hits,
  },
  {
    name: 'lantern_cache_misses_total',
    type: 'counter',
    help: 'Lookups each cache could not answer.',
    value: (s) => s.misses,
  },
  {
    name: 'lantern_cache_evictions_total',
    type: 'counter',
    help: 'Entries each cache dropped to stay within its byte bound.',
    value: (s) => s.evictions,
  },
];

/** One series per cache for each counter of `CACHE_SERIES`. */
function cacheLines(stats: CacheStats[]): string[] {
  const lines: string[] = [];
  for (const series of CACHE_SERIES) {
    lines.push(`# HELP ${series.name} ${series.help}`, `# TYPE ${series.name} ${series.type}`);
    for (const s of stats) lines.push(`${series.name}{cache="${s.name}"} ${series.value(s)}`);
  }
  return lines;
}
