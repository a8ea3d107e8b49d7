/** Merchant: stops a running experiment; its placement returns to the default strategy. */
import { type Db, withTransaction } from '../../../app/database.ts';
import { conflict } from '../../../app/errors.ts';
import { type Experiment, type ExperimentRow, experimentFromRow, loadExperiment } from './experiment.ts';
import { runningExperimentsChanged } from './running-experiments.ts';

/**
 * Moves a running experiment to `stopped` from now, closing its results window. Throws
 * `experiment_not_running` (409) otherwise.
 */
export async function stopExperiment(db: Db, id: string): Promise<Experiment> {
  const stopped = await withTransaction(db, async (tx) => {
    const experiment = await loadExperiment(tx, id, true);
    if (experiment.status !== 'running') {
      throw conflict('experiment_not_running', 'Only a running experiment can be stopped.');
    }
    const [row] = await tx<ExperimentRow[]>`
      update recommendation_experiments set status = 'stopped', stopped_at = now()
       where id = ${id} returning *`;
    return experimentFromRow(row!);
  });
  runningExperimentsChanged();
  return stopped;
}
