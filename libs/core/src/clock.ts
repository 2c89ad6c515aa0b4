/**
 * The one clock and calendar of the app. "Now" is a moment; "today" and "this year" are the
 * calendar in Denmark (Europe/Copenhagen), whatever the server's time zone: from midnight to
 * 01:00/02:00 Danish time the UTC date is still yesterday's. Everything that asks for a date asks
 * here, so a test can set the moment once (setClock) and every page, query and document agrees.
 */
export const DANISH_TIME_ZONE = 'Europe/Copenhagen';

// built once: an Intl formatter is costly to make per call
const isoDay = new Intl.DateTimeFormat('sv-SE', { timeZone: DANISH_TIME_ZONE });

let fixed: (() => Date) | null = null;

/** Sets the moment "now" returns (a date, or a function for a moving clock); null restores the real clock. */
export function setClock(now: Date | (() => Date) | null): void {
  fixed = now === null ? null : typeof now === 'function' ? now : () => new Date(now.getTime());
}

/** The current moment. */
export const now = (): Date => (fixed ? fixed() : new Date());

/** The date in Denmark (YYYY-MM-DD) at a moment. */
export const danishDay = (moment: Date | string): string => isoDay.format(new Date(moment));

/** Today's date in Denmark, YYYY-MM-DD. */
export const today = (): string => danishDay(now());

/** This calendar year in Denmark. */
export const thisYear = (): number => Number(today().slice(0, 4));

/** A YYYY-MM-DD date `days` later (earlier when negative), on the calendar. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
