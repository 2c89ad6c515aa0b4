import { containsCpr, danishDay, type FieldError, isDateOnly, readTableFile, type TableFileReading } from '#libs/core';
import { type TableFormat, tableExport, validateForm } from '#libs/web';
import { MAX_TEXT, PlanRowDto } from './follow-up.dto.js';

/** The flat plan file's Danish column words (one row per recommendation) and the row field each fills. */
export const PLAN_COLUMNS = {
  afsnit: 'sectionNumber',
  afsnitstitel: 'sectionTitle',
  nr: 'number',
  anbefaling: 'text',
  frist: 'deadline',
  ansvarlig: 'owner',
} as const;
const COLUMN_OF = Object.fromEntries(Object.entries(PLAN_COLUMNS).map(([column, field]) => [field, column]));
const REQUIRED = ['afsnit', 'afsnitstitel', 'nr', 'anbefaling'];

/**
 * The structured plan file, one row per heading or recommendation in reading order, as the plan's
 * export writes it: `type` (overskrift or anbefaling), `niveau` (a heading's depth, 1 the top),
 * `nr` as written, `titel` (a heading's), `tekst` (a heading's own text or the recommendation),
 * `status` and `statustekst` on the row that holds the status (a heading's status applies to all
 * its recommendations), `id` and `version` when the file came from an export, and `tilbud`: the
 * facility whose leaders write the status (for a plan owned above the facilities).
 */
export const STRUCTURED_COLUMNS = [
  'id',
  'type',
  'niveau',
  'nr',
  'titel',
  'tekst',
  'ansvarlig',
  'frist',
  'status',
  'statustekst',
  'version',
  'tilbud',
] as const;
/** Written by the export for the reader, ignored on import. */
const INFO_COLUMNS = ['opdateret', 'opdateret af'];
const MAX_ROWS = 2000;
const HEADING_TYPES = ['overskrift', 'afsnit'];

/** A status as a file gives it: one status, or one per target group ("Børn: imødekommet | Voksne: i gang"). */
export interface FileStatus {
  statusId: string;
  parts: { group: string; statusId: string }[] | null;
  text: string;
}

export interface PlanItemInput {
  line: number;
  id?: string;
  version?: number;
  number: string;
  text: string;
  owner: string;
  deadline: string | null;
  findingId: null;
  status: FileStatus | null;
  /** The facility (by name in the file's `tilbud`) whose leaders write the status. */
  writerFacilityId: string | null;
}

export interface PlanSectionInput {
  line: number;
  id?: string;
  version?: number;
  /** 1 for a top heading. */
  depth: number;
  number: string;
  title: string;
  text: string;
  /** Set when the heading holds one status for all its recommendations. */
  status: FileStatus | null;
  writerFacilityId: string | null;
  items: PlanItemInput[];
}

export interface StatusChoice {
  id: string;
  label: string;
  active: boolean;
  done: boolean;
}

/** A plan file read: headings in reading order with their recommendations, or every error by row and column. */
export interface PlanFile {
  sections: PlanSectionInput[];
  errors: FieldError[];
  readAs: TableFileReading;
  /** The structured format (with `type`), which a plan's export writes and its round trip reads. */
  structured: boolean;
}

/** "1-2-2027" and "01.02.2027" as written in Danish sheets become 2027-02-01; anything else is left for validation. */
const isoDate = (cell: string) => {
  const dmy = cell.match(/^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/);
  return dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : cell;
};

/** The export puts an apostrophe before text Excel would run as a formula; reading it back takes it off. */
const undefuse = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A split status cell: parts separated by "|" or line breaks, each "group: status". */
export function splitStatusCell(cell: string): { group: string; label: string }[] | null {
  const parts = cell
    .split(/\s*[|\n]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  return parts.map((p) => {
    const at = p.lastIndexOf(':');
    return at < 0 ? { group: '', label: p } : { group: p.slice(0, at).trim(), label: p.slice(at + 1).trim() };
  });
}

/** The cell a split status is written to: "Børn og unge: imødekommet | Voksne: i gang". */
export const statusCell = (label: string, parts: { group: string; label: string }[] | null) =>
  parts?.length ? parts.map((p) => `${p.group}: ${p.label}`).join(' | ') : label;

/**
 * Reads a follow-up plan file, structured (see STRUCTURED_COLUMNS) or flat (PLAN_COLUMNS, one row
 * per recommendation under numbered sections), into headings with their recommendations, or
 * returns every error by row and column; nothing is kept from a file with errors.
 */
export async function readPlanFile(
  data: Buffer,
  format: 'csv' | 'xlsx',
  statuses: readonly StatusChoice[] = [],
  facilities: readonly { id: string; name: string }[] = [],
): Promise<PlanFile> {
  const file = await readTableFile(data, format, {
    columns: [...new Set([...Object.keys(PLAN_COLUMNS), ...STRUCTURED_COLUMNS, ...INFO_COLUMNS])],
    required: [],
    maxRows: MAX_ROWS,
  });
  const { rows, errors, readAs, columns } = file;
  if (errors.length) return { sections: [], errors, readAs, structured: false };
  const structured = columns.includes('type');
  const allowed: readonly string[] = structured ? [...STRUCTURED_COLUMNS, ...INFO_COLUMNS] : Object.keys(PLAN_COLUMNS);
  const required = structured ? ['type', 'nr', 'tekst'] : REQUIRED;
  for (const c of columns.filter((c) => !allowed.includes(c)))
    errors.push({
      field: `kolonne ${c}`,
      rule: 'knownColumn',
      message: `ukendt kolonne; tilladte: ${allowed.join(', ')}`,
    });
  for (const c of required.filter((c) => !columns.includes(c)))
    errors.push({ field: `kolonne ${c}`, rule: 'requiredColumn', message: 'kolonnen mangler' });
  if (!errors.length && !rows.length)
    errors.push({ field: 'fil', rule: 'isNotEmpty', message: 'filen har ingen rækker' });
  if (errors.length) return { sections: [], errors, readAs, structured };
  const sections = structured ? readStructured(rows, errors, statuses, facilities) : await readFlat(rows, errors);
  return { sections: errors.length ? [] : sections, errors, readAs, structured };
}

type Rows = Awaited<ReturnType<typeof readTableFile>>['rows'];

async function readFlat(rows: Rows, errors: FieldError[]): Promise<PlanSectionInput[]> {
  const sections = new Map<string, PlanSectionInput>();
  const seen = new Map<string, number>();
  for (const { line, cell } of rows) {
    const at = (e: FieldError): FieldError => ({ ...e, field: `række ${line}, ${COLUMN_OF[e.field] ?? e.field}` });
    const { value, errors: rowErrors } = await validateForm(PlanRowDto, {
      sectionNumber: cell('afsnit'),
      sectionTitle: cell('afsnitstitel'),
      number: cell('nr'),
      text: cell('anbefaling'),
      deadline: cell('frist') ? isoDate(cell('frist')) : undefined,
      owner: cell('ansvarlig'),
    });
    let section = sections.get(value.sectionNumber);
    if (!section) {
      section = {
        line,
        depth: 1,
        number: value.sectionNumber,
        title: value.sectionTitle,
        text: '',
        status: null,
        writerFacilityId: null,
        items: [],
      };
      sections.set(value.sectionNumber, section);
    } else if (section.title !== value.sectionTitle) {
      rowErrors.push({
        field: 'sectionTitle',
        rule: 'sameSectionTitle',
        message: `afsnit ${section.number} hedder »${section.title}« i række ${section.line}`,
      });
    }
    const key = `${value.sectionNumber}|${value.number}`;
    if (seen.has(key))
      rowErrors.push({
        field: 'number',
        rule: 'uniqueInSection',
        message: `samme nummer i afsnittet som række ${seen.get(key)}`,
      });
    seen.set(key, line);
    errors.push(...rowErrors.map(at));
    section.items.push({
      line,
      number: value.number,
      text: value.text,
      owner: value.owner ?? '',
      deadline: value.deadline ?? null,
      findingId: null,
      status: null,
      writerFacilityId: null,
    });
  }
  return [...sections.values()];
}

function readStructured(
  rows: Rows,
  errors: FieldError[],
  statuses: readonly StatusChoice[],
  facilities: readonly { id: string; name: string }[],
): PlanSectionInput[] {
  const sections: PlanSectionInput[] = [];
  const ids = new Map<string, number>();
  const numbers = new Map<string, number>();
  let depth = 0;
  for (const { line, cell: raw } of rows) {
    const cell = (c: string) => undefuse(raw(c)).trim();
    const err = (column: string, rule: string, message: string) =>
      errors.push({ field: `række ${line}, ${column}`, rule, message });
    const text = (column: string, max: number, required: boolean) => {
      const v = cell(column);
      if (required && !v) err(column, 'isNotEmpty', 'skal udfyldes');
      if (v.length > max) err(column, 'maxLength', `højst ${max} tegn (har ${v.length})`);
      if (containsCpr(v)) err(column, 'noCpr', 'må ikke indeholde et CPR-nummer');
      if (/[\r\n]/.test(v) && max <= 500) err(column, 'singleLine', 'skal stå på én linje');
      return v;
    };
    const type = cell('type').toLowerCase();
    const id = cell('id');
    if (id) {
      if (!UUID.test(id)) err('id', 'isUUID', 'skal være id’et fra eksporten (eller tomt for en ny række)');
      else if (ids.has(id.toLowerCase())) err('id', 'unique', `samme id som række ${ids.get(id.toLowerCase())}`);
      ids.set(id.toLowerCase(), line);
    }
    const versionCell = cell('version');
    const version = versionCell ? Number(versionCell) : undefined;
    if (versionCell && !(Number.isInteger(version) && (version as number) > 0))
      err('version', 'isInt', 'skal være versionen fra eksporten');
    const number = text('nr', 20, false);
    const status = statusOf(cell('status'), text('statustekst', MAX_TEXT, false), statuses, err);
    const writerName = cell('tilbud');
    const writers = writerName ? facilities.filter((f) => f.name.toLowerCase() === writerName.toLowerCase()) : [];
    if (writerName && writers.length !== 1)
      err(
        'tilbud',
        'exists',
        writers.length ? `flere tilbud hedder »${writerName}«` : `tilbuddet »${writerName}« findes ikke`,
      );
    const writerFacilityId = writers.length === 1 ? writers[0].id : null;
    if (HEADING_TYPES.includes(type)) {
      const levelCell = cell('niveau');
      const level = Number(levelCell || '1');
      if (!Number.isInteger(level) || level < 1 || level > 9) err('niveau', 'isInt', 'skal være et tal fra 1 til 9');
      else if (level > depth + 1)
        err(
          'niveau',
          'nesting',
          depth
            ? `niveau ${level} følger en overskrift på niveau ${depth}; der mangler en overskrift på niveau ${depth + 1}`
            : 'den første overskrift skal have niveau 1',
        );
      depth = Number.isInteger(level) ? Math.min(level, depth + 1) : depth;
      const title = text('titel', 500, true);
      if (number) {
        if (numbers.has(`§${number}`))
          err('nr', 'unique', `samme nummer som overskriften i række ${numbers.get(`§${number}`)}`);
        numbers.set(`§${number}`, line);
      }
      sections.push({
        line,
        id: id || undefined,
        version,
        depth: Math.max(depth, 1),
        number,
        title,
        text: text('tekst', MAX_TEXT, false),
        status,
        writerFacilityId,
        items: [],
      });
      if (cell('frist')) err('frist', 'headingDeadline', 'en frist står på anbefalingen, ikke på overskriften');
    } else if (type === 'anbefaling') {
      const section = sections.at(-1);
      if (!section) err('type', 'underHeading', 'en anbefaling skal stå under en overskrift');
      if (cell('titel')) err('titel', 'itemTitle', 'en anbefaling har ingen titel; skriv den i tekst');
      const deadlineCell = cell('frist') ? isoDate(cell('frist')) : '';
      if (deadlineCell && !isDateOnly(deadlineCell)) err('frist', 'isDateOnly', 'skal være en dato som 1-2-2027');
      if (number && section) {
        const key = `${sections.length}|${number}`;
        if (numbers.has(key))
          err('nr', 'uniqueInSection', `samme nummer under overskriften som række ${numbers.get(key)}`);
        numbers.set(key, line);
      }
      if (status && section?.status)
        err(
          'status',
          'sectionStatus',
          `status står på overskriften i række ${section.line} og gælder dens anbefalinger`,
        );
      section?.items.push({
        line,
        id: id || undefined,
        version,
        number,
        text: text('tekst', MAX_TEXT, true),
        owner: text('ansvarlig', 200, false),
        deadline: deadlineCell || null,
        findingId: null,
        status,
        writerFacilityId,
      });
    } else {
      err('type', 'isIn', 'skal være overskrift eller anbefaling');
    }
  }
  return sections;
}

function statusOf(
  cell: string,
  text: string,
  statuses: readonly StatusChoice[],
  err: (column: string, rule: string, message: string) => void,
): FileStatus | null {
  if (!cell) {
    if (text) err('status', 'isNotEmpty', 'skal udfyldes, når der er en statustekst');
    return null;
  }
  const find = (label: string) => {
    const s = statuses.find((x) => x.label === label.toLowerCase());
    if (!s?.active) {
      err(
        'status',
        'activeStatus',
        `»${label}« er ikke en status på listen (${statuses
          .filter((x) => x.active)
          .map((x) => x.label)
          .join(', ')})`,
      );
      return null;
    }
    return s;
  };
  const split = splitStatusCell(cell);
  if (!split) {
    const s = find(cell);
    return s ? { statusId: s.id, parts: null, text } : null;
  }
  const parts: { group: string; statusId: string }[] = [];
  const chosen: StatusChoice[] = [];
  for (const p of split) {
    if (!p.group) err('status', 'statusGroup', `skriv målgruppen før status, fx »Børn og unge: ${p.label}«`);
    else if (parts.some((x) => x.group.toLowerCase() === p.group.toLowerCase()))
      err('status', 'uniqueGroup', `målgruppen »${p.group}« står to gange`);
    const s = find(p.label);
    if (s && p.group) {
      parts.push({ group: p.group, statusId: s.id });
      chosen.push(s);
    }
  }
  if (parts.length !== split.length) return null;
  return { statusId: overallStatus(chosen).id, parts, text };
}

/** A split status counts as met only when every part is met; otherwise it is the first part not met. */
export function overallStatus<T extends { done: boolean }>(parts: T[]): T {
  return parts.find((p) => !p.done) ?? parts[0];
}

export const EXPORT_HEADER = [...STRUCTURED_COLUMNS, ...INFO_COLUMNS];

/** One row of the structured export: a heading or a recommendation with its status, as the plan stands. */
export interface PlanFileRow {
  id: string;
  type: 'overskrift' | 'anbefaling';
  depth: number | null;
  number: string;
  title: string;
  text: string;
  owner: string;
  deadline: string | null;
  status: string;
  statusText: string;
  version: number;
  /** The facility whose leaders write this row's status, if set on it. */
  writer: string;
  changedAt: Date | null;
  changedBy: string | null;
}

/** The plan as a structured file (headings and recommendations in reading order with their statuses). */
export function planStatusFile(
  rows: PlanFileRow[],
  format: TableFormat,
): Promise<{ contentType: string; data: Buffer }> {
  return tableExport(
    format,
    'Plan',
    EXPORT_HEADER,
    rows.map((r) => [
      r.id,
      r.type,
      r.depth ?? '',
      r.number,
      r.title,
      r.text,
      r.owner,
      r.deadline ?? '',
      r.status,
      r.statusText,
      r.version,
      r.writer,
      r.changedAt ? danishDay(r.changedAt) : '',
      r.changedBy ?? '',
    ]),
  );
}
