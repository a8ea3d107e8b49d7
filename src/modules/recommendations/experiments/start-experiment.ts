/** Merchant: starts a draft experiment, so its placement begins splitting keyed visitors. */
import { type Db, withTransaction } from '../../../app/database.ts';
import { conflict } from '../../../app/errors.ts';
import { type Experiment, type ExperimentRow, experimentFromRow, loadExperiment } from './experiment.ts';
import { runningExperimentsChanged } from './running-experiments.ts';

/**
 * Moves a draft to `running` from now. Throws `experiment_not_draft` (409) for a running or
 * stopped one (a stopped experiment's window is closed for good) and `placement_has_experiment`
 * (409) when another experiment already runs on the placement (the partial unique index decides).
 */
export async function startExperiment(db: Db, id: string): Promise<Experiment> {
  const started = await withTransaction(db, async (tx) => {
    const experiment = await loadExperiment(tx, id, true);
    if (experiment.status !== 'draft') {
      throw conflict('experiment_not_draft', 'Only a draft experiment can be started.');
    }
    try {
      const [row] = await tx<ExperimentRow[]>`
        update recommendation_experiments set status = 'running', started_at = now()
         where id = ${id} returning *`;
      return experimentFromRow(row!);
    } catch (error) {
      const e = error as { code?: string; constraint_name?: string };
      if (e.code === '23505' && e.constraint_name === 'recommendation_experiments_one_running') {
        throw conflict(
          'placement_has_experiment',
          'Another experiment is already running on this placement; stop it first.',
        );
      }
      throw error;
    }
  });
  runningExperimentsChanged();
  return started;
}
