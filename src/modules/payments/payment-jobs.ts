/** Payment jobs: reconciliation with the providers, and the sandbox gateway's callback retries. */
import type { Job } from '../../app/jobs.ts';
import { paymentsDepsOf } from './payment-providers.ts';
import { reconcilePayments } from './reconcile-payments.ts';

export const paymentJobs: Job[] = [
  {
    name: 'payments.reconcile',
    everyMs: 30_000,
    run: (deps) => reconcilePayments(paymentsDepsOf(deps)),
  },
  {
    // The gateway's own work (as a real provider retries its webhooks), run by this process.
    name: 'payments.sandbox-gateway-callbacks',
    everyMs: 5_000,
    run: (deps) => paymentsDepsOf(deps).paymentProviders.sandboxGateway.deliverDueCallbacks(),
  },
];
