import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';

/** Text that Excel would run as a formula is prefixed with an apostrophe (CSV injection). */
const defuse = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
/** A number in a CSV cell with the Danish decimal comma, as Danish Excel reads it (an XLSX cell stays a number). */
const csvCell = (v: string | number) => (typeof v === 'number' ? String(v).replace('.', ',') : defuse(v));

/** A header and rows as CSV (semicolons, decimal commas and a BOM, as Danish Excel expects) or as an XLSX sheet. */
export async function tableExport(
  format: TableFormat,
  sheetName: string,
  header: string[],
  rows: (string | number)[][],
): Promise<{ contentType: string; data: Buffer }> {
  if (format === 'csv') {
    const text = stringify([header, ...rows.map((r) => r.map(csvCell))], {
      delimiter: ';',
      bom: true,
      record_delimiter: 'windows',
    });
    return { contentType: 'text/csv; charset=utf-8', data: Buffer.from(text, 'utf8') };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  sheet.addRows(rows);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: Buffer.from(await book.xlsx.writeBuffer()),
  };
}
