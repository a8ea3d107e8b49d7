/**
 * Idempotency keys for retryable writes (placing an order, paying, refunding). The first request
 * with a key claims it inside its own transaction; a retry with the same key waits for that
 * transaction on the primary key, then replays its stored response. If the first attempt failed
 * and rolled back, the claim vanished with it and the retry simply runs again.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../../app/database.ts';
import { DomainError } from '../../app/errors.ts';

export interface IdempotentReplay<T> {
  statusCode: number;
  response: T;
}

/** A stable hash of a request body: object keys sorted, so field order does not matter. */
export function hashRequest(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Claims `key` in `scope` for this transaction, or returns the earlier response to replay.
 * The same key with a different request is a client bug: 422 `idempotency_key_reused`.
 */
export async function claimIdempotencyKey<T>(
  tx: Tx,
  input: { scope: string; key: string; requestHash: string },
): Promise<IdempotentReplay<T> | null> {
  const claimed = await tx`
    insert into idempotency_keys (scope, key, request_hash) values (${input.scope}, ${input.key}, ${input.requestHash})
    on conflict (scope, key) do nothing`;
  if (claimed.count === 1) return null;
  const [row] = await tx<{ request_hash: string; status_code: number | null; response: T | null }[]>`
    select request_hash, status_code, response from idempotency_keys
     where scope = ${input.scope} and key = ${input.key}`;
  if (!row || row.request_hash !== input.requestHash) {
    throw new DomainError(
      'idempotency_key_reused',
      422,
      'This Idempotency-Key was already used for a different request; use a new key.',
    );
  }
  if (row.response === null || row.status_code === null) {
    throw new DomainError(
      'idempotency_key_in_use',
      409,
      'A request with this Idempotency-Key is still running.',
    );
  }
  return { statusCode: row.status_code, response: row.response };
}

/**
 * Stores the response of the request that claimed `key`, committed with its work. The first answer
 * stays: work finished later by someone else (a payment settled by reconciliation after the request
 * died) answers a key only if it has no answer yet.
 */
export async function saveIdempotentResponse(
  tx: Tx,
  input: { scope: string; key: string; statusCode: number; response: unknown },
): Promise<void> {
  await tx`update idempotency_keys set status_code = ${input.statusCode}, response = ${tx.json(input.response as never)}
            where scope = ${input.scope} and key = ${input.key} and response is null`;
}
