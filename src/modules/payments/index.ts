/** The payments module's public surface. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { paymentRoutes } from './http/payment-routes.ts';
import { paymentJobs } from './payment-jobs.ts';
import { paymentsPersonalData } from './personal-data.ts';

export { type CardDetails, cardFromForm, cardIssues } from './card.ts';
export type { RefundPaymentResult } from './complete-refund.ts';
export { type CallbackOutcome, handleProviderCallback } from './handle-provider-callback.ts';
export { listOrderPayments, type PaymentSummary } from './list-order-payments.ts';
export { type PayOrderInput, type PayOrderResult, payOrder } from './pay-order.ts';
export type { PaymentMoved } from './payment-events.ts';
export type { NextAction, PaymentMethod, PaymentProvider } from './payment-provider.ts';
export {
  createPaymentProviders,
  type PaymentProviders,
  type PaymentsDeps,
  paymentProviderRegistry,
  paymentsDepsOf,
} from './payment-providers.ts';
export { reconcilePayments } from './reconcile-payments.ts';
export { type RefundPaymentInput, refundPayment } from './refund-payment.ts';
export { REFUNDABLE_STATUSES, refundableMinor } from './refund-rules.ts';
export type { GatewayPayment, SandboxGateway } from './sandbox/sandbox-gateway.ts';
export { createSandboxGateway } from './sandbox/sandbox-gateway.ts';
export { createSandboxPaymentProvider } from './sandbox/sandbox-payment-provider.ts';
export { SANDBOX_SIGNATURE_HEADER, signSandboxCallback } from './sandbox/sandbox-signature.ts';

/** What payments contributes to the shop: its tables, routes and jobs. */
export const paymentsModule: ModuleDefinition = {
  name: 'payments',
  migrations: migrationsBeside(import.meta.url),
  routes: [paymentRoutes],
  jobs: paymentJobs,
  personalData: paymentsPersonalData,
};
