/** Pure date rules for visit frequency targets; dates are calendar dates 'YYYY-MM-DD'. */

export type PlanningState = 'overdue' | 'due' | 'planned' | 'ok';

export interface PlanningTarget {
  /** Visits of this kind required within any `windowMonths` months. */
  min: number;
  windowMonths: number;
}

export interface PlanningStatus {
  state: PlanningState;
  /** The date by which the next visit of this kind must take place (null when no target). */
  dueDate: string | null;
  lastVisit: string | null;
  nextPlanned: string | null;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Where a facility stands against one target. The due date counts only visits that have happened
 * (on or before today): the min-th latest of them plus the window; a facility never visited is due
 * today. A future visit on or before the due date makes it 'planned'; a late one does not help.
 */
export function planningStatus(
  dates: string[],
  today: string,
  target: PlanningTarget,
  horizonDays = 60,
): PlanningStatus {
  const past = dates
    .filter((d) => d <= today)
    .sort()
    .reverse();
  const future = dates.filter((d) => d > today).sort();
  const lastVisit = past[0] ?? null;
  const nextPlanned = future[0] ?? null;
  if (target.min === 0) return { state: 'ok', dueDate: null, lastVisit, nextPlanned };
  const anchor = past[target.min - 1];
  const dueDate = anchor ? addMonths(anchor, target.windowMonths) : today;
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + horizonDays * 86_400_000).toISOString().slice(0, 10);
  const state: PlanningState =
    dueDate < today ? 'overdue' : nextPlanned && nextPlanned <= dueDate ? 'planned' : dueDate <= horizon ? 'due' : 'ok';
  return { state, dueDate, lastVisit, nextPlanned };
}
