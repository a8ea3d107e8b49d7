/**
 * The sandbox provider: a stand-in for a real card processor that speaks a documented protocol,
 * so the whole payment path (charges, declines, callbacks, refunds) runs without a network.
 *
 * Test cards (any future expiry, any 3-digit CVC):
 *   4242 4242 4242 4242  captured
 *   4000 0000 0000 0002  failed, card_declined
 *   4000 0000 0000 9995  failed, insufficient_funds
 *   4000 0000 0000 0341  failed, processing_error (retryable: the processor timed out)
 *   any other Luhn-valid number is captured.
 * `alipay` and `wechat_pay` answer `pending` with a redirect / QR URL; POSTing `{ outcome }` to that
 * URL stands in for the shopper approving in the wallet app, and the sandbox reports the outcome
 * by signed callback.
 *
 * Callbacks: POST /store/payments/callbacks/sandbox with header
 * `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` and body
 * `{ id, type: "payment.captured" | "payment.failed", data: { paymentId, orderId, providerRef,
 * amountMinor, currency, failureCode? } }`. Signatures older than 5 minutes are refused. The secret
 * is SANDBOX_PAYMENT_SECRET, or a random one per process when unset.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../../app/errors.ts';
import { randomBase32 } from '../../app/ids.ts';
import { normaliseCardNumber } from './card.ts';
import type { ChargeRequest, ChargeResult, PaymentProvider, VerifiedCallback } from './payment-provider.ts';

const SIGNATURE_WINDOW_SECONDS = 300;
const OUTCOMES: Record<string, { failureCode: string; retryable: boolean }> = {
  '4000000000000002': { failureCode: 'card_declined', retryable: false },
  '4000000000009995': { failureCode: 'insufficient_funds', retryable: false },
  '4000000000000341': { failureCode: 'processing_error', retryable: true },
};

/** Builds a sandbox provider signing with `secret`. */
export function createSandboxProvider(secret: string): PaymentProvider & {
  signCallback(rawBody: string, at?: Date): string;
} {
  const sign = (timestamp: string, rawBody: Buffer | string) =>
    createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  return {
    name: 'sandbox',
    async createPayment(request: ChargeRequest): Promise<ChargeResult> {
      const providerRef = `sbx_${randomBase32(20)}`;
      if (request.method !== 'card') {
        const type = request.method === 'alipay' ? 'redirect' : 'qr_code';
        const url = `/store/payments/sandbox/${request.paymentId}/approve`;
        return { status: 'pending', providerRef, nextAction: { type, url } };
      }
      const outcome = OUTCOMES[normaliseCardNumber(request.card?.number ?? '')];
      if (outcome) return { status: 'failed', ...outcome, providerRef };
      return { status: 'captured', providerRef };
    },
    async refund() {
      return { status: 'succeeded', providerRef: `sbr_${randomBase32(20)}` };
    },
    verifyCallback(rawBody, headers): VerifiedCallback | null {
      const header = headers['x-sandbox-signature'];
      const match = typeof header === 'string' ? header.match(/^t=(\d{1,12}),v1=([0-9a-f]{64})$/) : null;
      if (!match) return null;
      const [, timestamp, signature] = match as unknown as [string, string, string];
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return null;
      // Constant-time comparison on the raw bytes, so timing reveals nothing about the signature.
      if (!timingSafeEqual(sign(timestamp, rawBody), Buffer.from(signature, 'hex'))) return null;
      const callback = parseCallback(rawBody);
      if (!callback) throw badRequest('malformed_callback', 'The callback body is not a sandbox event.');
      return callback;
    },
    signCallback(rawBody: string, at: Date = new Date()) {
      const timestamp = String(Math.floor(at.getTime() / 1000));
      return `t=${timestamp},v1=${sign(timestamp, rawBody).toString('hex')}`;
    },
  };
}

function parseCallback(rawBody: Buffer): VerifiedCallback | null {
  try {
    const body = JSON.parse(rawBody.toString('utf8'));
    const data = body?.data;
    const valid =
      typeof body.id === 'string' &&
      (body.type === 'payment.captured' || body.type === 'payment.failed') &&
      typeof data?.paymentId === 'string' &&
      typeof data.orderId === 'string' &&
      typeof data.providerRef === 'string' &&
      Number.isSafeInteger(data.amountMinor) &&
      typeof data.currency === 'string';
    if (!valid) return null;
    return {
      eventId: body.id,
      type: body.type,
      paymentId: data.paymentId,
      orderId: data.orderId,
      providerRef: data.providerRef,
      amount: { amountMinor: data.amountMinor, currency: data.currency },
      failureCode: typeof data.failureCode === 'string' ? data.failureCode : null,
    };
  } catch {
    return null;
  }
}

/** The app's sandbox provider (one per process). */
export const sandboxProvider = createSandboxProvider(
  process.env.SANDBOX_PAYMENT_SECRET || randomBytes(32).toString('hex'),
);
