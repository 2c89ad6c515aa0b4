import { describe, expect, it } from '@jest/globals';
import { includeInReport, periodLabel, periodOf } from '../../libs/follow-up/src/status-report.js';

const at = (iso: string) => new Date(iso);

describe('which recommendations a status report shows', () => {
  it('shows one not yet met in every report', () => {
    expect(includeInReport(null, [])).toBe(true);
    expect(includeInReport(null, [at('2026-01-15'), at('2026-07-15')])).toBe(true);
  });

  it('shows one met before any report was issued in the first report', () => {
    expect(includeInReport(at('2026-03-01'), [])).toBe(true);
  });

  it('shows one met after the last report once more, in the next report', () => {
    expect(includeInReport(at('2026-03-01'), [at('2026-01-15')])).toBe(true);
  });

  it('leaves out one met before a report that was issued since', () => {
    expect(includeInReport(at('2026-03-01'), [at('2026-01-15'), at('2026-07-15')])).toBe(false);
  });

  it('leaves out one met at the very moment a report was issued (that report showed it)', () => {
    expect(includeInReport(at('2026-07-15T10:00:00Z'), [at('2026-07-15T10:00:00Z')])).toBe(false);
  });

  it('shows one reopened and met again after the last report once more', () => {
    // met in March, shown in July's report, reopened and met again in September
    expect(includeInReport(at('2026-09-01'), [at('2026-07-15')])).toBe(true);
  });
});

describe('half-year periods', () => {
  it('names the half year a date falls in', () => {
    expect(periodOf('2026-06-30')).toBe('2026-1');
    expect(periodOf('2026-07-01')).toBe('2026-2');
    expect(periodLabel('2026-2')).toBe('2. halvår 2026');
  });
});
