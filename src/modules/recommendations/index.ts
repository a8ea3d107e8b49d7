/** The recommendations module's public surface. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { behaviourEventJobs } from './events/event-jobs.ts';
import { behaviourEventRoutes } from './events/http/event-routes.ts';
import { purchaseEventConsumer } from './events/record-purchase-events.ts';
import { experimentRoutes } from './experiments/http/experiment-routes.ts';
import { recommendationsPersonalData } from './personal-data.ts';
import { interestRoutes } from './profiles/http/interest-routes.ts';
import { recommendationRoutes } from './serving/http/recommendation-routes.ts';
import { recommendationJobs } from './serving/recommendation-jobs.ts';

export { type EvaluationReport, evaluateRecommenders } from './evaluation/evaluate-recommenders.ts';
export { formatReport } from './evaluation/format-report.ts';
export { loadEvaluationInput } from './evaluation/load-evaluation-input.ts';
export { aggregateOldEvents, eventRetentionDays } from './events/aggregate-old-events.ts';
export {
  BEHAVIOUR_KINDS,
  type BehaviourEventInput,
  type BehaviourKind,
  type Interaction,
} from './events/behaviour-event.ts';
export { behaviourEventJobs } from './events/event-jobs.ts';
export { addFavourite, listFavourites, removeFavourite } from './events/favourites.ts';
export { behaviourEventRoutes } from './events/http/event-routes.ts';
export {
  ensureShopperKey,
  setShopperKeyCookie,
  shopperKeyOf,
} from './events/http/shopper-key-cookie.ts';
export { linkShopperKey } from './events/link-shopper-key.ts';
export { listInteractionsForTraining } from './events/list-interactions-for-training.ts';
export { recentSessionEvents, type SessionEvent } from './events/recent-session-events.ts';
export { recordBehaviourEvents, recordCustomerEvents } from './events/record-behaviour-events.ts';
export { purchaseEventConsumer, recordPurchaseEvents } from './events/record-purchase-events.ts';
export { type EventFailureLog, recordVisitorEvents } from './events/record-visitor-events.ts';
export { type EventConsent, setShopperConsent } from './events/shopper-consent.ts';
export { newShopperKey, parseShopperKey, SHOPPER_KEY_COOKIE } from './events/shopper-key.ts';
export {
  armFor,
  assignExperimentArm,
  type ExperimentAssignment,
} from './experiments/assign-experiment-arm.ts';
export { createExperiment } from './experiments/create-experiment.ts';
export {
  EXPERIMENT_STATUSES,
  EXPERIMENT_STRATEGIES,
  type Experiment,
  type ExperimentArm,
  type ExperimentStatus,
  type NewExperimentInput,
  newExperimentSchema,
} from './experiments/experiment.ts';
export {
  ADD_TO_CART_WINDOW_HOURS,
  type ArmResults,
  type ExperimentResults,
  experimentResults,
} from './experiments/experiment-results.ts';
export {
  type Difference,
  type Interval,
  newcombeDifference,
  type Proportion,
  wilsonInterval,
} from './experiments/experiment-statistics.ts';
export { experimentRoutes } from './experiments/http/experiment-routes.ts';
export { getExperiment, listExperiments } from './experiments/list-experiments.ts';
export { startExperiment } from './experiments/start-experiment.ts';
export { stopExperiment } from './experiments/stop-experiment.ts';
export { blendModels, type HybridRecommender } from './models/blend-models.ts';
export {
  buildInteractionInput,
  dropLastEvents,
  type InteractionInput,
  type ItemContent,
  inputFromSequences,
  type MappedInteractions,
  type RawInteraction,
} from './models/interaction-input.ts';
export { DEFAULT_KIND_WEIGHTS, interactionsToInput } from './models/interactions-to-input.ts';
export {
  type AssociationRule,
  mineAssociationRules,
  trainAssociationRules,
} from './models/mine-association-rules.ts';
export { loadLatestModel, pruneModelVersions, type StoredModel, saveModel } from './models/model-store.ts';
export { type NeighbourMatrix, neighboursOf } from './models/neighbour-matrix.ts';
export { type RecommendOptions, recommendItems, similarItems } from './models/recommend-items.ts';
export {
  historyOf,
  type ModelSnapshot,
  type Recommender,
  type ScoredItem,
  scoreItems,
  topK,
  type UserHistory,
} from './models/recommender.ts';
export { restoreModel } from './models/restore-model.ts';
export { trainContentSimilarity } from './models/train-content-similarity.ts';
export { trainItemKnn } from './models/train-item-knn.ts';
export { trainPopularity, trainTrending } from './models/train-popularity.ts';
export { type RecommenderParams, trainRecommenders } from './models/train-recommenders.ts';
export { trainTransitions } from './models/train-transitions.ts';
export { type TuningCase, tuneHybridWeights } from './models/tune-hybrid-weights.ts';
export {
  aggregateShopperInterests,
  type InterestGroup,
  MIN_GROUP_SHOPPERS,
  type ShopperInterestAggregate,
} from './profiles/aggregate-shopper-interests.ts';
export {
  type ChangeInterestInput,
  changeInterest,
  INTEREST_CHANGE_LIMIT,
} from './profiles/change-interest.ts';
export { getShopperProfile, type ShopperProfile } from './profiles/get-shopper-profile.ts';
export { interestRoutes } from './profiles/http/interest-routes.ts';
export {
  type Bilingual,
  FREQUENCY_SEGMENTS,
  type InterestEvidence,
  type InterestKind,
  type InterestRef,
  type InterestTag,
  interestRefSchema,
  PRICE_BANDS,
  RECENCY_SEGMENTS,
  REMOVABLE_KINDS,
  type RemovableKind,
  type RemovedInterest,
} from './profiles/interest-tags.ts';
export { listRemovedInterests } from './profiles/list-removed-interests.ts';
export { MAX_REMOVED_INTERESTS, removeInterest } from './profiles/remove-interest.ts';
export { removedInterestProductIds } from './profiles/removed-interest-product-ids.ts';
export { restoreInterest } from './profiles/restore-interest.ts';
export {
  getPlacement,
  PLACEMENTS,
  type Placement,
  type PlacementRequest,
  type PlacementResult,
  type RecommendationReason,
  type RecommendedItem,
} from './serving/get-placement.ts';
export { recommendationRoutes } from './serving/http/recommendation-routes.ts';
export { defaultModelCache, ModelCache, type ServingModel } from './serving/model-cache.ts';
export { recommendationJobs } from './serving/recommendation-jobs.ts';
export { type PlacementAsk, type ServedPlacement, servePlacement } from './serving/serve-placement.ts';
export {
  HYBRID_MODEL,
  type TrainingResult,
  trainRecommendationModels,
} from './serving/train-recommendation-models.ts';

/** What recommendations contributes to the shop: its tables, routes, jobs and outbox consumer. */
export const recommendationsModule: ModuleDefinition = {
  name: 'recommendations',
  migrations: migrationsBeside(import.meta.url),
  routes: [behaviourEventRoutes, recommendationRoutes, experimentRoutes, interestRoutes],
  jobs: [...behaviourEventJobs, ...recommendationJobs],
  consumers: [purchaseEventConsumer],
  personalData: recommendationsPersonalData,
};
