import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { newInvitationCode, normaliseCode } from '../../libs/surveys/src/invitation-code.js';
import { loadQuestionnaires, parseQuestionnaire } from '../../libs/surveys/src/questionnaire.js';

/** Indicator codes per catalogue key, from the shipped catalogue files. */
function catalogueCodes(): Map<string, Set<string>> {
  const codes = new Map<string, Set<string>>();
  for (const file of ['socialtilsyn', 'regional-social']) {
    const doc = parse(readFileSync(new URL(`../../catalogue/${file}.yaml`, import.meta.url), 'utf8'));
    const all = doc.standards.flatMap(
      (s: { criteria?: { indicators: { code: string }[] }[]; indicators?: { code: string }[] }) => [
        ...(s.indicators ?? []),
        ...(s.criteria ?? []).flatMap((c) => c.indicators),
      ],
    );
    codes.set(doc.key, new Set(all.map((i: { code: string }) => String(i.code))));
  }
  return codes;
}

describe('shipped questionnaires', () => {
  const questionnaires = loadQuestionnaires();

  it('have one for residents (at most 15 questions) and one for relatives', () => {
    expect([...questionnaires.values()].map((q) => [q.key, q.audience])).toEqual([
      ['beboere', 'residents'],
      ['paaroerende', 'relatives'],
    ]);
    expect(questionnaires.get('beboere')!.questions.length).toBeLessThanOrEqual(15);
    for (const q of questionnaires.values())
      expect(new Set(q.questions.map((x) => x.kind))).toEqual(new Set(['scale', 'yes_no', 'text']));
  });

  it('map questions only to indicators that exist in the shipped catalogues', () => {
    const codes = catalogueCodes();
    for (const q of questionnaires.values()) {
      for (const question of q.questions) {
        for (const [key, list] of Object.entries(question.indicators)) {
          expect({ question: question.code, key, missing: list.filter((c) => !codes.get(key)?.has(c)) }).toEqual({
            question: question.code,
            key,
            missing: [],
          });
        }
      }
      expect(
        q.questions
          .filter((x) => x.kind !== 'text')
          .every((x) => x.indicators.socialtilsyn?.length || x.code === 'P10'),
      ).toBe(true);
    }
  });

  it('refuses a template with problems, naming each', () => {
    const bad = `format: tilsyn-spoergeskema/1\nkey: x\nversion: 1\ntitle: T\naudience: residents\nscale: [a, b, c, d, e]\nquestions:\n  - { code: Q1, kind: scale, text: A }\n  - { code: Q1, kind: stars, text: B }\n  - { code: Q3, kind: text, text: C, indicators: { socialtilsyn: [4a] } }\n`;
    expect(() => parseQuestionnaire(bad, 'bad.yaml')).toThrow(
      /questions\[1\]\.kind[\s\S]*questions\[2\]\.indicators[\s\S]*code Q1 is used twice/,
    );
  });
});

describe('invitation codes', () => {
  it('are 10 unambiguous characters, read back however they are typed', () => {
    const code = newInvitationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(normaliseCode(` ${code.toLowerCase()} `)).toBe(code.replace('-', ''));
    expect(normaliseCode('ABCDE-FGH1O')).toBe('ABCDEFGH10');
    expect(normaliseCode('abcde fghIL')).toBe('ABCDEFGH11');
    expect(normaliseCode('ABCDE-FGHU0')).toBeNull();
    expect(normaliseCode('ABC')).toBeNull();
  });
});
