/** Merchant: creates an experiment as a draft; it shows nothing to shoppers until started. */
import type { Db } from '../../../app/database.ts';
import { newId } from '../../../app/ids.ts';
import {
  type Experiment,
  type ExperimentRow,
  experimentFromRow,
  type NewExperimentInput,
  parseNewExperiment,
} from './experiment.ts';

/**
 * Validates `input` (known placement and strategies, two different strategies, share of b 1–99,
 * default 50) and stores a draft; throws `validation_failed` (400) before writing anything.
 */
export async function createExperiment(db: Db, input: NewExperimentInput): Promise<Experiment> {
  const e = parseNewExperiment(input);
  const [row] = await db<ExperimentRow[]>`
    insert into recommendation_experiments (id, name, placement, strategy_a, strategy_b, share_b)
    values (${newId('exp')}, ${e.name}, ${e.placement}, ${e.strategyA}, ${e.strategyB}, ${e.shareB})
    returning *`;
  return experimentFromRow(row!);
}
