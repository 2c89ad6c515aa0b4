import type { FieldError } from './errors.js';
import { INPUT_RULES } from './validation-messages.js';

/** Deeper than any form, DTO or catalogue file needs; a limit so nothing recursive overflows its stack. */
export const MAX_INPUT_DEPTH = 32;

const NUL = '\u0000';
const shown = (key: string) => key.replaceAll(NUL, '\\u0000');
const child = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${shown(key)}` : shown(key);

/** The line of a text's first NUL, so a CSV or YAML body's error points into the file. */
const lineOfNul = (text: string) => text.slice(0, text.indexOf(NUL)).split('\n').length;

/**
 * The first part of a request value no column or parser can take: a NUL character (PostgreSQL text
 * refuses it) in any string or key, or nesting deeper than MAX_INPUT_DEPTH. Walked without recursion,
 * so a hostile 5,000-level JSON body is measured, not followed. `field` names where the value came from.
 */
export function findHostileInput(value: unknown, field = ''): FieldError | undefined {
  if (typeof value === 'string' && !field && value.includes(NUL))
    return { field: `linje ${lineOfNul(value)}`, ...INPUT_RULES.noNul };
  const stack: [unknown, string, number][] = [[value, field, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      if (v.includes(NUL)) return { field: path || 'body', ...INPUT_RULES.noNul };
    } else if (v !== null && typeof v === 'object') {
      if (Buffer.isBuffer(v) || ArrayBuffer.isView(v)) continue; // uploaded bytes: their readers check them
      if (depth >= MAX_INPUT_DEPTH) return { field: path || 'body', ...INPUT_RULES.maxDepth };
      for (const [key, item] of Object.entries(v)) {
        const at = Array.isArray(v) ? child(path, Number(key)) : child(path, key);
        if (key.includes(NUL)) return { field: at, ...INPUT_RULES.noNul };
        stack.push([item, at, depth + 1]);
      }
    }
  }
  return undefined;
}
