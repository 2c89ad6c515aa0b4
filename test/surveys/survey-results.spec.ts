import { describe, expect, it } from '@jest/globals';
import { type Answers, readAnswers } from '../../libs/surveys/src/survey-answers.js';
import {
  pooledAnswers,
  protectCells,
  type ResponseRow,
  type RoundQuestion,
  surveyResults,
  toModelScale,
} from '../../libs/surveys/src/survey-results.js';

const q = (code: string, kind: RoundQuestion['kind'], indicators: string[] = []): RoundQuestion => ({
  code,
  kind,
  text: `Spørgsmål ${code}`,
  help: '',
  indicators: indicators.map((c) => ({ id: `id-${c}`, code: c })),
});
const QUESTIONS = [q('A', 'scale', ['4a']), q('B', 'yes_no', ['4a', '2c']), q('C', 'text')];
const SCALE = ['Meget dårligt', 'Dårligt', 'Både og', 'Godt', 'Meget godt'];
const row = (answers: Answers, mode: ResponseRow['mode'] = 'web', unit: string | null = null): ResponseRow => ({
  mode,
  unit,
  answers,
});
const socialtilsyn = { min: 1, max: 5 };

describe('suppression of small groups', () => {
  it('hides cells under 5, then the smallest others until the hidden ones cover 5', () => {
    expect(protectCells([7, 6])).toEqual([false, false]);
    expect(protectCells([6, 3])).toEqual([true, true]);
    expect(protectCells([6, 3, 4])).toEqual([false, true, true]);
    expect(protectCells([9, 1, 1, 6])).toEqual([false, true, true, true]);
    expect(protectCells([5, 0, 8])).toEqual([false, false, false]);
    expect(protectCells([2, 2])).toEqual([true, true]);
  });

  it('shows nothing but the count below 5 respondents', () => {
    const rows = Array.from({ length: 4 }, () => row({ A: { score: 5 }, B: { choice: 'yes' }, C: { text: 'Fint' } }));
    expect(surveyResults(QUESTIONS, SCALE, rows, socialtilsyn)).toEqual({
      respondents: 4,
      shown: false,
      questions: [],
      indicators: [],
      breakdowns: [],
    });
  });

  it('hides a question, an indicator and free text that fewer than 5 answered, even when the round has enough', () => {
    const rows = [
      ...Array.from({ length: 4 }, () => row({ A: { score: 4 }, C: { text: 'Godt sted' } })),
      ...Array.from({ length: 2 }, () => row({ A: { score: 2 }, B: { choice: 'no' } })),
    ];
    const r = surveyResults(QUESTIONS, SCALE, rows, socialtilsyn);
    expect(r.questions.find((x) => x.code === 'A')).toMatchObject({ n: 6, mean: 3.33, suppressed: false });
    expect(r.questions.find((x) => x.code === 'B')).toMatchObject({
      n: null,
      suppressed: true,
      options: [],
      yesShare: null,
    });
    expect(r.questions.find((x) => x.code === 'C')).toMatchObject({ suppressed: true, texts: [] });
    expect(r.indicators.find((i) => i.code === '2c')).toMatchObject({ suppressed: true, mean: null, score: null });
    expect(r.indicators.find((i) => i.code === '4a')).toMatchObject({ n: 6, suppressed: false });
  });

  it('leaves out a breakdown with one group, and hides small units', () => {
    const rows = [
      ...Array.from({ length: 6 }, () => row({ A: { score: 5 } }, 'web', 'Hus 1')),
      ...Array.from({ length: 2 }, () => row({ A: { score: 1 } }, 'web', 'Hus 2')),
    ];
    const r = surveyResults(QUESTIONS, SCALE, rows, socialtilsyn);
    expect(r.breakdowns.map((b) => b.dimension)).toEqual(['unit']);
    expect(r.breakdowns[0].categories.map((c) => c.n)).toEqual([null, null]);
    expect(r.breakdowns[0].rows[0].cells.map((c) => c.mean)).toEqual([null, null]);
  });
});

describe('the region pool', () => {
  it('keeps only answers to questions their own round has at least 5 answers to', () => {
    const x = [
      ...Array.from({ length: 4 }, () => row({ A: { score: 5 }, B: { choice: 'yes' } })),
      ...Array.from({ length: 2 }, () => row({ A: { score: 1 } })),
    ];
    const y = Array.from({ length: 5 }, () => row({ A: { score: 3 }, B: { choice: 'no' } }));
    const pooled = pooledAnswers([
      ...x.map((r) => ({ ...r, roundId: 'x' })),
      ...y.map((r) => ({ ...r, roundId: 'y' })),
    ]);
    const r = surveyResults(QUESTIONS, SCALE, pooled, socialtilsyn);
    // A: all 11; B: only y's five (x had four, which subtraction would otherwise reveal)
    expect(r.questions.find((q) => q.code === 'A')).toMatchObject({ n: 11 });
    expect(r.questions.find((q) => q.code === 'B')).toMatchObject({ n: 5, yesShare: 0 });
  });
});

describe('means per indicator', () => {
  it('counts smileys as themselves, ja as 5 and nej as 1, and leaves out ved ikke', () => {
    const rows = [
      row({ A: { score: 4 }, B: { choice: 'yes' } }),
      row({ A: { score: 2 }, B: { choice: 'no' } }),
      row({ A: { choice: 'dont_know' }, B: { choice: 'yes' } }),
      row({ A: { score: 5 }, B: { choice: 'dont_know' } }),
      row({ A: { score: 3 } }),
    ];
    const r = surveyResults(QUESTIONS, SCALE, rows, socialtilsyn);
    // 4a pools A (4, 2, 5, 3) and B (5, 1, 5)
    expect(r.indicators.find((i) => i.code === '4a')).toMatchObject({ n: 5, mean: 3.57, score: 3.57 });
    expect(r.questions.find((x) => x.code === 'A')!.options.map((o) => o.count)).toEqual([0, 1, 1, 1, 1, 1]);
    // only four answered B itself
    expect(r.questions.find((x) => x.code === 'B')).toMatchObject({ suppressed: true, yesShare: null });
  });

  it('maps the survey scale 1–5 linearly onto the model scale', () => {
    expect([1, 3, 5, 4].map((m) => toModelScale(m, { min: 1, max: 5 }))).toEqual([1, 3, 5, 4]);
    expect([1, 3, 5, 4].map((m) => toModelScale(m, { min: 1, max: 3 }))).toEqual([1, 2, 3, 2.5]);
  });
});

describe('reading answers', () => {
  it('takes smileys, choices and text, skips empty ones, and refuses the rest in Danish', () => {
    const { answers, errors } = readAnswers(QUESTIONS, { A: '4', B: 'dont_know', C: '  Fin have  ' });
    expect(answers).toEqual({ A: { score: 4 }, B: { choice: 'dont_know' }, C: { text: 'Fin have' } });
    expect(errors).toEqual([]);
    expect(readAnswers(QUESTIONS, { A: '', C: '   ' }).answers).toEqual({});
    const bad = readAnswers(QUESTIONS, { A: 0, B: 'ja', C: 'Ring 0101901234', D: 1 }).errors;
    expect(bad.map((e) => [e.field, e.rule])).toEqual([
      ['q_D', 'exists'],
      ['q_A', 'isIn'],
      ['q_B', 'isIn'],
      ['q_C', 'noCpr'],
    ]);
  });
});
