/**
 * The hybrid: a weighted sum of its components' scores, each divided by its maximum for this
 * user so no model dominates by scale. With no personal signal (empty history, or items no model
 * knows) it answers with its non-personal fallback (trending, else popularity).
 */
import type { ModelSnapshot, PackedArray, Recommender, UserHistory } from './recommender.ts';

const NON_PERSONAL = new Set(['popularity', 'trending']);

/** A hybrid and the components it blends. */
export interface HybridRecommender extends Recommender {
  readonly components: readonly Recommender[];
  readonly weights: readonly number[];
}

/** Blends trained components with the given weights (same order). */
export function blendModels(
  components: readonly Recommender[],
  weights: readonly number[],
): HybridRecommender {
  if (components.length === 0 || components.length !== weights.length) {
    throw new Error('a hybrid needs one weight per component');
  }
  const itemCount = components[0]!.itemCount;
  const buffer = new Float32Array(itemCount);
  const fallback =
    components.find((c) => c.kind === 'trending') ?? components.find((c) => c.kind === 'popularity');
  return {
    kind: 'hybrid',
    itemCount,
    components,
    weights,
    scoreInto(history: UserHistory, out: Float32Array): void {
      out.fill(0);
      let personal = false;
      components.forEach((component, c) => {
        const weight = weights[c]!;
        if (weight === 0) return;
        component.scoreInto(history, buffer);
        const max = maxOf(buffer);
        if (max <= 0) return;
        if (!NON_PERSONAL.has(component.kind)) personal = true;
        const scale = weight / max;
        for (let i = 0; i < itemCount; i++) out[i]! += scale * buffer[i]!;
      });
      if (!personal && fallback) fallback.scoreInto(history, out);
    },
    snapshot(): ModelSnapshot {
      const arrays: Record<string, PackedArray> = {};
      const parts = components.map((component, c) => {
        const snapshot = component.snapshot();
        for (const [name, array] of Object.entries(snapshot.arrays)) arrays[`${c}.${name}`] = array;
        return { kind: snapshot.kind, params: snapshot.params, arrays: Object.keys(snapshot.arrays) };
      });
      return { kind: 'hybrid', params: { weights: [...weights], components: parts }, arrays };
    },
  };
}

/** Largest value of a score vector (0 when empty). */
export function maxOf(scores: Float32Array): number {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
  return max;
}
