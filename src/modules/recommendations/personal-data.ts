/**
 * Recommendations' part of a shopper's data export and erasure: their shopper key's behaviour
 * events and favourites, and the interest profile derived from them ("my interests").
 */
import type { PersonalDataHolder } from '../../app/module-definition.ts';
import { exportShopperBehaviour, forgetShopper } from './events/forget-shopper.ts';
import { getShopperProfile } from './profiles/get-shopper-profile.ts';

/**
 * Exports `behaviour` (events, favourites) and `interests` (the profile as the "my interests"
 * page shows it, with every removed interest); erasure deletes the key, its events and favourites
 * (its removed interests go with the key by cascade).
 */
export const recommendationsPersonalData: PersonalDataHolder = {
  async export(db, subject) {
    const behaviour = await exportShopperBehaviour(db, subject.customerId);
    return {
      behaviour: { events: behaviour.events, favourites: behaviour.favourites },
      interests: behaviour.shopperKey
        ? await getShopperProfile(db, behaviour.shopperKey)
        : { personalisation: false, tags: [], removed: [] },
    };
  },
  async erase(tx, subject) {
    await forgetShopper(tx, subject.customerId);
  },
};
