/**
 * Payments' part of a shopper's data erasure: copies of their identifiers in the refund reasons
 * of their orders' payments are masked. Payments keep amounts, brand and last four for accounting
 * and hold no other personal data (never a card number).
 */
import { ERASED, identifierNeedles, type PersonalDataHolder } from '../../app/module-definition.ts';
import { findSubjectOrderIds } from '../orders/index.ts';

/** Erasure only: the export carries the orders, and payments add nothing personal to them. */
export const paymentsPersonalData: PersonalDataHolder = {
  async erase(tx, subject) {
    // Runs before orders erase theirs (top layer first), while orders can still tell which are the subject's.
    const orderIds = await findSubjectOrderIds(tx, subject);
    if (orderIds.length === 0) return;
    for (const needle of identifierNeedles(subject))
      await tx`update refunds set reason = replace(reason, ${needle}, ${ERASED})
                where strpos(reason, ${needle}) > 0
                  and payment_id in (select id from payments where order_id = any(${orderIds}))`;
  },
};
