/**
 * Trains every component model on one input, timing each: the single entry point shared by the
 * training job and the offline evaluation, so both run the same code with the same params.
 */
import type { InteractionInput } from './interaction-input.ts';
import { type AssociationParams, trainAssociationRules } from './mine-association-rules.ts';
import type { Recommender } from './recommender.ts';
import { type ContentParams, trainContentSimilarity } from './train-content-similarity.ts';
import { type ItemKnnParams, trainItemKnn } from './train-item-knn.ts';
import { type TrendingParams, trainPopularity, trainTrending } from './train-popularity.ts';
import { type TransitionParams, trainTransitions } from './train-transitions.ts';

/** Params per component; omitted ones use each model's defaults. */
export interface RecommenderParams {
  trending?: Partial<TrendingParams>;
  itemKnn?: Partial<ItemKnnParams>;
  transitions?: Partial<TransitionParams>;
  content?: Partial<ContentParams>;
  associationRules?: Partial<AssociationParams>;
}

/** A trained component and how long it took. */
export interface TrainedComponent {
  model: Recommender;
  trainingMs: number;
}

/** Trains popularity, trending, ItemKNN, transitions, association rules and (with content) content similarity. */
export function trainRecommenders(
  input: InteractionInput,
  params: RecommenderParams = {},
): TrainedComponent[] {
  const timed = (train: () => Recommender): TrainedComponent => {
    const started = performance.now();
    const model = train();
    return { model, trainingMs: performance.now() - started };
  };
  const out = [
    timed(() => trainPopularity(input)),
    timed(() =>
      trainTrending(input, { halfLifeSeconds: 14 * 86_400, halfLifeEvents: 3, ...params.trending }),
    ),
    timed(() => trainItemKnn(input, params.itemKnn)),
    timed(() => trainTransitions(input, params.transitions)),
    timed(() => trainAssociationRules(input, params.associationRules)),
  ];
  if (input.content?.some((c) => c !== undefined))
    out.push(timed(() => trainContentSimilarity(input, params.content)));
  return out;
}
