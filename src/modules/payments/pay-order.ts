/**
 * Paying an order, in three steps so that no transaction is open while the provider works:
 * 1. A short transaction holding the order's row lock checks access, claims the Idempotency-Key
 *    (or replays its answer), checks the order is payable and records the attempt as pending.
 *    An order has at most one active attempt (the partial unique index `payments_one_active`
 *    decides): the same wallet method again gets the active attempt back; another method first
 *    cancels it at the provider (decision 0013); an attempt still being created is waited for.
 * 2. The provider is called, outside any transaction.
 * 3. A new transaction records its answer and saves it for the key.
 * A crash between 1 and 3 leaves a pending attempt, which `reconcilePayments` settles by asking
 * the provider; the key's answer is saved then.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Db, withTransaction } from '../../app/database.ts';
import { badRequest, conflict, DomainError, type FieldIssue, notFound } from '../../app/errors.ts';
import { requiredIssue } from '../../app/field-issues.ts';
import { newId } from '../../app/ids.ts';
import {
  type CheckoutCaller,
  claimIdempotencyKey,
  hashRequest,
  limitCheckout,
  saveIdempotentResponse,
} from '../checkout/index.ts';
import { type LockedOrder, lockOrderForShopper, type OrderAccess } from '../orders/index.ts';
import { cancelAttempt } from './cancel-attempt.ts';
import { type CardDetails, cardBrand, cardIssues, normaliseCardNumber } from './card.ts';
import { insertPendingPayment, lockActivePayment, type PaymentRow } from './db/payment-repository.ts';
import type { ChargeResult, NextAction, PaymentMethod, PaymentProvider } from './payment-provider.ts';
import type { PaymentsDeps } from './payment-providers.ts';
import {
  payOrderResultOf,
  recordAwaitingPayer,
  recordCapture,
  recordFailure,
  settleAttempt,
} from './settle-payment.ts';

export interface PayOrderInput {
  orderId: string;
  access: OrderAccess;
  method: PaymentMethod;
  card?: CardDetails;
  idempotencyKey: string;
  /**
   * A shopper's request (every door passes it): counted against the checkout limits it shares
   * with order placement. Absent only for the shop's own calls.
   */
  caller?: CheckoutCaller;
}

export interface PayOrderResult {
  paymentId: string;
  /** `refunded`: captured after the order was paid another way, and given back automatically. */
  status: 'captured' | 'failed' | 'pending' | 'refunded';
  failureCode?: string;
  retryable?: boolean;
  nextAction?: NextAction;
}

/** How long a request waits for another request's attempt to get its provider's answer. */
const WAIT_FOR_ACTIVE_MS = 10_000;
/** First look again after 25 ms, then less and less often (at most every 400 ms). */
const waitStepMs = (round: number) => Math.min(400, 25 * 2 ** round);
/** Shoppers switching methods in two tabs could take turns cancelling each other; not forever. */
const MAX_SUPERSEDES = 3;

type Step =
  | { kind: 'answer'; result: PayOrderResult }
  | { kind: 'charge'; paymentId: string; order: LockedOrder }
  | { kind: 'wait' | 'supersede'; active: PaymentRow };

/** Raised inside the first transaction to roll it back (and the key's claim with it). */
class ActiveAttempt extends Error {
  readonly kind: 'wait' | 'supersede';
  readonly active: PaymentRow;
  constructor(kind: 'wait' | 'supersede', active: PaymentRow) {
    super(kind);
    this.kind = kind;
    this.active = active;
  }
}

/** Pays the order (or replays the answer to the same Idempotency-Key). A decline is a result, not an error. */
export async function payOrder(deps: PaymentsDeps, input: PayOrderInput): Promise<PayOrderResult> {
  if (input.caller) {
    if (!deps.rateLimiter) throw new Error('payOrder with a caller needs deps.rateLimiter');
    await limitCheckout(deps.rateLimiter, input.caller);
  }
  assertCardValid(input);
  const provider = deps.paymentProviders.forMethod(input.method);
  const requestHash = hashOf(input);
  const waitUntil = Date.now() + WAIT_FOR_ACTIVE_MS;
  let supersedes = 0;
  let waits = 0;
  for (;;) {
    const step = await beginAttempt(deps.sql, input, requestHash, provider.name);
    if (step.kind === 'answer') return step.result;
    if (step.kind === 'charge') return chargeAttempt(deps, provider, step, input);
    if (step.kind === 'wait') {
      if (Date.now() > waitUntil) throw paymentInProgress();
      await sleep(waitStepMs(waits++));
    } else {
      if (++supersedes > MAX_SUPERSEDES || !(await cancelAttempt(deps, step.active)))
        throw paymentInProgress();
    }
  }
}

function assertCardValid(input: PayOrderInput) {
  if (input.method !== 'card') return;
  const issues: FieldIssue[] = input.card ? cardIssues(input.card) : [requiredIssue('card')];
  if (issues.length)
    throw badRequest('card_invalid', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}

/**
 * Never the full number or CVC, not even hashed (a PAN's hash is guessable): what identifies "the
 * same request" is the method and the card's public facts.
 */
function hashOf(input: PayOrderInput): string {
  const card = input.card;
  return hashRequest({
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
}

/** Step 1: the attempt recorded as pending, an answer to give at once, or an active attempt in the way. */
async function beginAttempt(
  db: Db,
  input: PayOrderInput,
  requestHash: string,
  providerName: string,
): Promise<Step> {
  try {
    return await withTransaction(db, async (tx): Promise<Step> => {
      const order = await lockOrderForShopper(tx, input.access, input.orderId);
      if (!order) throw notFound('order');
      const key = { scope: `payment:${order.id}`, key: input.idempotencyKey };
      const replay = await claimIdempotencyKey<PayOrderResult>(tx, { ...key, requestHash });
      if (replay) return { kind: 'answer', result: replay.response };
      assertPayable(order);
      const active = await lockActivePayment(tx, order.id);
      if (active) {
        // Not yet answered by its provider (or a card mid-charge): it cannot be cancelled safely.
        if (!active.next_action) throw new ActiveAttempt('wait', active);
        if (active.method !== input.method) throw new ActiveAttempt('supersede', active);
        // The same wallet again (a second tab, a retry with a new key): the same attempt.
        const result = payOrderResultOf(active);
        await saveIdempotentResponse(tx, { ...key, statusCode: 200, response: result });
        return { kind: 'answer', result };
      }
      const paymentId = newId('pay');
      const digits = input.card ? normaliseCardNumber(input.card.number) : null;
      const inserted = await insertPendingPayment(tx, {
        id: paymentId,
        orderId: order.id,
        provider: providerName,
        method: input.method,
        amountMinor: order.totalMinor,
        currency: order.currency,
        cardBrand: digits ? cardBrand(digits) : null,
        cardLast4: digits ? digits.slice(-4) : null,
        idempotencyKey: input.idempotencyKey,
      });
      if (!inserted) throw paymentInProgress();
      return { kind: 'charge', paymentId, order };
    });
  } catch (error) {
    if (error instanceof ActiveAttempt) return { kind: error.kind, active: error.active };
    throw error;
  }
}

/** Steps 2 and 3: the provider's answer, recorded and saved for the key. */
async function chargeAttempt(
  deps: PaymentsDeps,
  provider: PaymentProvider,
  step: { paymentId: string; order: LockedOrder },
  input: PayOrderInput,
): Promise<PayOrderResult> {
  let answer: ChargeResult;
  try {
    answer = await provider.createPayment({
      paymentId: step.paymentId,
      orderId: step.order.id,
      amount: { amountMinor: step.order.totalMinor, currency: step.order.currency },
      method: input.method,
      card: input.card,
    });
  } catch {
    throw new DomainError(
      'payment_provider_unavailable',
      502,
      'The payment provider did not answer. The payment is settled shortly; check the order before paying again.',
    );
  }
  const actor = `provider:${provider.name}`;
  return settleAttempt(
    deps,
    { orderId: step.order.id, paymentId: step.paymentId },
    async (tx, order, payment) => {
      if (!order || !payment) throw notFound('payment');
      let capture = null;
      if (answer.status === 'captured') {
        capture = await recordCapture(tx, order, payment, { providerRef: answer.providerRef, actor });
      } else if (answer.status === 'failed') {
        await recordFailure(tx, payment, {
          providerRef: answer.providerRef,
          failureCode: answer.failureCode,
          actor,
        });
      } else {
        await recordAwaitingPayer(tx, payment, answer);
      }
      const [now] = await tx<PaymentRow[]>`select * from payments where id = ${payment.id}`;
      const result = payOrderResultOf(now!, answer.status === 'failed' && answer.retryable);
      await saveIdempotentResponse(tx, {
        scope: `payment:${order.id}`,
        key: input.idempotencyKey,
        statusCode: 200,
        response: result,
      });
      return { value: result, capture };
    },
  );
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

function paymentInProgress(): DomainError {
  return new DomainError(
    'payment_in_progress',
    409,
    'Another payment of this order is being processed; wait a moment and look at the order again.',
    { extra: { retryAfterSeconds: 2 } },
  );
}
