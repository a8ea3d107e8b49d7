/** Privacy's own part of a shopper's data export and erasure: their consent choices. */
import type { PersonalDataHolder } from '../../app/module-definition.ts';
import { getCustomerConsent, listConsentHistory } from './record-consent.ts';

/** Exports `consents` (current and history); erasure deletes the history. */
export const privacyPersonalData: PersonalDataHolder = {
  async export(db, subject) {
    const [current, history] = await Promise.all([
      getCustomerConsent(db, subject.customerId),
      listConsentHistory(db, subject.customerId),
    ]);
    return { consents: { current, history } };
  },
  async erase(tx, subject) {
    await tx`delete from consents where customer_id = ${subject.customerId}`;
  },
};
