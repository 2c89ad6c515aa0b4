import type { ScopeIndicator } from '#libs/inspections';
import {
  type Judgement,
  judge,
  type QualityModelTree,
  ROLLUP_METHOD_LABELS,
  type RollupRule,
  rollUp,
  type ScoredChild,
} from '#libs/quality-model';

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
