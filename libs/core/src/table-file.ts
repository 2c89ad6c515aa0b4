import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type FieldError, InvalidInputError } from './errors.js';
import { findHostileInput } from './hostile-input.js';
import { decodeTextFile, type TextEncoding } from './text-encoding.js';

/** The columns an import file may and must have (lower-case header words) and its row limit. */
export interface TableSpec {
  columns: readonly string[];
  required: readonly string[];
  maxRows: number;
}

export interface TableRow {
  /** Line (CSV) or row (XLSX) number in the file, the header being 1, for error messages. */
  line: number;
  cell(column: string): string;
}

type Records = { record: string[]; line: number }[];

function csvRecords(text: string): Records | FieldError {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const parsed = parse(text, {
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ record, line: info.lines }));
  } catch (e) {
    return {
      field: `linje ${(e as { lines?: number }).lines ?? '?'}`,
      rule: 'csv',
      message: `filen kan ikke læses som CSV: ${(e as Error).message}`,
    };
  }
}

async function xlsxRecords(data: Buffer): Promise<Records | FieldError> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return {
      field: 'fil',
      rule: 'xlsx',
      message: `filen kan ikke læses som Excel-ark (xlsx): ${(e as Error).message}`,
    };
  }
  const sheet = book.worksheets[0];
  const records: Records = [];
  sheet?.eachRow((row, line) => {
    const record = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text.trim());
    if (record.some(Boolean)) records.push({ record, line });
  });
  return records;
}

/** How an import file was read, for its receipt: the text encoding of a CSV, or "Excel (xlsx)". */
export type TableFileReading = TextEncoding | 'Excel (xlsx)';

export interface TableFile {
  rows: TableRow[];
  /** The header's column words (lower case), in file order; empty when the file could not be read. */
  columns: string[];
  errors: FieldError[];
  readAs: TableFileReading;
}

/**
 * Reads an import file, CSV (semicolon or comma; UTF-8, UTF-16 or Windows-1252, see decodeTextFile)
 * or XLSX (first sheet), into rows by header word, or returns every structural error with its line
 * or column: undecodable text, unknown or missing columns, too many rows, rows whose field count
 * differs from the header, cells with NUL. Field-level rules are the caller's, checked afterwards for all rows, so
 * an import is all-or-nothing.
 */
export async function readTableFile(data: Buffer, format: 'csv' | 'xlsx', spec: TableSpec): Promise<TableFile> {
  let readAs: TableFileReading = 'Excel (xlsx)';
  let records: Records | FieldError;
  if (format === 'xlsx') records = await xlsxRecords(data);
  else {
    const decoded = decodeTextFile(data);
    if (!('text' in decoded)) return { rows: [], columns: [], errors: [decoded], readAs: 'UTF-8' };
    readAs = decoded.encoding;
    records = csvRecords(decoded.text);
  }
  if (!Array.isArray(records)) return { rows: [], columns: [], errors: [records], readAs };
  if (!records.length)
    return { rows: [], columns: [], errors: [{ field: 'fil', rule: 'isNotEmpty', message: 'filen er tom' }], readAs };

  const columns = records[0].record.map((c) => c.toLowerCase());
  const errors: FieldError[] = [];
  for (const c of columns.filter((c) => !spec.columns.includes(c))) {
    errors.push({
      field: `kolonne ${c}`,
      rule: 'knownColumn',
      message: `ukendt kolonne; tilladte: ${spec.columns.join(', ')}`,
    });
  }
  for (const c of spec.required.filter((c) => !columns.includes(c)))
    errors.push({ field: `kolonne ${c}`, rule: 'requiredColumn', message: 'kolonnen mangler' });
  if (records.length - 1 > spec.maxRows)
    errors.push({ field: 'fil', rule: 'maxRows', message: `højst ${spec.maxRows} rækker pr. fil` });
  if (errors.length) return { rows: [], columns, errors, readAs };

  const rows = records.slice(1).map(({ record, line }) => {
    // an Excel row simply ends at its last filled cell
    if (format === 'csv' && record.length !== columns.length) {
      errors.push({
        field: `række ${line}`,
        rule: 'columnCount',
        message: `har ${record.length} felter, overskriften har ${columns.length}`,
      });
    }
    record.forEach((text, i) => {
      const hostile = findHostileInput(text, `række ${line}, kolonne ${columns[i] ?? i + 1}`);
      if (hostile) errors.push(hostile);
    });
    return { line, cell: (column: string) => record[columns.indexOf(column)] ?? '' };
  });
  return { rows, columns, errors, readAs };
}

/** The format an uploaded file's name says it has. */
export function tableFormatOf(fileName: string): 'csv' | 'xlsx' {
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

/** An uploaded CSV or Excel file and its format; a missing or empty one is refused in Danish. */
export function uploadedTable(file?: { buffer: Buffer; originalname: string }): {
  data: Buffer;
  format: 'csv' | 'xlsx';
} {
  if (!file?.buffer.length)
    throw new InvalidInputError('Vælg en fil', [
      { field: 'fil', rule: 'isNotEmpty', message: 'Vælg en CSV- eller Excel-fil' },
    ]);
  return { data: file.buffer, format: tableFormatOf(file.originalname) };
}
