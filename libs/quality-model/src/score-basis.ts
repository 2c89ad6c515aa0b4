import { countOf, formatDate, formatDecimal } from '#libs/core';
import type { Scale, TrafficLight } from './catalogue-format.js';
import { type Judgement, judge } from './judgement.js';

/**
 * One facility's scores for one model version and period, as the score engine (libs/scoring)
 * computed and stored them, with the evidence they rest on. The dashboard and the tilsyn report
 * both read this, so they cannot disagree.
 */
export interface ScoreBasis {
  facilityId: string;
  modelVersionId: string;
  period: number;
  /** Score by node id (indicators, criteria, standards; the model version's id for the overall score). */
  scores: Map<string, number>;
  sources: ScoreSources;
}

/** The published visits and closed surveys behind a period's scores. */
export interface ScoreSources {
  visits: { id: string; date: string; kindLabel: string }[];
  /** Closed rounds; only indicators answered by at least 5 count (and are listed). */
  surveys: {
    id: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    respondents: number;
    indicators: { id: string; code: string; text: string; respondents: number; mean: number; score: number }[];
  }[];
}

type Node = { id: string; code: string };
type Tree = {
  id: string;
  scale: Pick<Scale, 'levels'>;
  trafficLight: TrafficLight;
  standards: (Node & {
    title: string;
    criteria: (Node & { text: string; indicators: (Node & { text: string })[] })[];
    indicators: (Node & { text: string })[];
  })[];
};

export interface JudgedIndicator {
  id: string;
  code: string;
  text: string;
  judgement: Judgement | null;
}

export interface JudgedStandard {
  id: string;
  code: string;
  title: string;
  judgement: Judgement | null;
  criteria: { id: string; code: string; text: string; judgement: Judgement | null; indicators: JudgedIndicator[] }[];
  indicators: JudgedIndicator[];
}

export interface JudgedScores {
  overall: Judgement | null;
  /** Standards/themes with a score, each with its scored criteria and indicators, in the model's order. */
  standards: JudgedStandard[];
  /** Indicators judged red, in the model's order: what a reader should see first. */
  red: (JudgedIndicator & { standardCode: string })[];
}

/** A period's scores judged through the one judgement, laid out along the model's tree (unscored nodes left out). */
export function judgeScores(model: Tree, scores: ReadonlyMap<string, number>): JudgedScores {
  const j = (id: string) => judge(model, scores.get(id) ?? null);
  const indicators = (list: (Node & { text: string })[]) =>
    list.filter((i) => scores.has(i.id)).map((i) => ({ id: i.id, code: i.code, text: i.text, judgement: j(i.id) }));
  const standards = model.standards
    .filter((s) => scores.has(s.id))
    .map((s) => ({
      id: s.id,
      code: s.code,
      title: s.title,
      judgement: j(s.id),
      criteria: s.criteria
        .filter((c) => scores.has(c.id))
        .map((c) => ({
          id: c.id,
          code: c.code,
          text: c.text,
          judgement: j(c.id),
          indicators: indicators(c.indicators),
        })),
      indicators: indicators(s.indicators),
    }));
  const red = standards.flatMap((s) =>
    [...s.criteria.flatMap((c) => c.indicators), ...s.indicators]
      .filter((i) => i.judgement?.light === 'red')
      .map((i) => ({ ...i, standardCode: s.code })),
  );
  return { overall: j(model.id), standards, red };
}

/** The sources in words, one line each, as the dashboard and the report state them. */
export function sourceLines(sources: ScoreSources): string[] {
  return [
    ...sources.visits.map((v) => `${v.kindLabel} tilsynsbesøg ${formatDate(v.date)}`),
    ...sources.surveys.map(
      (s) =>
        `Tilfredshedsundersøgelse: ${s.title}, ${formatDate(s.periodStart)} – ${formatDate(s.periodEnd)}, ${countOf(s.respondents, 'besvarelse', 'besvarelser')}`,
    ),
  ];
}

/** A survey's results that count in the scores, as printed: respondents, mean on the survey's scale, score on the model's. */
export const surveyRows = (s: ScoreSources['surveys'][number]) =>
  s.indicators.map((i) => ({ ...i, meanText: formatDecimal(i.mean), scoreText: formatDecimal(i.score) }));
