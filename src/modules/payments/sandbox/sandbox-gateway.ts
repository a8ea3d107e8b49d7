/**
 * The sandbox payment gateway: a stand-in for a real provider's systems, with its own records
 * (`sandbox_gateway_*` tables) and its own pages (`/sandbox/pay/:id`, in the web layer). The shop
 * talks to it only as it would to a real provider: through the merchant calls below (made by
 * `sandbox-payment-provider.ts`) and the signed callbacks the gateway sends to the shop's callback
 * endpoint over HTTP. Nothing here reads or writes the shop's own tables.
 *
 * Test cards (any future expiry, any 3-digit CVC):
 *   4242 4242 4242 4242  captured
 *   4000 0000 0000 0002  failed, card_declined
 *   4000 0000 0000 9995  failed, insufficient_funds
 *   4000 0000 0000 0341  failed, processing_error (retryable: the processor timed out)
 *   any other Luhn-valid number is captured.
 * `alipay` and `wechat_pay` wait for the payer (`requires_action`) until they approve or decline
 * on the gateway's page; the gateway then sends a signed `payment.captured` / `payment.failed`.
 */
import type { Sql } from '../../../app/database.ts';
import { withTransaction } from '../../../app/database.ts';
import { randomBase32 } from '../../../app/ids.ts';
import type { Money } from '../../../app/money.ts';
import { normaliseCardNumber } from '../card.ts';
import type { ChargeRequest, PaymentMethod } from '../payment-provider.ts';
import { createCallbackSender } from './sandbox-callbacks.ts';

export type GatewayStatus = 'requires_action' | 'captured' | 'failed' | 'cancelled';

/** A payment as the gateway records it. */
export interface GatewayPayment {
  id: string;
  merchantReference: string;
  orderReference: string;
  method: PaymentMethod;
  amount: Money;
  status: GatewayStatus;
  failureCode: string | null;
}

export type GatewayRefund =
  | { status: 'succeeded'; id: string }
  | { status: 'failed'; failureCode: 'refund_not_possible' };

export interface SandboxGateway {
  /** Merchant call: charges a card, or opens a wallet payment that waits for the payer. */
  openPayment(request: ChargeRequest): Promise<GatewayPayment>;
  /** Merchant call: the payment the shop created as `merchantReference`. */
  findPayment(merchantReference: string): Promise<GatewayPayment | null>;
  /** Merchant call: cancels a payment still waiting for the payer; answers its state either way. */
  cancelPayment(merchantReference: string): Promise<GatewayPayment | null>;
  /** Merchant call: refunds part of a capture, once per `merchantReference`. */
  refund(request: {
    merchantReference: string;
    paymentRef: string;
    amountMinor: number;
  }): Promise<GatewayRefund>;
  /** The payer's page: the payment by the gateway's own id. */
  showPayment(id: string): Promise<GatewayPayment | null>;
  /** The payer approves or declines; the gateway records it, then calls the shop back. */
  decide(id: string, decision: 'approve' | 'decline'): Promise<GatewayPayment | null>;
  /** Retries callbacks the shop has not acknowledged yet (the gateway's own job). */
  deliverDueCallbacks(limit?: number): Promise<number>;
}

const CARD_OUTCOMES: Record<string, string> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000341': 'processing_error',
};

interface GatewayRow {
  id: string;
  merchant_reference: string;
  order_reference: string;
  method: PaymentMethod;
  amount_minor: number;
  currency: string;
  status: GatewayStatus;
  failure_code: string | null;
}

function toPayment(row: GatewayRow): GatewayPayment {
  return {
    id: row.id,
    merchantReference: row.merchant_reference,
    orderReference: row.order_reference,
    method: row.method,
    amount: { amountMinor: row.amount_minor, currency: row.currency },
    status: row.status,
    failureCode: row.failure_code,
  };
}

/** Refused inside the refund transaction, so it rolls back. */
class RefundNotPossible extends Error {}

/** Builds the gateway on its own tables; `callbackUrl` is the shop's callback endpoint. */
export function createSandboxGateway(options: {
  sql: Sql;
  secret: string;
  callbackUrl: string;
}): SandboxGateway {
  const { sql } = options;
  const callbacks = createCallbackSender(options);

  const showPayment = async (id: string) => {
    const [row] = await sql<GatewayRow[]>`select * from sandbox_gateway_payments where id = ${id}`;
    return row ? toPayment(row) : null;
  };
  const byMerchantReference = async (reference: string) => {
    const [row] = await sql<GatewayRow[]>`
      select * from sandbox_gateway_payments where merchant_reference = ${reference}`;
    return row ? toPayment(row) : null;
  };

  return {
    async openPayment(request) {
      const failureCode =
        request.method === 'card'
          ? (CARD_OUTCOMES[normaliseCardNumber(request.card?.number ?? '')] ?? null)
          : null;
      const status: GatewayStatus =
        request.method !== 'card' ? 'requires_action' : failureCode ? 'failed' : 'captured';
      // The card number stays in memory: the gateway records only the outcome.
      await sql`insert into sandbox_gateway_payments
          (id, merchant_reference, order_reference, method, amount_minor, currency, status, failure_code)
        values (${`sbx_${randomBase32(20)}`}, ${request.paymentId}, ${request.orderId}, ${request.method},
          ${request.amount.amountMinor}, ${request.amount.currency}, ${status}, ${failureCode})
        on conflict (merchant_reference) do nothing`;
      // Asked again for the same merchant reference, the gateway answers the first payment.
      return (await byMerchantReference(request.paymentId))!;
    },

    findPayment: byMerchantReference,

    async cancelPayment(reference) {
      await sql`update sandbox_gateway_payments set status = 'cancelled', updated_at = now()
                 where merchant_reference = ${reference} and status = 'requires_action'`;
      return byMerchantReference(reference);
    },

    async refund(request) {
      try {
        return await withTransaction(sql, async (tx) => {
          const id = `sbr_${randomBase32(20)}`;
          // A second request for the same merchant reference waits here for the first, then
          // finds its refund instead of refunding again.
          const inserted = await tx`
            insert into sandbox_gateway_refunds (id, merchant_reference, payment_id, amount_minor)
            values (${id}, ${request.merchantReference}, ${request.paymentRef}, ${request.amountMinor})
            on conflict (merchant_reference) do nothing`;
          if (inserted.count === 0) {
            const [earlier] = await tx<{ id: string }[]>`
              select id from sandbox_gateway_refunds where merchant_reference = ${request.merchantReference}`;
            return { status: 'succeeded', id: earlier!.id } as const;
          }
          const refunded = await tx`
            update sandbox_gateway_payments set refunded_minor = refunded_minor + ${request.amountMinor},
                   updated_at = now()
             where id = ${request.paymentRef} and status = 'captured'
               and refunded_minor + ${request.amountMinor} <= amount_minor`;
          if (refunded.count === 0) throw new RefundNotPossible();
          return { status: 'succeeded', id } as const;
        });
      } catch (error) {
        if (error instanceof RefundNotPossible)
          return { status: 'failed', failureCode: 'refund_not_possible' };
        // A refund of a payment the gateway never had breaks the foreign key: not possible either.
        if ((error as { code?: string }).code === '23503')
          return { status: 'failed', failureCode: 'refund_not_possible' };
        throw error;
      }
    },

    showPayment,

    async decide(id, decision) {
      const eventId = await withTransaction(sql, async (tx) => {
        // Only a payment still waiting for the payer moves: approving one the merchant cancelled
        // (or approving twice) changes nothing and sends nothing.
        const [row] = await tx<GatewayRow[]>`
          update sandbox_gateway_payments
             set status = ${decision === 'approve' ? 'captured' : 'failed'},
                 failure_code = ${decision === 'approve' ? null : 'declined_by_payer'}, updated_at = now()
           where id = ${id} and status = 'requires_action'
          returning *`;
        return row ? callbacks.enqueue(tx, toPayment(row)) : null;
      });
      if (eventId) await callbacks.deliver(eventId);
      return showPayment(id);
    },

    deliverDueCallbacks: (limit = 20) => callbacks.deliverDue(limit),
  };
}
