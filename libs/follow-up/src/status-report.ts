/** The half-yearly follow-up status report: which recommendations it shows, and its data. */

export interface StatusReportItem {
  number: string;
  text: string;
  owner: string;
  deadline: string | null;
  statusLabel: string;
  statusText: string;
  done: boolean;
}

export interface StatusReportSection {
  number: string;
  title: string;
  anchor: string;
  items: StatusReportItem[];
}

export interface StatusReportData {
  title: string;
  facilityName: string;
  planTitle: string;
  period: string;
  periodLabel: string;
  generatedAt: string;
  sections: StatusReportSection[];
  /** Met recommendations shown for the last time in this report. */
  lastShownCount: number;
}

/**
 * A recommendation reported as met (done) appears once more in the next status report and is left
 * out after that: it is included unless an earlier report was issued after it became done. One that
 * is reopened and met again gets a new `doneSince`, and so appears once more again.
 */
export function includeInReport(doneSince: Date | null, earlierReportsIssuedAt: readonly Date[]): boolean {
  if (!doneSince) return true;
  return !earlierReportsIssuedAt.some((issuedAt) => issuedAt.getTime() >= doneSince.getTime());
}

const PERIOD = /^(\d{4})-([12])$/;

/** The half year a date (YYYY-MM-DD, a Danish calendar day) falls in, as "2026-2". */
export function periodOf(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-${Number(isoDate.slice(5, 7)) <= 6 ? 1 : 2}`;
}

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** "2026-2" → "2. halvår 2026". */
export function periodLabel(period: string): string {
  const [, year, half] = period.match(PERIOD) ?? [];
  return year ? `${half}. halvår ${year}` : period;
}
