/** The half-yearly status note: which recommendations it shows, its data, and the blocks it is printed from. */

/** A status as the note states it: the status text as written and the status as a sentence. */
export interface NoteStatus {
  statusLabel: string;
  statusText: string;
  /** "Status: i gang." or, split, "Status: imødekommet for børn og unge; i gang for voksne." */
  statusSentence?: string;
  done: boolean;
}

export interface StatusReportItem extends NoteStatus {
  number: string;
  text: string;
  owner: string;
  deadline: string | null;
  /** Notes issued before sections could hold the status have no such flag: the item holds it. */
  statusOnSection?: boolean;
}

export interface StatusReportSection {
  number: string;
  title: string;
  anchor: string;
  /** 1 for a top heading; absent (1) in notes issued before headings nested. */
  depth?: number;
  text?: string;
  /** The one status the section holds for all its recommendations. */
  status?: NoteStatus | null;
  items: StatusReportItem[];
}

/** The note's front matter, chosen when it is issued. */
export interface NoteFront {
  addressee: string;
  /** YYYY-MM-DD, the date the note carries. */
  date: string;
  caseNumber: string;
  documentNumber: string;
  title: string;
  introduction: string;
}

export interface StatusReportData {
  title: string;
  facilityName: string;
  planTitle: string;
  period: string;
  periodLabel: string;
  generatedAt: string;
  /** Absent in notes issued before front matter existed. */
  front?: NoteFront;
  /** Headings in reading order, each with the recommendations directly under it. */
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

/** The status as one sentence: "Status: i gang." or "Status: imødekommet for børn og unge; i gang for voksne." */
export function statusSentence(label: string, parts?: { group: string; label: string }[] | null): string {
  const body = parts?.length ? parts.map((p) => `${p.label} for ${p.group}`).join('; ') : label;
  return `Status: ${body}.`;
}

/** One printed block of the note, in reading order. */
export type NoteBlock =
  | { heading: true; level: number; number: string; title: string; text: string; anchor: string }
  | { item: true; label: string; text: string; owner: string; deadline: string | null; status: NoteStatus | null }
  | { status: NoteStatus };

/**
 * The note's blocks: each heading (h2 for the top level, down to h6), its own text, its
 * recommendations each followed by its status, and a status the section holds after its
 * recommendations.
 */
export function noteBlocks(data: StatusReportData): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  const sentence = (s: NoteStatus): NoteStatus => ({
    ...s,
    statusSentence: s.statusSentence ?? statusSentence(s.statusLabel),
  });
  for (const s of data.sections) {
    blocks.push({
      heading: true,
      level: Math.min((s.depth ?? 1) + 1, 6),
      number: s.number,
      title: s.title,
      text: s.text ?? '',
      anchor: s.anchor,
    });
    for (const i of s.items)
      blocks.push({
        item: true,
        label: i.number,
        text: i.text,
        owner: i.owner,
        deadline: i.deadline,
        status: i.statusOnSection ? null : sentence(i),
      });
    if (s.status) blocks.push({ status: sentence(s.status) });
  }
  return blocks;
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
