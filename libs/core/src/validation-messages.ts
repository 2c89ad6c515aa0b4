import type { ValidationError } from 'class-validator';
import { DATE_ONLY_MESSAGE } from './date-only.js';
import type { FieldError } from './errors.js';

/** Danish wording of class-validator rules; `{n}` takes the first number of the English message. */
const DANISH: Record<string, string> = {
  isNotEmpty: 'skal udfyldes',
  isDefined: 'skal udfyldes',
  isString: 'skal være tekst',
  isEmail: 'skal være en gyldig e-mailadresse',
  maxLength: 'må højst være {n} tegn',
  minLength: 'skal være mindst {n} tegn',
  isInt: 'skal være et heltal',
  isNumber: 'skal være et tal',
  min: 'skal være mindst {n}',
  max: 'må højst være {n}',
  isIn: 'skal være en af de tilladte værdier',
  isEnum: 'skal være en af de tilladte værdier',
  isUuid: 'skal være et gyldigt id',
  isUUID: 'skal være et gyldigt id',
  isBoolean: 'skal være ja eller nej',
  isDateString: 'skal være en dato (ÅÅÅÅ-MM-DD)',
  isIso8601: 'skal være en dato (ÅÅÅÅ-MM-DD)',
  isISO8601: 'skal være en dato (ÅÅÅÅ-MM-DD)',
  isArray: 'skal være en liste',
  arrayMinSize: 'skal have mindst {n} elementer',
  arrayMaxSize: 'må højst have {n} elementer',
  matches: 'har et ugyldigt format',
  whitelistValidation: 'er ikke et tilladt felt',
  nestedValidation: 'er ugyldigt',
  noCpr: 'må ikke indeholde et CPR-nummer',
  isDateOnly: DATE_ONLY_MESSAGE,
};

/** Rules every input meets before its own validation (see hostile-input.ts). */
export const INPUT_RULES = {
  noNul: { rule: 'noNul', message: 'må ikke indeholde tegnet NUL (\\u0000)' },
  maxDepth: { rule: 'maxDepth', message: 'er indlejret for dybt (højst 32 niveauer)' },
} as const;

function danish(rule: string, english: string): string {
  const template = DANISH[rule];
  if (!template) return english;
  return template.replace('{n}', english.match(/\d+/)?.[0] ?? '');
}

/** Flattens nested class-validator errors into field paths such as `answers[2].rating`, one per field. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    // One message per field: the first broken rule as written top-down (metadata lists them bottom-up).
    const [first] = Object.entries(e.constraints ?? {}).reverse();
    const own = first ? [{ field, rule: first[0], message: danish(first[0], first[1]) }] : [];
    return own.concat(toFieldErrors(e.children ?? [], field));
  });
}
