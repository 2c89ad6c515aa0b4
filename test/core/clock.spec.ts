import { afterEach, describe, expect, it } from '@jest/globals';
import { now, setClock, thisYear, today } from '../../libs/core/src/clock.js';
import { formatDate, formatDateTime, formatDecimal, roundAsShown } from '../../libs/core/src/danish-format.js';

afterEach(() => setClock(null));

describe('the one clock and calendar', () => {
  it('is in Denmark at 00:30 Danish time, when the UTC date is still yesterday', () => {
    // 1 January 2027 00:30 in Copenhagen (CET, UTC+1) is 31 December 2026 23:30 UTC
    setClock(new Date('2026-12-31T23:30:00Z'));
    expect(today()).toBe('2027-01-01');
    expect(thisYear()).toBe(2027);
    expect(formatDateTime(now())).toBe('1. januar 2027 kl. 00.30');
    // and in summer time (CEST, UTC+2): 00:30 on 1 July is 22:30 UTC the day before
    setClock(new Date('2026-06-30T22:30:00Z'));
    expect(today()).toBe('2026-07-01');
  });

  it('goes back to the real clock', () => {
    setClock(new Date('2000-01-01T12:00:00Z'));
    setClock(null);
    expect(thisYear()).toBeGreaterThan(2000);
  });
});

describe('Danish formatting', () => {
  it('writes one decimal with a comma and a dash for nothing', () => {
    expect([3.75, 4, 0.15, null].map(formatDecimal)).toEqual(['3,8', '4,0', '0,2', '–']);
  });

  it('rounds a score to the number it is shown as, for every score, halfway points included', () => {
    const printed = (x: number) => Number(formatDecimal(x).replace(',', '.'));
    const halfway = [0.05, 0.15, 0.25, 1.05, 1.45, 8.95, 2.25, 2.35, 3.45, 3.95, 4.05, 4.15, 4.95, -0.15, -2.25];
    const computed = [1 / 3 + 3.116666666666667, (3 + 4 + 4) / 3 + 0.05 - 1 / 3, 0.1 + 0.2 + 3.65];
    const spread = Array.from({ length: 4000 }, (_, i) => 1 + (i * 4) / 4000 + (i % 7) * 1e-9);
    for (const x of [...halfway, ...computed, ...spread, 0, 5, -3.44, 1e-7])
      expect([x, roundAsShown(x)]).toEqual([x, printed(x)]);
    expect(roundAsShown(3.96)).toBe(4);
    expect(Number.isNaN(roundAsShown(Number.NaN))).toBe(true);
  });

  it('writes a calendar date the same whatever the time zone, and a moment in Danish time', () => {
    expect(formatDate('2026-12-10')).toBe('10. december 2026');
    expect(formatDate(new Date('2026-12-09T23:30:00Z'))).toBe('10. december 2026');
    expect(formatDateTime('2026-12-03T07:43:00Z')).toBe('3. december 2026 kl. 08.43');
    expect(formatDate(null)).toBe('');
  });
});
