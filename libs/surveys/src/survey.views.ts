import type { FieldError } from '#libs/core';
import { formatDecimal } from '#libs/core';
import { type Answers, fieldOf, rawValue } from './survey-answers.js';
import type { QuestionResult, SurveyResults } from './survey-results.js';
import type { RoundResults } from './survey-results.service.js';
import { CHOICE_LABELS, CHOICES, MIN_RESPONDENTS } from './vocabulary.js';

/** Mouths of the five smileys (1 = sad … 5 = happy), drawn in templates/partials/survey-smiley.hbs. */
const MOUTHS = [
  'M12 30 Q20 21 28 30',
  'M12 29 Q20 25 28 29',
  'M12 27 L28 27',
  'M12 25 Q20 29 28 25',
  'M11 23 Q20 33 29 23',
];

/** The questions of the answer page with the answers given so far and any errors. */
export function questionViews(
  questions: { code: string; kind: string; text: string; help: string }[],
  scale: string[],
  answers: Record<string, string>,
  errors: FieldError[] = [],
) {
  return questions.map((q, i) => {
    const field = fieldOf(q.code);
    const value = answers[q.code] ?? '';
    const option = (v: string, label: string, mouth?: string) => ({
      id: `${field}-${v}`,
      value: v,
      label,
      mouth,
      checked: value === v,
    });
    const options =
      q.kind === 'scale'
        ? [
            ...scale.map((label, s) => option(String(s + 1), label, MOUTHS[s])),
            option('dont_know', `${CHOICE_LABELS.dont_know} / vil ikke svare`),
          ]
        : CHOICES.map((c) => option(c, CHOICE_LABELS[c]));
    return {
      ...q,
      number: i + 1,
      field,
      isText: q.kind === 'text',
      options,
      value,
      error: errors
        .filter((e) => e.field === field)
        .map((e) => e.message)
        .join(' '),
    };
  });
}

/** Stored answers as the raw form values the page shows. */
export const formValues = (answers: Answers) =>
  Object.fromEntries(Object.entries(answers).map(([code, a]) => [code, rawValue(a)]));

/** The question fields of a submitted page form (q_B01 → B01), leaving out _csrf and the rest. */
export const answersFromForm = (body: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k.startsWith('q_'))
      .map(([k, v]) => [k.slice(2), v]),
  );

const percent = (share: number) => `${Math.round(share * 100)} %`;
const TOO_FEW = `færre end ${MIN_RESPONDENTS} svar`;

/** The key figure of a question: the mean smiley, or the share answering "ja". */
function keyFigure(q: QuestionResult | undefined): string {
  if (!q || q.suppressed) return TOO_FEW;
  if (q.kind === 'scale') return q.mean === null ? '–' : formatDecimal(q.mean);
  if (q.kind === 'yes_no') return q.yesShare === null ? '–' : `${percent(q.yesShare)} ja`;
  return `${q.n} svar`;
}

const comparisonFigure = (results: SurveyResults | undefined, code: string, pick: 'question' | 'indicator') => {
  if (!results?.shown) return TOO_FEW;
  if (pick === 'question') return keyFigure(results.questions.find((q) => q.code === code));
  const i = results.indicators.find((x) => x.code === code);
  return !i || i.suppressed || i.score === null ? TOO_FEW : formatDecimal(i.score);
};

/** Bar colours from worst to best answer; grey for "ved ikke". Inline, so page and PDF need no stylesheet for them. */
const FILLS: Record<string, string> = {
  '1': '#a4000f',
  '2': '#d9622b',
  '3': '#c8b400',
  '4': '#6aa84f',
  '5': '#1e6b34',
  no: '#a4000f',
  yes: '#1e6b34',
  dont_know: '#9e9e9e',
};

/** Segments of a stacked bar (in % of the width) for a question's distribution; drawn as SVG. */
function bar(q: QuestionResult) {
  let x = 0;
  return q.options
    .filter((o) => o.count > 0)
    .map((o) => {
      const segment = { x, width: o.share * 100, fill: FILLS[o.value] };
      x += segment.width;
      return segment;
    });
}

/** Everything the results partial shows, for a page and for the PDF report alike. */
export function resultsView(r: RoundResults) {
  const { results, previous, region } = r;
  return {
    shown: results.shown,
    minRespondents: MIN_RESPONDENTS,
    respondents: results.respondents,
    hasPrevious: previous !== null,
    previousPeriod: previous ? `${previous.periodStart} – ${previous.periodEnd}` : '',
    hasRegion: region !== null,
    regionRounds: region?.rounds ?? 0,
    modelRange: `${r.modelRange.min}–${r.modelRange.max}`,
    questions: results.questions.map((q) => ({
      ...q,
      figure: keyFigure(q),
      previous: comparisonFigure(previous?.results, q.code, 'question'),
      region: comparisonFigure(region?.results, q.code, 'question'),
      options: q.options.map((o) => ({ ...o, percent: percent(o.share) })),
      bar: q.kind === 'text' ? [] : bar(q),
      isText: q.kind === 'text',
    })),
    indicators: results.indicators.map((i) => ({
      ...i,
      meanText: i.mean === null ? TOO_FEW : formatDecimal(i.mean),
      scoreText: i.score === null ? TOO_FEW : formatDecimal(i.score),
      previous: comparisonFigure(previous?.results, i.code, 'indicator'),
      region: comparisonFigure(region?.results, i.code, 'indicator'),
      questionList: i.questions.join(', '),
    })),
    breakdowns: results.breakdowns.map((b) => ({
      ...b,
      allHidden: b.categories.every((c) => c.suppressed),
      categories: b.categories.map((c) => ({ ...c, nText: c.suppressed ? TOO_FEW : String(c.n) })),
      rows: b.rows.map((row) => ({
        ...row,
        cells: row.cells.map((c) => ({
          text: c.suppressed ? TOO_FEW : c.mean === null ? '–' : formatDecimal(c.mean),
        })),
      })),
    })),
  };
}
