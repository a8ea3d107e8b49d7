/**
 * The production adapter: behaviour events (views, favourites, cart adds, purchases, clicks on
 * recommendations) become the models' input, each kind with a weight; kinds without a weight
 * (searches, impressions) are left out. Known product ids get indices even without events.
 */
import type { BehaviourKind, Interaction } from '../events/behaviour-event.ts';
import { buildInteractionInput, type MappedInteractions } from './interaction-input.ts';

/** How much each kind of event says about interest; a purchase says most. */
export const DEFAULT_KIND_WEIGHTS: Readonly<Partial<Record<BehaviourKind, number>>> = {
  product_view: 1,
  rec_click: 1,
  favourite: 2,
  add_to_cart: 3,
  purchase: 5,
};

/** Maps interactions (oldest first) to the models' input, with product ids as item keys. */
export function interactionsToInput(
  interactions: readonly Interaction[],
  knownProductIds: readonly string[] = [],
  kindWeights: Readonly<Partial<Record<BehaviourKind, number>>> = DEFAULT_KIND_WEIGHTS,
): MappedInteractions {
  const events = [];
  for (const interaction of interactions) {
    const weight = kindWeights[interaction.kind];
    if (!weight) continue;
    events.push({
      userKey: interaction.shopperKey,
      itemKey: interaction.productId,
      time: interaction.occurredAt.getTime() / 1000,
      weight,
    });
  }
  return buildInteractionInput(events, knownProductIds);
}
