/** The recommendations module's training job: a cheap check every minute, training only when needed. */
import type { Job } from '../../../app/jobs.ts';
import { trainRecommendationModels } from './train-recommendation-models.ts';

export const recommendationJobs: Job[] = [
  {
    name: 'recommendations.train-models',
    everyMs: 60_000,
    run: (deps) => trainRecommendationModels(deps.sql),
  },
];
