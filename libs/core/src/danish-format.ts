import { DANISH_TIME_ZONE } from './clock.js';

/**
 * How pages and documents (PDFs) write numbers and dates, in one place:
 * - a score or mean: one decimal with a Danish comma, "3,8";
 * - a date: "3. december 2026" (in Denmark's calendar when given a moment);
 * - a date with time: "3. december 2026 kl. 08.43" (Danish time).
 * Files for spreadsheets keep dates as YYYY-MM-DD, which sorts and parses everywhere.
 */
const decimalFormat = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToTwoFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: DANISH_TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('da-DK', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: DANISH_TIME_ZONE,
});

// the same rounding as decimalFormat: the number's shortest decimal form, halfway away from zero (0.15 → 0.2)
const shownFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  useGrouping: false,
});

/**
 * The number a reader sees for x: rounded to one decimal exactly as formatDecimal prints it. Away
 * from a halfway point any rounding agrees, and integer tenths divided by ten are the same doubles
 * as the printed decimals; only near one is the formatter asked (a heat map rounds ~900 scores).
 */
export const roundAsShown = (x: number): number => {
  const tenths = x * 10;
  return Math.abs(tenths - Math.floor(tenths) - 0.5) > 1e-6 ? Math.round(tenths) / 10 : Number(shownFormat.format(x));
};

/** One decimal, Danish comma: 3.75 → "3,8"; null → "–". */
export const formatDecimal = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : decimalFormat.format(x);

/** Up to two decimals, none when whole: 0.5 → "0,5", 3 → "3" (settings such as thresholds). */
export const formatNumber = (x: number): string => upToTwoFormat.format(x);

/** A date-only string YYYY-MM-DD is a calendar day, not a moment: it is read as noon UTC so no zone shifts it. */
const asMoment = (d: Date | string) =>
  typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T12:00:00Z`) : new Date(d);

/** "3. december 2026"; empty for no date. */
export const formatDate = (d: Date | string | null | undefined): string => (d ? dateFormat.format(asMoment(d)) : '');

/** "3. december 2026 kl. 08.43" (Danish time); empty for no moment. */
export const formatDateTime = (d: Date | string | null | undefined): string => {
  if (!d) return '';
  const m = new Date(d);
  return `${dateFormat.format(m)} kl. ${timeFormat.format(m)}`;
};

/** A count with its noun in the right number: (1, "fokusgruppe", "fokusgrupper") → "1 fokusgruppe"; 0 and more take the plural. */
export const countOf = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
