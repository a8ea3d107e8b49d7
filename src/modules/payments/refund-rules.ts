/** What of a payment may still be refunded: one rule for the refund use case, the API and the console. */

/** Payment statuses a refund may start from. */
export const REFUNDABLE_STATUSES: readonly string[] = ['captured', 'partially_refunded'];

/** Minor units of the payment still refundable: what was captured less what was refunded (0 when it cannot be refunded). */
export function refundableMinor(payment: {
  status: string;
  amountMinor: number;
  refundedMinor: number;
}): number {
  if (!REFUNDABLE_STATUSES.includes(payment.status)) return 0;
  return Math.max(0, payment.amountMinor - payment.refundedMinor);
}
