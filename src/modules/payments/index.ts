/** The payments module's public surface. */
export { approveSandboxPayment } from './approve-sandbox-payment.ts';
export { type CallbackOutcome, handleProviderCallback } from './handle-provider-callback.ts';
export { listOrderPayments, type PaymentSummary } from './list-order-payments.ts';
export { type PayOrderInput, type PayOrderResult, payOrder } from './pay-order.ts';
export type { PaymentMethod, PaymentProvider } from './payment-provider.ts';
export { type RefundPaymentInput, type RefundPaymentResult, refundPayment } from './refund-payment.ts';
export { createSandboxProvider, sandboxProvider } from './sandbox-card-provider.ts';
