/**
 * The shop's side of the sandbox: a `PaymentProvider` that calls the sandbox gateway's merchant API
 * and verifies its callbacks, exactly as an adapter for a real provider would call its API.
 *
 * Callbacks: POST /store/payments/callbacks/sandbox with header
 * `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` and body
 * `{ id, type: "payment.captured" | "payment.failed", data: { paymentId, orderId, providerRef,
 * amountMinor, currency, failureCode? } }`. Signatures older than 5 minutes are refused.
 */
import { badRequest } from '../../../app/errors.ts';
import type {
  ChargeResult,
  PaymentProvider,
  ProviderPaymentState,
  VerifiedCallback,
} from '../payment-provider.ts';
import type { GatewayPayment, SandboxGateway } from './sandbox-gateway.ts';
import { SANDBOX_SIGNATURE_HEADER, verifySandboxSignature } from './sandbox-signature.ts';

/** Where the gateway's payer page for a payment is. */
export function sandboxPaymentPageUrl(gatewayPaymentId: string): string {
  return `/sandbox/pay/${gatewayPaymentId}`;
}

function chargeResultOf(payment: GatewayPayment): ChargeResult {
  switch (payment.status) {
    case 'captured':
      return { status: 'captured', providerRef: payment.id };
    case 'requires_action':
      return {
        status: 'pending',
        providerRef: payment.id,
        nextAction: {
          type: payment.method === 'alipay' ? 'redirect' : 'qr_code',
          url: sandboxPaymentPageUrl(payment.id),
        },
      };
    default: {
      const failureCode = payment.failureCode ?? payment.status;
      return {
        status: 'failed',
        failureCode,
        retryable: failureCode === 'processing_error',
        providerRef: payment.id,
      };
    }
  }
}

function stateOf(payment: GatewayPayment | null): ProviderPaymentState | null {
  if (!payment) return null;
  switch (payment.status) {
    case 'captured':
      return { status: 'captured', providerRef: payment.id, amount: payment.amount };
    case 'failed':
      return { status: 'failed', providerRef: payment.id, failureCode: payment.failureCode ?? 'failed' };
    default:
      return { status: payment.status, providerRef: payment.id };
  }
}

/** The sandbox provider over `gateway`, verifying callbacks signed with `secret`. */
export function createSandboxPaymentProvider(options: {
  gateway: SandboxGateway;
  secret: string;
}): PaymentProvider {
  const { gateway } = options;
  return {
    name: 'sandbox',
    methods: ['card', 'alipay', 'wechat_pay'],
    async createPayment(request) {
      return chargeResultOf(await gateway.openPayment(request));
    },
    async cancelPayment({ paymentId }) {
      return stateOf(await gateway.cancelPayment(paymentId));
    },
    async retrievePayment({ paymentId }) {
      return stateOf(await gateway.findPayment(paymentId));
    },
    async refund(request) {
      if (!request.providerRef) return { status: 'failed', failureCode: 'refund_not_possible' };
      const refund = await gateway.refund({
        merchantReference: request.refundId,
        paymentRef: request.providerRef,
        amountMinor: request.amount.amountMinor,
      });
      return refund.status === 'succeeded' ? { status: 'succeeded', providerRef: refund.id } : refund;
    },
    verifyCallback(rawBody, headers): VerifiedCallback | null {
      if (!verifySandboxSignature(options.secret, rawBody, headers[SANDBOX_SIGNATURE_HEADER])) return null;
      const callback = parseCallback(rawBody);
      if (!callback) throw badRequest('malformed_callback', 'The callback body is not a sandbox event.');
      return callback;
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
