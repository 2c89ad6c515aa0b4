import type { ScopeIndicator } from '#libs/inspections';
import {
  type QualityModelTree,
  ROLLUP_METHOD_LABELS,
  type RollupRule,
  rollUp,
  type ScoredChild,
  trafficLight,
} from '#libs/quality-model';
import { TRAFFIC_LIGHTS } from './vocabulary.js';

/** A rolled-up score with the scale's word for it and its traffic light, ready to print. */
export interface Judgement {
  score: number;
  /** One decimal, Danish comma: "3,7". */
  scoreText: string;
  /** The label of the nearest scale level. */
  label: string;
  light: 'green' | 'yellow' | 'red';
  lightLabel: string;
  lightColour: string;
}

export interface ScoredStandard {
  code: string;
  title: string;
  purpose: string;
  judgement: Judgement | null;
  criteria: { code: string; text: string; judgement: Judgement | null; indicatorIds: string[] }[];
  /** Indicators directly under the standard (models without criteria). */
  indicatorIds: string[];
}

export interface ScoredModel {
  overall: Judgement | null;
  standards: ScoredStandard[];
  /** How the scores were formed, in words, for the report's method section. */
  rollupNote: string;
}

type Answered = Pick<ScopeIndicator, 'id'> & { answer: { assessment: string; rating: number | null } | null };

const oneDecimal = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The score with the label of the nearest scale level and its traffic light; null stays null (nothing rated). */
export function judge(
  model: { scale: { levels: { value: number; label: string }[] }; trafficLight: QualityModelTree['trafficLight'] },
  score: number | null,
): Judgement | null {
  if (score === null) return null;
  const nearest = model.scale.levels.reduce((best, l) =>
    Math.abs(l.value - score) < Math.abs(best.value - score) ? l : best,
  );
  const light = trafficLight(model.trafficLight, score);
  return {
    score,
    scoreText: oneDecimal.format(score),
    label: nearest.label,
    light,
    lightLabel: TRAFFIC_LIGHTS[light].label,
    lightColour: TRAFFIC_LIGHTS[light].colour,
  };
}

const describe = (rule: RollupRule) => ROLLUP_METHOD_LABELS[rule.method].toLowerCase();

/**
 * Rolls a visit's ratings up the visit's model version by its own rules: indicators → criteria →
 * standard (or indicators → standard) → overall. Only indicators in the visit's scope count;
 * "ikke relevant" and "ikke vurderet" are left out, and a level with nothing rated has no score.
 */
export function scoreModel(model: QualityModelTree, inScope: Answered[]): ScoredModel {
  const answers = new Map(inScope.map((i) => [i.id, i.answer]));
  const scoreOf = (id: string) => {
    const a = answers.get(id);
    return a?.assessment === 'rated' ? a.rating : null;
  };
  const children = (indicators: { id: string; weight: number }[]): ScoredChild[] =>
    indicators.filter((i) => answers.has(i.id)).map((i) => ({ score: scoreOf(i.id), weight: i.weight }));

  const standards = model.standards
    .map((s) => {
      const criteria = s.criteria
        .map((c) => {
          const score = rollUp(model.rollup.criterion, children(c.indicators));
          return {
            code: c.code,
            text: c.text,
            weight: c.weight,
            score,
            indicatorIds: c.indicators.filter((i) => answers.has(i.id)).map((i) => i.id),
          };
        })
        .filter((c) => c.indicatorIds.length);
      const direct = s.indicators.filter((i) => answers.has(i.id));
      const score = s.criteria.length
        ? rollUp(
            model.rollup.standard,
            criteria.map((c) => ({ score: c.score, weight: c.weight })),
          )
        : rollUp(model.rollup.standard, children(direct));
      return {
        code: s.code,
        title: s.title,
        purpose: s.purpose,
        weight: s.weight,
        score,
        criteria: criteria.map((c) => ({
          code: c.code,
          text: c.text,
          judgement: judge(model, c.score),
          indicatorIds: c.indicatorIds,
        })),
        indicatorIds: direct.map((i) => i.id),
      };
    })
    .filter((s) => s.criteria.length || s.indicatorIds.length);

  const overall = rollUp(
    model.rollup.overall,
    standards.map((s) => ({ score: s.score, weight: s.weight })),
  );
  const label = model.standardLabel.toLowerCase();
  const hasCriteria = model.standards.some((s) => s.criteria.length);
  return {
    overall: judge(model, overall),
    standards: standards.map(({ score, weight: _w, ...s }) => ({ ...s, judgement: judge(model, score) })),
    rollupNote: [
      hasCriteria ? `Score pr. kriterium: ${describe(model.rollup.criterion)} af indikatorernes scorer.` : '',
      `Score pr. ${label}: ${describe(model.rollup.standard)} af ${hasCriteria ? 'kriteriernes' : 'indikatorernes'} scorer.`,
      `Samlet score: ${describe(model.rollup.overall)} af ${label}-scorerne.`,
      'Indikatorer, der ikke er relevante eller ikke er vurderet, tæller ikke med.',
    ]
      .filter(Boolean)
      .join(' '),
  };
}
