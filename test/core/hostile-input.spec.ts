import { describe, expect, it } from '@jest/globals';
import { findHostileInput, isDateOnly, MAX_INPUT_DEPTH, readTableFile } from '#libs/core';
import { safeNextPath } from '../../libs/auth/src/login/safe-next.js';

const nested = (levels: number) => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe('findHostileInput', () => {
  it('names the field of a NUL anywhere: nested values, list items, keys, named parameters', () => {
    expect(findHostileInput({ name: 'ok', units: ['a', 'b\u0000'] })).toEqual({
      field: 'units[1]',
      rule: 'noNul',
      message: 'må ikke indeholde tegnet NUL (\\u0000)',
    });
    expect(findHostileInput({ answers: { 'B\u000001': 1 } })?.field).toBe('answers.B\\u000001');
    expect(findHostileInput('\u0000', 'code')?.field).toBe('code');
    expect(findHostileInput({ q: 'a\u0000' })?.field).toBe('q');
  });

  it('points into a text body by line (a CSV or YAML file sent as the body)', () => {
    expect(findHostileInput('navn;adresse\nA;B\nC\u0000;D\n')).toMatchObject({ field: 'linje 3', rule: 'noNul' });
  });

  it('measures nesting without following it: 100,000 levels are refused, not a stack overflow', () => {
    expect(findHostileInput(nested(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(findHostileInput(nested(MAX_INPUT_DEPTH + 1))).toMatchObject({ rule: 'maxDepth' });
    expect(findHostileInput({ deep: nested(100_000) })).toMatchObject({ field: expect.stringMatching(/^deep(\.a)+$/) });
  });

  it('lets ordinary input through, uploaded bytes included (their readers check them)', () => {
    expect(findHostileInput({ a: [1, true, null, 'Ærø – “citat”'], file: Buffer.from([0, 1, 2]) })).toBeUndefined();
  });
});

describe('import files', () => {
  it('refuses a CSV cell with NUL, naming its row and column', async () => {
    const { errors } = await readTableFile(Buffer.from('navn;adresse\nA;B\nC;D\u0000\n'), 'csv', {
      columns: ['navn', 'adresse'],
      required: ['navn'],
      maxRows: 10,
    });
    expect(errors).toEqual([expect.objectContaining({ field: 'række 3, kolonne adresse', rule: 'noNul' })]);
  });
});

describe('isDateOnly', () => {
  it('takes real calendar dates from 1900 to 2200 only', () => {
    for (const ok of ['1900-01-01', '2024-02-29', '2026-12-31', '2200-12-31']) expect(isDateOnly(ok)).toBe(true);
    for (const bad of ['0000-01-01', '1899-12-31', '2201-01-01', '2026-02-30', '2027-02-29', '2026-13-01', '2026-2-1'])
      expect(isDateOnly(bad)).toBe(false);
  });
});

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    for (const ok of ['/', '/tilbud', '/tilbud?q=a%20b#x', '/besoeg/1/tjekliste', '/%0a'])
      expect(safeNextPath(ok)).toBe(ok);
  });

  it('sends anything that could leave the site to the front page', () => {
    for (const bad of [
      '/\\evil.invalid/',
      '\\\\evil.invalid',
      '//evil.invalid',
      '/\t/evil.invalid',
      '/\n/evil.invalid',
      'https://evil.invalid/',
      'javascript:alert(1)',
      'tilbud',
      ' /tilbud',
      '/tilbud\u0000',
      undefined,
      ['/tilbud'],
      `/${'a'.repeat(3000)}`,
    ])
      expect(safeNextPath(bad)).toBe('/');
  });
});
