import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatDecimal } from '../../libs/core/src/danish-format.js';
import type { RollupRule } from '../../libs/quality-model/src/catalogue-format.js';
import {
  type IndicatorEvidence,
  indicatorScore,
  type ScoringModel,
  scorePeriod,
} from '../../libs/scoring/src/score-engine.js';

const SCALE = [1, 2, 3, 4, 5];
const rating = fc.constantFrom(...SCALE);
const surveyScore = fc.double({ min: 1, max: 5, noNaN: true });
const weight = fc.integer({ min: 1, max: 4 });
const monotoneRule: fc.Arbitrary<RollupRule> = fc.oneof(
  fc.constant<RollupRule>({ method: 'mean' }),
  fc.constant<RollupRule>({ method: 'minimum' }),
  fc.constant<RollupRule>({ method: 'weighted' }),
  fc.record({
    method: fc.constant('capped' as const),
    base: fc.constantFrom('mean' as const, 'weighted' as const),
    maxAboveMinimum: fc.constantFrom(1, 2),
    cap: fc.constant({ whenAnyAtOrBelow: 1, max: 2 }),
  }),
);

let ids = 0;
const id = () => `n${++ids}`;
const indicatorsArb = fc
  .array(weight, { minLength: 1, maxLength: 4 })
  .map((ws) => ws.map((w) => ({ id: id(), weight: w })));
/** A small model tree: each standard holds either criteria or indicators, as the catalogue allows. */
const modelArb: fc.Arbitrary<ScoringModel> = fc
  .record({
    rollup: fc.record({ criterion: monotoneRule, standard: monotoneRule, overall: monotoneRule }),
    standards: fc.array(
      fc.record({
        weight,
        criteria: fc.array(fc.record({ weight, indicators: indicatorsArb }), { maxLength: 3 }),
        indicators: indicatorsArb,
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ rollup, standards }) => ({
    id: id(),
    rollup,
    trafficLight: { green: 4, yellow: 3 },
    standards: standards.map((s) => ({
      id: id(),
      weight: s.weight,
      criteria: s.criteria.map((c) => ({ id: id(), weight: c.weight, indicators: c.indicators })),
      indicators: s.criteria.length ? [] : s.indicators,
    })),
  })) as unknown as fc.Arbitrary<ScoringModel>;

const allIndicators = (m: ScoringModel) =>
  m.standards.flatMap((s) => [...s.indicators, ...s.criteria.flatMap((c) => c.indicators)]);
const evidenceArb = fc.record({
  visitRatings: fc.array(rating, { maxLength: 3 }),
  surveyScores: fc.array(surveyScore, { maxLength: 2 }),
});
/** A model with evidence for some of its indicators. */
const scenario = modelArb.chain((model) =>
  fc
    .tuple(
      fc.constant(model),
      fc.array(fc.option(evidenceArb, { nil: undefined }), {
        minLength: allIndicators(model).length,
        maxLength: allIndicators(model).length,
      }),
    )
    .map(([m, es]) => ({
      model: m,
      evidence: new Map(
        allIndicators(m).flatMap((i, n) => (es[n] ? [[i.id, es[n]] as [string, IndicatorEvidence]] : [])),
      ),
    })),
);
const overallOf = (m: ScoringModel, e: Map<string, IndicatorEvidence>) =>
  scorePeriod(m, e).find((n) => n.level === 'overall')?.score ?? null;

describe('score engine', () => {
  it('keeps every score on the scale and gives each the traffic light of its shown value', () => {
    fc.assert(
      fc.property(scenario, ({ model, evidence }) => {
        for (const n of scorePeriod(model, evidence)) {
          expect(n.score).toBeGreaterThanOrEqual(1 - 1e-9);
          expect(n.score).toBeLessThanOrEqual(5 + 1e-9);
          const shown = Number(formatDecimal(n.score).replace(',', '.'));
          expect(n.light).toBe(shown >= 4 ? 'green' : shown >= 3 ? 'yellow' : 'red');
        }
      }),
    );
  });

  it('scores a level only when something below it was rated, and the whole only when anything was', () => {
    fc.assert(
      fc.property(scenario, ({ model, evidence }) => {
        const rated = [...evidence.values()].some((e) => e.visitRatings.length || e.surveyScores.length);
        expect(overallOf(model, evidence) !== null).toBe(rated);
        const scored = new Set(scorePeriod(model, evidence).map((n) => n.nodeId));
        for (const i of allIndicators(model))
          expect(scored.has(i.id)).toBe(
            Boolean(evidence.get(i.id)?.visitRatings.length || evidence.get(i.id)?.surveyScores.length),
          );
      }),
    );
  });

  it('does not depend on the order ratings came in', () => {
    fc.assert(
      fc.property(scenario, ({ model, evidence }) => {
        const reversed = new Map(
          [...evidence]
            .reverse()
            .map(([k, e]) => [
              k,
              { visitRatings: [...e.visitRatings].reverse(), surveyScores: [...e.surveyScores].reverse() },
            ]),
        );
        const a = scorePeriod(model, evidence);
        const b = scorePeriod(model, reversed);
        expect(new Map(b.map((n) => [n.nodeId, n.score]))).toEqual(
          new Map(a.map((n) => [n.nodeId, expect.closeTo(n.score, 9)])),
        );
      }),
    );
  });

  it('never lowers the overall score when one visit rating goes up (every shipped rule is monotone)', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ model, evidence }, pick) => {
        const rated = [...evidence].filter(([, e]) => e.visitRatings.some((r) => r < 5));
        fc.pre(rated.length > 0);
        const [key, e] = rated[pick % rated.length];
        const at = e.visitRatings.findIndex((r) => r < 5);
        const better = new Map(evidence).set(key, {
          ...e,
          visitRatings: e.visitRatings.map((r, i) => (i === at ? r + 1 : r)),
        });
        expect(overallOf(model, better)!).toBeGreaterThanOrEqual(overallOf(model, evidence)! - 1e-9);
      }),
    );
  });

  it('under "minimum" everywhere, the overall score is the lowest indicator score', () => {
    const minimum = modelArb.map(
      (m) =>
        ({
          ...m,
          rollup: { criterion: { method: 'minimum' }, standard: { method: 'minimum' }, overall: { method: 'minimum' } },
        }) as ScoringModel,
    );
    fc.assert(
      fc.property(minimum, fc.array(rating, { minLength: 1, maxLength: 30 }), (model, ratings) => {
        const evidence = new Map(
          allIndicators(model).map((i, n) => [i.id, { visitRatings: [ratings[n % ratings.length]], surveyScores: [] }]),
        );
        expect(overallOf(model, evidence)).toBe(
          Math.min(...allIndicators(model).map((_, n) => ratings[n % ratings.length])),
        );
      }),
    );
  });

  it('combines visit and survey by the model rule: their mean, or the lower of the two under "minimum"', () => {
    const e = { visitRatings: [4, 5], surveyScores: [3] };
    expect(
      indicatorScore(
        { rollup: { criterion: { method: 'mean' }, standard: { method: 'mean' }, overall: { method: 'mean' } } },
        e,
      ),
    ).toEqual({ score: 3.75, visitScore: 4.5, surveyScore: 3 });
    expect(
      indicatorScore(
        { rollup: { criterion: { method: 'minimum' }, standard: { method: 'mean' }, overall: { method: 'mean' } } },
        e,
      ).score,
    ).toBe(3);
    expect(
      indicatorScore(
        { rollup: { criterion: { method: 'mean' }, standard: { method: 'mean' }, overall: { method: 'mean' } } },
        { visitRatings: [2], surveyScores: [] },
      ).score,
    ).toBe(2);
  });
});
