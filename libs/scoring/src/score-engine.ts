import {
  type QualityModelTree,
  rollUp,
  type ScoredChild,
  type TrafficLightColour,
  trafficLight,
} from '#libs/quality-model';

/** The model parts scoring needs: its rules and its tree (ids and weights). */
export type ScoringModel = Pick<QualityModelTree, 'id' | 'rollup' | 'trafficLight' | 'standards'>;

/**
 * What is known about one indicator in one period: the ratings of published visits ("rated" answers
 * only) and survey results already normalised to the model's scale (surveys' toModelScale).
 */
export interface IndicatorEvidence {
  visitRatings: number[];
  surveyScores: number[];
}

export type ScoreLevel = 'indicator' | 'criterion' | 'standard' | 'overall';

/** One scored node; the overall score uses the model version's id as its node id. */
export interface NodeScore {
  nodeId: string;
  level: ScoreLevel;
  score: number;
  light: TrafficLightColour;
  /** Indicators only: the two sources before they were combined. */
  visitScore: number | null;
  surveyScore: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * An indicator's score from its two sources. The catalogue format has no separate rule for sources,
 * so visits and surveys are combined as two equally weighted children under the model's rule for its
 * lowest level (the criterion rule): a "minimum" model lets a poor survey pull the indicator down.
 */
export function indicatorScore(
  model: Pick<ScoringModel, 'rollup'>,
  evidence: IndicatorEvidence,
): { score: number | null; visitScore: number | null; surveyScore: number | null } {
  const visitScore = mean(evidence.visitRatings);
  const surveyScore = mean(evidence.surveyScores);
  return {
    score: rollUp(model.rollup.criterion, [
      { score: visitScore, weight: 1 },
      { score: surveyScore, weight: 1 },
    ]),
    visitScore,
    surveyScore,
  };
}

/**
 * Every scored node of one facility in one period, rolled up the model's levels by its own rules:
 * indicator → criterion → standard/theme (or indicator → standard) → overall. Nodes without any
 * evidence below them are left out, as "ikke relevant"/"ikke vurderet" answers are.
 */
export function scorePeriod(model: ScoringModel, evidence: ReadonlyMap<string, IndicatorEvidence>): NodeScore[] {
  const out: NodeScore[] = [];
  const push = (
    nodeId: string,
    level: ScoreLevel,
    score: number | null,
    sources = { visitScore: null as number | null, surveyScore: null as number | null },
  ) => {
    if (score !== null) out.push({ nodeId, level, score, light: trafficLight(model.trafficLight, score), ...sources });
    return score;
  };
  const indicators = (list: { id: string; weight: number }[]): ScoredChild[] =>
    list.map((i) => {
      const e = evidence.get(i.id);
      if (!e) return { score: null, weight: i.weight };
      const { score, ...sources } = indicatorScore(model, e);
      return { score: push(i.id, 'indicator', score, sources), weight: i.weight };
    });
  const standards = model.standards.map((s) => {
    const children = s.criteria.length
      ? s.criteria.map((c) => ({
          score: push(c.id, 'criterion', rollUp(model.rollup.criterion, indicators(c.indicators))),
          weight: c.weight,
        }))
      : indicators(s.indicators);
    return { score: push(s.id, 'standard', rollUp(model.rollup.standard, children)), weight: s.weight };
  });
  push(model.id, 'overall', rollUp(model.rollup.overall, standards));
  return out;
}

/** The scoring period of a dated piece of evidence: its calendar year. */
export const periodOf = (isoDate: string) => Number(isoDate.slice(0, 4));
