/** The recommendations module's training job: a cheap check every minute, training only when needed. */
import type { Job } from '../../../app/jobs.ts';
import { isTrainingDue, trainRecommendationModels } from './train-recommendation-models.ts';

export const recommendationJobs: Job[] = [
  {
    name: 'recommendations.train-models',
    everyMs: 60_000,
    run: (deps) => trainRecommendationModels(deps.sql),
    // Training holds every event and model in memory for seconds: about 50 MB a server would
    // keep resident for good after its first training (docs/decisions/0016).
    inChildProcess: { isDue: (deps) => isTrainingDue(deps.sql) },
  },
];
