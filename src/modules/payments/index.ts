/** The payments module's public surface. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { paymentRoutes } from './http/payment-routes.ts';
import { paymentsPersonalData } from './personal-data.ts';

export { approveSandboxPayment } from './approve-sandbox-payment.ts';
export { type CallbackOutcome, handleProviderCallback } from './handle-provider-callback.ts';
export { listOrderPayments, type PaymentSummary } from './list-order-payments.ts';
export { type PayOrderInput, type PayOrderResult, payOrder } from './pay-order.ts';
export type { PaymentMoved } from './payment-events.ts';
export type { PaymentMethod, PaymentProvider } from './payment-provider.ts';
export { type RefundPaymentInput, type RefundPaymentResult, refundPayment } from './refund-payment.ts';
export { createSandboxProvider, sandboxProvider } from './sandbox-card-provider.ts';

/** What payments contributes to the shop: its tables, routes and jobs. */
export const paymentsModule: ModuleDefinition = {
  name: 'payments',
  migrations: migrationsBeside(import.meta.url),
  routes: [paymentRoutes],
  personalData: paymentsPersonalData,
};
