import { containsCpr, type FieldError } from '#libs/core';
import type { Question } from './questionnaire.js';
import { CHOICES, type Choice, MAX_TEXT_ANSWER } from './vocabulary.js';

/** One answer: a smiley 1–5, a choice (yes/no/don't know; "don't know" also on the scale), or text. */
export interface Answer {
  score?: number;
  choice?: Choice;
  text?: string;
}
/** Question code → answer; unanswered questions are absent. */
export type Answers = Record<string, Answer>;

/** The form field (and element id) of a question. */
export const fieldOf = (code: string) => `q_${code}`;

/**
 * Reads raw answers (question code → what the form or JSON sent) against the questions. Empty
 * values mean "skipped"; every question is optional, as respondents must be free not to answer.
 */
export function readAnswers(
  questions: Pick<Question, 'code' | 'kind'>[],
  raw: Record<string, unknown>,
): { answers: Answers; errors: FieldError[] } {
  const answers: Answers = {};
  const errors: FieldError[] = [];
  const byCode = new Map(questions.map((q) => [q.code, q]));
  for (const code of Object.keys(raw).filter((c) => !byCode.has(c))) {
    errors.push({ field: fieldOf(code), rule: 'exists', message: `spørgsmål ${code} findes ikke i spørgeskemaet` });
  }
  for (const q of questions) {
    const value = raw[q.code];
    if (value === undefined || value === null || value === '') continue;
    const field = fieldOf(q.code);
    const wrong = (message: string) => errors.push({ field, rule: 'isIn', message: `${q.code}: ${message}` });
    if (q.kind === 'text') {
      if (typeof value !== 'string') wrong('skal være tekst');
      else if (value.length > MAX_TEXT_ANSWER)
        errors.push({ field, rule: 'maxLength', message: `${q.code}: må højst være ${MAX_TEXT_ANSWER} tegn` });
      else if (containsCpr(value))
        errors.push({ field, rule: 'noCpr', message: `${q.code}: skriv ikke CPR-numre – svaret skal være anonymt` });
      else if (value.trim()) answers[q.code] = { text: value.trim() };
    } else if (value === 'dont_know') {
      answers[q.code] = { choice: 'dont_know' };
    } else if (q.kind === 'yes_no') {
      if (CHOICES.includes(value as Choice)) answers[q.code] = { choice: value as Choice };
      else wrong('vælg ja, nej eller ved ikke');
    } else {
      const score = Number(value);
      if (Number.isInteger(score) && score >= 1 && score <= 5) answers[q.code] = { score };
      else wrong('vælg et svar fra 1 til 5 eller ved ikke');
    }
  }
  return { answers, errors };
}

/** The raw form value of an answer, to show a saved draft or a rejected form again. */
export function rawValue(a: Answer | undefined): string {
  if (!a) return '';
  return a.text ?? a.choice ?? (a.score !== undefined ? String(a.score) : '');
}
