import { type FieldError, readTableFile, type TableFileReading } from '#libs/core';
import type { FacilityTypeDto } from './facility.dto.js';

/** Danish column headers of the import file and the field each fills. */
export const CSV_COLUMNS = {
  navn: 'name',
  adresse: 'address',
  kommune: 'municipality',
  tilbudstype: 'typeCode',
  målgrupper: 'targetGroups',
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

const list = (cell: string) =>
  cell
    .split(/[,|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Accepts a type's code, its legal basis ("SEL § 108") or just the paragraph number ("108"). */
export function resolveTypeCode(cell: string, types: FacilityTypeDto[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '').replace('§', '');
  const wanted = norm(cell);
  const hit = types.find(
    (t) =>
      norm(t.code) === wanted || norm(t.legalBasis) === wanted || norm(t.legalBasis).replace(/^sel/, '') === wanted,
  );
  return hit?.code ?? cell;
}

/**
 * Reads a facility CSV (semicolon or comma separated; UTF-8, UTF-16 or Windows-1252) into rows, or
 * returns every structural error. Field-level rules are checked afterwards with the API's own DTO.
 */
export async function readFacilityCsv(
  data: Buffer,
  types: FacilityTypeDto[],
): Promise<{ rows: CsvRow[]; errors: FieldError[]; readAs: TableFileReading }> {
  const { rows, errors, readAs } = await readTableFile(data, 'csv', {
    columns: Object.keys(CSV_COLUMNS),
    required: REQUIRED,
    maxRows: MAX_ROWS,
  });
  return {
    errors,
    readAs,
    rows: rows.map(({ line, cell }) => ({
      line,
      fields: {
        name: cell('navn'),
        address: cell('adresse'),
        municipality: cell('kommune'),
        typeCode: resolveTypeCode(cell('tilbudstype'), types),
        targetGroups: list(cell('målgrupper')),
        places: cell('pladser') === '' ? undefined : Number(cell('pladser')),
        units: list(cell('afdelinger')),
        leaderEmails: list(cell('ledere')),
      },
    })),
  };
}
