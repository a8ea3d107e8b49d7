/** Merchant: the experiments, newest first, and one by id. */
import type { Db } from '../../../app/database.ts';
import { type Experiment, listExperimentRows, loadExperiment } from './experiment.ts';

const MAX_LISTED = 200;

/** The latest 200 experiments, newest first. */
export function listExperiments(db: Db): Promise<Experiment[]> {
  return listExperimentRows(db, MAX_LISTED);
}

/** One experiment; throws `experiment_not_found` (404) for an unknown id. */
export function getExperiment(db: Db, id: string): Promise<Experiment> {
  return loadExperiment(db, id);
}
