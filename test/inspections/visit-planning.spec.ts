import { describe, expect, it } from '@jest/globals';
import { addMonths, planningStatus } from '../../libs/inspections/src/visit-planning.js';

const yearly = { min: 1, windowMonths: 12 };

describe('visit frequency rules', () => {
  it('adds months keeping the day, clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-11-23', 12)).toBe('2026-11-23');
  });

  it('makes a never-visited facility due today', () => {
    expect(planningStatus([], '2026-11-23', yearly)).toEqual({
      state: 'due',
      dueDate: '2026-11-23',
      lastVisit: null,
      nextPlanned: null,
    });
  });

  it('is overdue when the window since the last visit has passed', () => {
    expect(planningStatus(['2025-10-01'], '2026-11-23', yearly)).toMatchObject({
      state: 'overdue',
      dueDate: '2026-10-01',
    });
  });

  it('is planned when a future visit falls on or before the due date, but a late plan does not help', () => {
    expect(planningStatus(['2026-01-10', '2026-12-01'], '2026-11-23', yearly)).toMatchObject({
      state: 'planned',
      nextPlanned: '2026-12-01',
    });
    expect(planningStatus(['2025-10-01', '2026-12-01'], '2026-11-23', yearly)).toMatchObject({
      state: 'overdue',
      nextPlanned: '2026-12-01',
    });
  });

  it('counts the min-th latest visit when more than one is required', () => {
    expect(planningStatus(['2026-06-01', '2025-12-01'], '2026-11-23', { min: 2, windowMonths: 12 })).toMatchObject({
      state: 'due',
      dueDate: '2026-12-01',
    });
    expect(planningStatus(['2026-06-01'], '2026-11-23', { min: 0, windowMonths: 12 })).toMatchObject({
      state: 'ok',
      dueDate: null,
    });
  });
});
