import { danishDay, type FieldError, readTableFile, type TableFileReading } from '#libs/core';
import { type TableFormat, tableExport, validateForm } from '#libs/web';
import { PlanRowDto } from './follow-up.dto.js';
import type { ItemRow } from './follow-up.repository.js';

/** The plan file's Danish column words and the row field each fills. */
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
const MAX_ROWS = 2000;

export interface PlanSection {
  number: string;
  title: string;
  items: { number: string; text: string; owner: string; deadline: string | null; findingId: null }[];
}

/** "1-2-2027" and "01.02.2027" as written in Danish sheets become 2027-02-01; anything else is left for validation. */
const isoDate = (cell: string) => {
  const dmy = cell.match(/^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/);
  return dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : cell;
};

/**
 * Reads a follow-up plan (one row per recommendation) into numbered sections, or returns every
 * error by row and column: the file's structure, each row's fields, a section number with two
 * titles, a recommendation number used twice in a section.
 */
export async function readPlanFile(
  data: Buffer,
  format: 'csv' | 'xlsx',
): Promise<{ sections: PlanSection[]; errors: FieldError[]; readAs: TableFileReading }> {
  const { rows, errors, readAs } = await readTableFile(data, format, {
    columns: Object.keys(PLAN_COLUMNS),
    required: REQUIRED,
    maxRows: MAX_ROWS,
  });
  if (!errors.length && !rows.length)
    errors.push({ field: 'fil', rule: 'isNotEmpty', message: 'filen har ingen rækker' });
  const sections = new Map<string, PlanSection & { line: number }>();
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
      section = { number: value.sectionNumber, title: value.sectionTitle, line, items: [] };
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
      number: value.number,
      text: value.text,
      owner: value.owner ?? '',
      deadline: value.deadline ?? null,
      findingId: null,
    });
  }
  return { sections: errors.length ? [] : [...sections.values()].map(({ line: _, ...s }) => s), errors, readAs };
}

const EXPORT_HEADER = [...Object.keys(PLAN_COLUMNS), 'status', 'statustekst', 'opdateret', 'opdateret af'];

/** The status table of a plan, one row per recommendation, in the plan file's columns plus the status. */
export function planStatusFile(items: ItemRow[], format: TableFormat): Promise<{ contentType: string; data: Buffer }> {
  const rows = items.map((i) => [
    i.sectionNumber,
    i.sectionTitle,
    i.number,
    i.text,
    i.deadline ?? '',
    i.owner,
    i.statusLabel,
    i.statusText,
    i.statusChangedAt ? danishDay(i.statusChangedAt) : '',
    i.statusChangedBy ?? '',
  ]);
  return tableExport(format, 'Status', EXPORT_HEADER, rows);
}
