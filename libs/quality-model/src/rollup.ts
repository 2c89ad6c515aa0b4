import type { RollupRule } from './catalogue-format.js';

/** A child's score (null: "ikke relevant" or "ikke vurderet", left out) and its weight. */
export interface ScoredChild {
  score: number | null;
  weight: number;
}

const mean = (xs: ScoredChild[]) => xs.reduce((s, c) => s + c.score!, 0) / xs.length;
const weighted = (xs: ScoredChild[]) =>
  xs.reduce((s, c) => s + c.score! * c.weight, 0) / xs.reduce((s, c) => s + c.weight, 0);

/** A level's score from its children under the model's rule; null when no child has a score. */
export function rollUp(rule: RollupRule, children: ScoredChild[]): number | null {
  const scored = children.filter((c) => c.score !== null);
  if (!scored.length) return null;
  const lowest = Math.min(...scored.map((c) => c.score!));
  switch (rule.method) {
    case 'mean':
      return mean(scored);
    case 'minimum':
      return lowest;
    case 'weighted':
      return weighted(scored);
    case 'capped': {
      let score = rule.base === 'weighted' ? weighted(scored) : mean(scored);
      if (rule.maxAboveMinimum !== undefined) score = Math.min(score, lowest + rule.maxAboveMinimum);
      if (rule.cap && lowest <= rule.cap.whenAnyAtOrBelow) score = Math.min(score, rule.cap.max);
      return score;
    }
  }
}
