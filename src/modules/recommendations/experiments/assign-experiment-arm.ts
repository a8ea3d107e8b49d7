/**
 * Which arm of a placement's running experiment a visitor sees. Sticky and stateless: a hash of
 * the experiment id and the shopper key decides, so the same visitor gets the same arm on every
 * request and every instance, and no assignment is stored. Visitors without a key (no consent
 * yet) get no arm: they see the default strategy and are not counted.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../app/database.ts';
import type { RecommendationStrategy } from '../serving/get-placement.ts';
import { armLabel, type ExperimentArm } from './experiment.ts';
import { runningExperiments } from './running-experiments.ts';

/** A visitor's arm in a running experiment, and the label to record their events under. */
export interface ExperimentAssignment {
  experimentId: string;
  arm: ExperimentArm;
  strategy: RecommendationStrategy;
  /** `<experiment id>.<arm>`: the placement's `data-rec-strategy`. */
  label: string;
}

/**
 * The arm for `shopperKey` in `placement`'s running experiment; null without a key or a running
 * experiment, and null (the default strategy) if the experiments cannot be read: a placement
 * never fails for an experiment's sake. Costs a hash: the experiments are cached in-process.
 */
export async function assignExperimentArm(
  db: Db,
  placement: string,
  shopperKey: string | null,
): Promise<ExperimentAssignment | null> {
  if (!shopperKey) return null;
  const experiment = (await runningExperiments(db).catch(() => null))?.get(placement);
  if (!experiment) return null;
  const arm = armFor(experiment.id, shopperKey, experiment.shareB);
  return {
    experimentId: experiment.id,
    arm,
    strategy: arm === 'a' ? experiment.strategyA : experiment.strategyB,
    label: armLabel(experiment.id, arm),
  };
}

/**
 * The arm a key falls into: a bucket 0..99 from SHA-256 of id and key; buckets below `shareB` see
 * arm b. Including the experiment id makes arms independent across experiments.
 */
export function armFor(experimentId: string, shopperKey: string, shareB: number): ExperimentArm {
  const digest = createHash('sha256').update(`${experimentId}\u0000${shopperKey}`).digest();
  // 2^32 mod 100 is 96: the bias toward low buckets is below one in forty million.
  return digest.readUInt32BE(0) % 100 < shareB ? 'b' : 'a';
}
