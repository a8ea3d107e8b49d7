/**
 * The gateway's outgoing callbacks, as a real provider sends webhooks: recorded with the state
 * change that causes them, signed afresh at each delivery, POSTed over HTTP to the shop's
 * callback endpoint, and retried with back-off (5 s doubling up to 10 minutes, 12 attempts) until
 * the shop answers 2xx. The shop de-duplicates by event id, so a repeated delivery is harmless.
 */
import type { Sql, Tx } from '../../../app/database.ts';
import { randomBase32 } from '../../../app/ids.ts';
import type { GatewayPayment } from './sandbox-gateway.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxCallback } from './sandbox-signature.ts';

const MAX_ATTEMPTS = 12;
const DELIVERY_TIMEOUT_MS = 10_000;

/** The body the shop's sandbox provider parses (see `sandbox-payment-provider.ts`). */
function callbackBody(eventId: string, payment: GatewayPayment): string {
  return JSON.stringify({
    id: eventId,
    type: payment.status === 'captured' ? 'payment.captured' : 'payment.failed',
    data: {
      paymentId: payment.merchantReference,
      orderId: payment.orderReference,
      providerRef: payment.id,
      amountMinor: payment.amount.amountMinor,
      currency: payment.amount.currency,
      ...(payment.failureCode ? { failureCode: payment.failureCode } : {}),
    },
  });
}

/** Queues and delivers the gateway's callbacks to `callbackUrl`. */
export function createCallbackSender(options: { sql: Sql; secret: string; callbackUrl: string }) {
  const { sql } = options;

  /** One delivery; the error when the shop did not acknowledge it. */
  const send = async (body: string): Promise<string | null> => {
    try {
      const response = await fetch(options.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: signSandboxCallback(options.secret, body),
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return String((error as Error).message ?? error).slice(0, 300);
    }
  };

  /**
   * Sends callbacks already claimed (their attempt counted and their next try scheduled), so a
   * delivery that dies half-way is simply tried again later.
   */
  const sendClaimed = async (claimed: { id: string; body: string; attempts: number }[]) => {
    await Promise.all(
      claimed.map(async ({ id, body, attempts }) => {
        const error = await send(body);
        if (!error) {
          await sql`update sandbox_gateway_callbacks set status = 'delivered', last_error = null where id = ${id}`;
        } else {
          await sql`update sandbox_gateway_callbacks
                       set last_error = ${error}, status = ${attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'}
                     where id = ${id} and status = 'pending'`;
        }
      }),
    );
    return claimed.length;
  };

  return {
    /** Records the callback a payment's new state owes the shop, in the gateway's transaction. */
    async enqueue(tx: Tx, payment: GatewayPayment): Promise<string> {
      const eventId = `evt_${randomBase32(20)}`;
      await tx`insert into sandbox_gateway_callbacks (id, payment_id, body)
               values (${eventId}, ${payment.id}, ${callbackBody(eventId, payment)})`;
      return eventId;
    },

    /** Delivers one callback now (right after the payer acted). */
    async deliver(eventId: string): Promise<void> {
      const claimed = await sql<{ id: string; body: string; attempts: number }[]>`
        update sandbox_gateway_callbacks
           set attempts = attempts + 1,
               next_attempt_at = now() + make_interval(secs => least(600, 5 * power(2, attempts)))
         where id = ${eventId} and status = 'pending'
        returning id, body, attempts`;
      await sendClaimed(claimed);
    },

    /** Delivers up to `limit` callbacks whose next try is due; several instances share them. */
    async deliverDue(limit: number): Promise<number> {
      const claimed = await sql<{ id: string; body: string; attempts: number }[]>`
        update sandbox_gateway_callbacks
           set attempts = attempts + 1,
               next_attempt_at = now() + make_interval(secs => least(600, 5 * power(2, attempts)))
         where id in (select id from sandbox_gateway_callbacks
                       where status = 'pending' and next_attempt_at <= now()
                       order by next_attempt_at limit ${limit}
                         for update skip locked)
        returning id, body, attempts`;
      return sendClaimed(claimed);
    },
  };
}
