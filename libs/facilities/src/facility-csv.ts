import { type FieldError } from '#libs/core';
import { parse } from 'csv-parse/sync';
import type { FacilityTypeDto } from './facility.dto.js';

/** Danish column headers of the import file and the field each fills. */
export const CSV_COLUMNS = {
  navn: 'name',
  adresse: 'address',
  kommune: 'municipality',
  tilbudstype: 'typeCode',
  'målgrupper': 'targetGroups',
  pladser: 'places',
  afdelinger: 'units',
  ledere: 'leaderEmails',
} as const;
const REQUIRED = ['navn', 'adresse', 'kommune', 'tilbudstype'];
export const MAX_ROWS = 5000;

export interface CsvRow {
  /** Line number in the file (the header is line 1), for error messages. */
  line: number;
  fields: Record<string, unknown> & { leaderEmails: string[] };
}

const list = (cell: string) => cell.split(/[,|]/).map((s) => s.trim()).filter(Boolean);

/** Accepts a type's code, its legal basis ("SEL § 108") or just the paragraph number ("108"). */
export function resolveTypeCode(cell: string, types: FacilityTypeDto[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '').replace('§', '');
  const wanted = norm(cell);
  const hit = types.find((t) => norm(t.code) === wanted || norm(t.legalBasis) === wanted || norm(t.legalBasis).replace(/^sel/, '') === wanted);
  return hit?.code ?? cell;
}

/**
 * Reads a facility CSV (semicolon or comma separated, UTF-8, optional BOM) into rows, or returns
 * every structural error. Field-level rules are checked afterwards with the API's own DTO.
 */
export function readFacilityCsv(text: string, types: FacilityTypeDto[]): { rows: CsvRow[]; errors: FieldError[] } {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { rows: [], errors: [{ field: `linje ${line ?? '?'}`, rule: 'csv', message: `filen kan ikke læses som CSV: ${(e as Error).message}` }] };
  }
  if (!records.length) return { rows: [], errors: [{ field: 'fil', rule: 'isNotEmpty', message: 'filen er tom' }] };

  const columns = records[0].record.map((c) => c.toLowerCase());
  const errors: FieldError[] = [];
  for (const c of columns.filter((c) => !(c in CSV_COLUMNS))) {
    errors.push({ field: `kolonne ${c}`, rule: 'knownColumn', message: `ukendt kolonne; tilladte: ${Object.keys(CSV_COLUMNS).join(', ')}` });
  }
  for (const c of REQUIRED.filter((c) => !columns.includes(c))) {
    errors.push({ field: `kolonne ${c}`, rule: 'requiredColumn', message: 'kolonnen mangler' });
  }
  if (records.length - 1 > MAX_ROWS) errors.push({ field: 'fil', rule: 'maxRows', message: `højst ${MAX_ROWS} rækker pr. fil` });
  if (errors.length) return { rows: [], errors };

  const rows = records.slice(1).map(({ record, info }) => {
    if (record.length !== columns.length) {
      errors.push({ field: `række ${info.lines}`, rule: 'columnCount', message: `har ${record.length} felter, overskriften har ${columns.length}` });
    }
    const cell = (name: string) => record[columns.indexOf(name)] ?? '';
    const fields = {
      name: cell('navn'),
      address: cell('adresse'),
      municipality: cell('kommune'),
      typeCode: resolveTypeCode(cell('tilbudstype'), types),
      targetGroups: list(cell('målgrupper')),
      places: cell('pladser') === '' ? undefined : Number(cell('pladser')),
      units: list(cell('afdelinger')),
      leaderEmails: list(cell('ledere')),
    };
    return { line: info.lines, fields };
  });
  return { rows, errors };
}
