import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '#libs/web';
import { AUDIENCES, type Audience, MAX_RESIDENT_QUESTIONS, QUESTION_KINDS, type QuestionKind } from './vocabulary.js';

export const QUESTIONNAIRE_FORMAT = 'tilsyn-spoergeskema/1';

export interface Question {
  code: string;
  kind: QuestionKind;
  text: string;
  help: string;
  /** Catalogue key → indicator codes in that model, e.g. `{ socialtilsyn: ['4a'] }`. */
  indicators: Record<string, string[]>;
}

/** A questionnaire template as shipped in catalogue/surveys/*.yaml. */
export interface Questionnaire {
  key: string;
  version: number;
  title: string;
  audience: Audience;
  intro: string;
  /** Labels of the smiley scale, from 1 (worst) to 5 (best). */
  scale: string[];
  questions: Question[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Reads and checks one template; throws listing every problem, since a shipped file must be right. */
export function parseQuestionnaire(source: string, name: string): Questionnaire {
  const doc: unknown = parse(source);
  const problems: string[] = [];
  const fail = (where: string, message: string) => problems.push(`${where}: ${message}`);
  if (!isObj(doc)) throw new Error(`${name}: not a questionnaire`);
  if (doc.format !== QUESTIONNAIRE_FORMAT) fail('format', `must be ${QUESTIONNAIRE_FORMAT}`);
  if (!/^[a-z0-9-]+$/.test(text(doc.key))) fail('key', 'lowercase letters, digits and dashes');
  if (!Number.isInteger(doc.version)) fail('version', 'an integer');
  if (!text(doc.title)) fail('title', 'required');
  if (!AUDIENCES.includes(doc.audience as Audience)) fail('audience', `one of ${AUDIENCES.join(', ')}`);
  const scale = Array.isArray(doc.scale) ? doc.scale.map(text) : [];
  if (scale.length !== 5 || scale.some((s) => !s)) fail('scale', 'five labels, worst first');
  const questions: Question[] = (Array.isArray(doc.questions) ? doc.questions : []).map((q: unknown, i: number) => {
    const where = `questions[${i}]`;
    const item = isObj(q) ? q : {};
    if (!/^[A-Z0-9]+$/.test(text(item.code))) fail(`${where}.code`, 'capital letters and digits');
    if (!QUESTION_KINDS.includes(item.kind as QuestionKind))
      fail(`${where}.kind`, `one of ${QUESTION_KINDS.join(', ')}`);
    if (!text(item.text)) fail(`${where}.text`, 'required');
    const indicators = isObj(item.indicators) ? item.indicators : {};
    for (const [key, codes] of Object.entries(indicators)) {
      if (!Array.isArray(codes) || codes.some((c) => typeof c !== 'string' && typeof c !== 'number'))
        fail(`${where}.indicators.${key}`, 'a list of codes');
    }
    if (item.kind === 'text' && Object.keys(indicators).length)
      fail(`${where}.indicators`, 'free text has no score, so no indicators');
    return {
      code: text(item.code),
      kind: item.kind as QuestionKind,
      text: text(item.text),
      help: text(item.help),
      indicators: Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, (v as unknown[]).map(String)])),
    };
  });
  if (!questions.length) fail('questions', 'at least one');
  const codes = questions.map((q) => q.code);
  for (const c of codes.filter((c, i) => codes.indexOf(c) !== i)) fail('questions', `code ${c} is used twice`);
  if (doc.audience === 'residents' && questions.length > MAX_RESIDENT_QUESTIONS) {
    fail('questions', `at most ${MAX_RESIDENT_QUESTIONS} questions for residents (easy-read)`);
  }
  if (problems.length) throw new Error(`${name} is not a valid questionnaire:\n  ${problems.join('\n  ')}`);
  return {
    key: text(doc.key),
    version: doc.version as number,
    title: text(doc.title),
    audience: doc.audience as Audience,
    intro: text(doc.intro),
    scale,
    questions,
  };
}

export const QUESTIONNAIRE_DIR = join(projectRoot, 'catalogue', 'surveys');

/** Every shipped template, by key. Read once: they change with a release, not at run time. */
export function loadQuestionnaires(dir = QUESTIONNAIRE_DIR): Map<string, Questionnaire> {
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseQuestionnaire(readFileSync(join(dir, f), 'utf8'), f));
  return new Map(all.map((q) => [q.key, q]));
}
