/** The recommendations module's public surface. */

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
export {
  type ExportedBehaviourEvent,
  exportShopperBehaviour,
  forgetShopper,
} from './events/forget-shopper.ts';
export { behaviourEventRoutes } from './events/http/event-routes.ts';
export { linkShopperKey } from './events/link-shopper-key.ts';
export { listInteractionsForTraining } from './events/list-interactions-for-training.ts';
export { recentSessionEvents, type SessionEvent } from './events/recent-session-events.ts';
export { recordBehaviourEvents, recordCustomerEvents } from './events/record-behaviour-events.ts';
export { recordPurchaseEvents } from './events/record-purchase-events.ts';
export { recordVisitorEvents } from './events/record-visitor-events.ts';
export { type EventConsent, setShopperConsent } from './events/shopper-consent.ts';
export {
  ensureShopperKey,
  newShopperKey,
  SHOPPER_KEY_COOKIE,
  setShopperKeyCookie,
  shopperKeyOf,
} from './events/shopper-key.ts';
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
export {
  HYBRID_MODEL,
  type TrainingResult,
  trainRecommendationModels,
} from './serving/train-recommendation-models.ts';
