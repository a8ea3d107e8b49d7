/**
 * A placement for one visitor: their shopper key (their consent is enforced where their events
 * are read), the experiment arm they are assigned to when the placement runs an A/B test, then
 * `getPlacement`. The API route and the storefront pages both serve through here, so a shopper
 * sees the same strategy whichever way they ask.
 */
import type { Db } from '../../../app/database.ts';
import { assignExperimentArm } from '../experiments/assign-experiment-arm.ts';
import { getPlacement, type PlacementRequest, type PlacementResult } from './get-placement.ts';

/** A placement's answer as served, with the label impressions and clicks are recorded under. */
export interface ServedPlacement extends PlacementResult {
  /**
   * `strategy` outside an experiment; `<experiment id>.<arm>` inside one (the beacon's
   * `data-rec-strategy`), so events can be counted per arm.
   */
  label: string;
  experimentId: string | null;
}

/** What a page or the API asks for; the strategy comes from the visitor's experiment arm. */
export type PlacementAsk = Omit<PlacementRequest, 'shopperKey' | 'strategy'>;

// A shared (cached) result keeps one served object per label, so callers may memoise on its
// identity (the API route serialises a shared answer once).
const served = new WeakMap<PlacementResult, Map<string, ServedPlacement>>();

/**
 * Serves `ask` for the visitor with `shopperKey` (null: an anonymous visitor). Inside an
 * experiment the arm's label is kept even when the engine fell back to popular items, so every
 * impression of the arm is counted for it.
 */
export async function servePlacement(
  db: Db,
  shopperKey: string | null,
  ask: PlacementAsk,
): Promise<ServedPlacement> {
  const arm = await assignExperimentArm(db, ask.placement, shopperKey);
  const result = await getPlacement(db, { ...ask, shopperKey, strategy: arm?.strategy });
  const label = arm?.label ?? result.strategy;
  let byLabel = served.get(result);
  if (!byLabel) {
    byLabel = new Map();
    served.set(result, byLabel);
  }
  let answer = byLabel.get(label);
  if (!answer) {
    answer = { ...result, label, experimentId: arm?.experimentId ?? null };
    byLabel.set(label, answer);
  }
  return answer;
}
