/**
 * Rebuilds a trained model from its snapshot, whatever its kind (including a hybrid and its
 * components), so models loaded from PostgreSQL score exactly as when they were trained.
 */
import { blendModels } from './blend-models.ts';
import { restoreNeighbourRecommender } from './neighbour-matrix.ts';
import type { ModelSnapshot, PackedArray, Recommender } from './recommender.ts';
import { vectorRecommender } from './train-popularity.ts';

const NEIGHBOUR_KINDS = new Set(['item-knn', 'transitions', 'content', 'association-rules']);

interface HybridPart {
  kind: string;
  params: Record<string, unknown>;
  arrays: string[];
}

/** The model a snapshot describes; throws on an unknown kind. */
export function restoreModel(snapshot: ModelSnapshot): Recommender {
  if (snapshot.kind === 'popularity' || snapshot.kind === 'trending') {
    return vectorRecommender(snapshot.kind, snapshot.arrays.scores as Float32Array, snapshot.params);
  }
  if (NEIGHBOUR_KINDS.has(snapshot.kind)) return restoreNeighbourRecommender(snapshot);
  if (snapshot.kind === 'hybrid') {
    const params = snapshot.params as { weights: number[]; components: HybridPart[] };
    const components = params.components.map((part, c) => {
      const arrays: Record<string, PackedArray> = {};
      for (const name of part.arrays) arrays[name] = snapshot.arrays[`${c}.${name}`]!;
      return restoreModel({ kind: part.kind, params: part.params, arrays });
    });
    return blendModels(components, params.weights);
  }
  throw new Error(`unknown model kind: ${snapshot.kind}`);
}
