/**
 * Checkout's part of a shopper's data erasure: a stored placement (or payment) response kept for
 * Idempotency-Key replays may hold the order with its address, so replays naming the subject's
 * identifiers are dropped (a retry after that simply runs again).
 */
import { identifierNeedles, type PersonalDataHolder } from '../../app/module-definition.ts';

/** Erasure only: replays are not part of what a shopper asked to export. */
export const checkoutPersonalData: PersonalDataHolder = {
  async erase(tx, subject) {
    for (const needle of identifierNeedles(subject))
      await tx`delete from idempotency_keys where strpos(response::text, ${needle}) > 0`;
  },
};
