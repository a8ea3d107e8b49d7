/**
 * Paying an order. The order row is locked for the whole attempt, so two payments of one order
 * run one after the other (and the unique index on captured payments is the last word). The
 * sandbox answers in-process; a networked provider would commit the pending payment first and
 * settle it in a second transaction or by callback.
 */
import { type Db, type Tx, withTransaction } from '../../app/database.ts';
import { badRequest, conflict, DomainError, notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { newId } from '../../app/ids.ts';
import { claimIdempotencyKey, hashRequest, saveIdempotentResponse } from '../checkout/index.ts';
import { hashToken } from '../identity/index.ts';
import {
  addOrderEvent,
  type LockedOrder,
  lockOrder,
  markOrderPaid,
  type OrderAccess,
} from '../orders/index.ts';
import { type CardDetails, cardBrand, cardIssues, normaliseCardNumber } from './card.ts';
import type { PaymentMethod, PaymentProvider } from './payment-provider.ts';
import { sandboxProvider } from './sandbox-card-provider.ts';

export interface PayOrderInput {
  orderId: string;
  access: OrderAccess;
  method: PaymentMethod;
  card?: CardDetails;
  idempotencyKey: string;
}

export interface PayOrderResult {
  paymentId: string;
  status: 'captured' | 'failed' | 'pending';
  failureCode?: string;
  retryable?: boolean;
  nextAction?: { type: 'redirect' | 'qr_code'; url: string };
}

/** Pays the order (or replays the answer to the same Idempotency-Key). A decline is a result, not an error. */
export async function payOrder(
  db: Db,
  input: PayOrderInput,
  provider: PaymentProvider = sandboxProvider,
): Promise<PayOrderResult> {
  const issues =
    input.method === 'card'
      ? input.card
        ? cardIssues(input.card)
        : [{ field: 'card', code: 'required', message: 'is required' }]
      : [];
  if (issues.length)
    throw badRequest('card_invalid', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  // Never the full number or CVC, not even hashed (a PAN's hash is guessable): what identifies
  // "the same request" is the method and the card's public facts.
  const card = input.card;
  const requestHash = hashRequest({
    method: input.method,
    card: card
      ? {
          last4: normaliseCardNumber(card.number).slice(-4),
          expMonth: card.expMonth,
          expYear: card.expYear,
          holder: card.holder,
        }
      : null,
  });
  return withTransaction(db, async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!order || !(await mayPay(tx, order, input.access))) throw notFound('order');
    const scope = `payment:${order.id}`;
    const replay = await claimIdempotencyKey<PayOrderResult>(tx, {
      scope,
      key: input.idempotencyKey,
      requestHash,
    });
    if (replay) return replay.response;
    assertPayable(order);
    const result = await charge(tx, order, input, provider);
    await saveIdempotentResponse(tx, { scope, key: input.idempotencyKey, statusCode: 200, response: result });
    return result;
  });
}

async function mayPay(tx: Tx, order: LockedOrder, access: OrderAccess): Promise<boolean> {
  if ('customerId' in access) return order.customerId === access.customerId;
  if (!access.accessToken || access.accessToken.length > 100) return false;
  const hash = hashToken(access.accessToken);
  if (hash === order.accessTokenHash) return true;
  const [extra] =
    await tx`select 1 from order_access_tokens where order_id = ${order.id} and token_hash = ${hash}`;
  return Boolean(extra);
}

function assertPayable(order: LockedOrder) {
  if (order.status !== 'pending_payment') {
    throw conflict('order_not_payable', `The order is ${order.status}; it cannot be paid.`, {
      status: order.status,
    });
  }
  if (order.paymentDueAt.getTime() <= Date.now()) {
    throw new DomainError(
      'payment_overdue',
      409,
      'The time to pay this order has passed; it will be cancelled.',
    );
  }
}

async function charge(
  tx: Tx,
  order: LockedOrder,
  input: PayOrderInput,
  provider: PaymentProvider,
): Promise<PayOrderResult> {
  const paymentId = newId('pay');
  const digits = input.card ? normaliseCardNumber(input.card.number) : null;
  await tx`insert into payments (id, order_id, provider, method, status, amount_minor, currency, card_brand, card_last4)
           values (${paymentId}, ${order.id}, ${provider.name}, ${input.method}, 'pending', ${order.totalMinor},
                   ${order.currency}, ${digits ? cardBrand(digits) : null}, ${digits ? digits.slice(-4) : null})`;
  const result = await provider.createPayment({
    paymentId,
    orderId: order.id,
    amount: { amountMinor: order.totalMinor, currency: order.currency },
    method: input.method,
    card: input.card,
  });
  if (result.status === 'captured') {
    await tx`update payments set status = 'captured', provider_ref = ${result.providerRef}, updated_at = now()
              where id = ${paymentId}`;
    await markOrderPaid(tx, order.id, { actor: `provider:${provider.name}`, paymentId });
    await recordEvent(tx, 'payment.captured', paymentId, {
      orderId: order.id,
      amountMinor: order.totalMinor,
    });
    return { paymentId, status: 'captured' };
  }
  if (result.status === 'failed') {
    await tx`update payments set status = 'failed', provider_ref = ${result.providerRef},
                    failure_code = ${result.failureCode}, updated_at = now() where id = ${paymentId}`;
    await addOrderEvent(tx, order.id, {
      type: 'payment.failed',
      params: { paymentId, method: input.method, failureCode: result.failureCode },
      actor: `provider:${provider.name}`,
    });
    return { paymentId, status: 'failed', failureCode: result.failureCode, retryable: result.retryable };
  }
  await tx`update payments set provider_ref = ${result.providerRef}, updated_at = now() where id = ${paymentId}`;
  return { paymentId, status: 'pending', nextAction: result.nextAction };
}
