import type { Answer, Answers } from './survey-answers.js';
import {
  CHOICE_LABELS,
  MIN_RESPONDENTS,
  type QuestionKind,
  RESPONSE_MODE_LABELS,
  type ResponseMode,
} from './vocabulary.js';

/** A question as a round froze it, with its indicators resolved in the round's model version. */
export interface RoundQuestion {
  code: string;
  kind: QuestionKind;
  text: string;
  help: string;
  indicators: { id: string; code: string }[];
}

/** One anonymous submission: how it came in, which unit (if the letters named one), the answers. */
export interface ResponseRow {
  mode: ResponseMode;
  unit: string | null;
  answers: Answers;
}

/** The lowest and highest value of the quality model's scale, for normalising means. */
export interface ModelRange {
  min: number;
  max: number;
}

export interface OptionCount {
  value: string;
  label: string;
  count: number;
  share: number;
}

export interface QuestionResult {
  code: string;
  kind: QuestionKind;
  text: string;
  /** Respondents who answered the question (any option, or a text); null when hidden. */
  n: number | null;
  suppressed: boolean;
  options: OptionCount[];
  /** Mean of the smileys 1–5 ("ved ikke" left out). */
  mean: number | null;
  /** Share of "ja" among ja/nej answers. */
  yesShare: number | null;
  /** Free text, alphabetically, so the order says nothing about who answered when. */
  texts: string[];
}

export interface IndicatorResult {
  id: string;
  code: string;
  questions: string[];
  n: number | null;
  suppressed: boolean;
  /** On the survey's own 1–5 scale. */
  mean: number | null;
  /** Mapped linearly onto the model's scale (see toModelScale). */
  score: number | null;
}

export interface BreakdownCell {
  n: number | null;
  suppressed: boolean;
  mean: number | null;
}

export interface Breakdown {
  dimension: 'mode' | 'unit';
  title: string;
  categories: { key: string; label: string; n: number | null; suppressed: boolean }[];
  rows: { code: string; text: string; cells: BreakdownCell[] }[];
}

export interface SurveyResults {
  respondents: number;
  /** Whether the round as a whole reached MIN_RESPONDENTS; below that nothing but the count is shown. */
  shown: boolean;
  questions: QuestionResult[];
  indicators: IndicatorResult[];
  breakdowns: Breakdown[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Where an answer lands on the 1–5 survey scale for indicator means: a smiley counts as itself; for
 * a yes/no question "ja" counts as 5 and "nej" as 1 (questions are worded so that "ja" is the good
 * answer); "ved ikke" and free text do not count.
 */
export function surveyValue(a: Answer | undefined): number | null {
  if (!a) return null;
  if (a.score !== undefined) return a.score;
  if (a.choice === 'yes') return 5;
  if (a.choice === 'no') return 1;
  return null;
}

/**
 * The survey scale 1–5 mapped linearly onto the model's scale, so survey means can sit beside
 * inspection scores later: 1 → the model's lowest value, 5 → its highest, 3 → the middle. For
 * socialtilsyn (1–5) the value is unchanged; for a 1–3 model, 1 → 1, 3 → 2, 5 → 3.
 */
export const toModelScale = (surveyMean: number, range: ModelRange) =>
  range.min + ((surveyMean - 1) / 4) * (range.max - range.min);

/**
 * Which cells of one breakdown column to hide: every cell under MIN_RESPONDENTS, and then the
 * smallest visible ones until the hidden cells together cover at least MIN_RESPONDENTS, since
 * subtracting the visible cells from the total would otherwise reveal the hidden ones as a group.
 */
export function protectCells(ns: number[]): boolean[] {
  const hidden = ns.map((n) => n > 0 && n < MIN_RESPONDENTS);
  const hiddenTotal = () => ns.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0);
  while (hiddenTotal() > 0 && hiddenTotal() < MIN_RESPONDENTS) {
    const visible = ns.map((n, i) => ({ n, i })).filter(({ n, i }) => n > 0 && !hidden[i]);
    if (!visible.length) break;
    hidden[visible.reduce((a, b) => (b.n < a.n ? b : a)).i] = true;
  }
  return hidden;
}

function questionResult(q: RoundQuestion, rows: ResponseRow[], scaleLabels: string[]): QuestionResult {
  const answers = rows.map((r) => r.answers[q.code]).filter((a): a is Answer => a !== undefined);
  const n = answers.length;
  const suppressed = n < MIN_RESPONDENTS;
  const base = {
    code: q.code,
    kind: q.kind,
    text: q.text,
    n: suppressed ? null : n,
    suppressed,
    options: [],
    mean: null,
    yesShare: null,
    texts: [],
  };
  if (suppressed) return base;
  const count = (pred: (a: Answer) => boolean) => answers.filter(pred).length;
  const option = (value: string, label: string, c: number): OptionCount => ({
    value,
    label,
    count: c,
    share: round(c / n, 4),
  });
  const dontKnow = option(
    'dont_know',
    CHOICE_LABELS.dont_know,
    count((a) => a.choice === 'dont_know'),
  );
  if (q.kind === 'text')
    return { ...base, texts: answers.map((a) => a.text!).sort((a, b) => a.localeCompare(b, 'da')) };
  if (q.kind === 'yes_no') {
    const yes = count((a) => a.choice === 'yes');
    const no = count((a) => a.choice === 'no');
    return {
      ...base,
      options: [option('yes', CHOICE_LABELS.yes, yes), option('no', CHOICE_LABELS.no, no), dontKnow],
      yesShare: yes + no ? round(yes / (yes + no), 4) : null,
    };
  }
  const scores = answers.flatMap((a) => (a.score !== undefined ? [a.score] : []));
  const m = mean(scores);
  return {
    ...base,
    options: [
      ...[1, 2, 3, 4, 5].map((s) =>
        option(
          String(s),
          scaleLabels[s - 1],
          count((a) => a.score === s),
        ),
      ),
      dontKnow,
    ],
    mean: m === null ? null : round(m),
  };
}

function indicatorResults(questions: RoundQuestion[], rows: ResponseRow[], range: ModelRange): IndicatorResult[] {
  const byIndicator = new Map<string, { code: string; questions: RoundQuestion[] }>();
  for (const q of questions) {
    for (const i of q.indicators) {
      const entry = byIndicator.get(i.id) ?? { code: i.code, questions: [] };
      entry.questions.push(q);
      byIndicator.set(i.id, entry);
    }
  }
  return [...byIndicator.entries()].map(([id, { code, questions: qs }]) => {
    const values: number[] = [];
    let n = 0;
    for (const r of rows) {
      const own = qs.map((q) => surveyValue(r.answers[q.code])).filter((v): v is number => v !== null);
      if (own.length) n++;
      values.push(...own);
    }
    const suppressed = n < MIN_RESPONDENTS;
    const m = suppressed ? null : mean(values);
    return {
      id,
      code,
      questions: qs.map((q) => q.code),
      n: suppressed ? null : n,
      suppressed,
      mean: m === null ? null : round(m),
      score: m === null ? null : round(toModelScale(m, range)),
    };
  });
}

function breakdown(
  dimension: Breakdown['dimension'],
  title: string,
  keyOf: (r: ResponseRow) => string,
  labelOf: (key: string) => string,
  questions: RoundQuestion[],
  rows: ResponseRow[],
): Breakdown {
  const keys = [...new Set(rows.map(keyOf))].sort((a, b) => labelOf(a).localeCompare(labelOf(b), 'da'));
  const groups = keys.map((k) => rows.filter((r) => keyOf(r) === k));
  const countHidden = protectCells(groups.map((g) => g.length));
  const scaleQuestions = questions.filter((q) => q.kind === 'scale');
  return {
    dimension,
    title,
    categories: keys.map((k, i) => ({
      key: k,
      label: labelOf(k),
      n: countHidden[i] ? null : groups[i].length,
      suppressed: countHidden[i],
    })),
    rows: scaleQuestions.map((q) => {
      const scores = groups.map((g) =>
        g.flatMap((r) => (r.answers[q.code]?.score !== undefined ? [r.answers[q.code].score!] : [])),
      );
      const hidden = protectCells(scores.map((s) => s.length)).map((h, i) => h || countHidden[i]);
      return {
        code: q.code,
        text: q.text,
        cells: scores.map((s, i) => {
          const m = mean(s);
          return hidden[i] || m === null
            ? { n: null, suppressed: hidden[i], mean: null }
            : { n: s.length, suppressed: false, mean: round(m) };
        }),
      };
    }),
  };
}

/**
 * Results of a set of anonymous responses. Anything computed from answers is hidden below
 * MIN_RESPONDENTS: the round as a whole, each question, each indicator, each breakdown cell, and
 * free text (shown only when at least that many wrote some).
 */
export function surveyResults(
  questions: RoundQuestion[],
  scaleLabels: string[],
  rows: ResponseRow[],
  range: ModelRange,
): SurveyResults {
  const shown = rows.length >= MIN_RESPONDENTS;
  if (!shown) return { respondents: rows.length, shown, questions: [], indicators: [], breakdowns: [] };
  const breakdowns = [
    breakdown(
      'mode',
      'Svarform',
      (r) => r.mode,
      (k) => RESPONSE_MODE_LABELS[k as ResponseMode],
      questions,
      rows,
    ),
  ];
  if (rows.some((r) => r.unit))
    breakdowns.push(
      breakdown(
        'unit',
        'Afdeling',
        (r) => r.unit ?? '',
        (k) => k || 'Uden afdeling',
        questions,
        rows,
      ),
    );
  return {
    respondents: rows.length,
    shown,
    questions: questions.map((q) => questionResult(q, rows, scaleLabels)),
    indicators: indicatorResults(questions, rows, range),
    breakdowns: breakdowns.filter((b) => b.categories.length > 1),
  };
}

/**
 * Answers pooled over several rounds (the region), keeping only answers to questions their own
 * round has at least MIN_RESPONDENTS answers to: subtracting one facility's figures from the pool
 * must never reveal a smaller group.
 */
export function pooledAnswers(rows: (ResponseRow & { roundId: string })[]): ResponseRow[] {
  const counts = new Map<string, number>();
  for (const r of rows)
    for (const code of Object.keys(r.answers))
      counts.set(`${r.roundId} ${code}`, (counts.get(`${r.roundId} ${code}`) ?? 0) + 1);
  return rows.map(({ roundId, ...r }) => ({
    ...r,
    answers: Object.fromEntries(
      Object.entries(r.answers).filter(([code]) => counts.get(`${roundId} ${code}`)! >= MIN_RESPONDENTS),
    ),
  }));
}

/** Figures fit to compare with: no free text and no breakdowns, which belong to their own round's page. */
export const comparable = (r: SurveyResults): SurveyResults => ({
  ...r,
  questions: r.questions.map((q) => ({ ...q, texts: [] })),
  breakdowns: [],
});
