import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readPlanFile } from '../../libs/follow-up/src/plan-file.js';

const csv = (text: string) => readPlanFile(Buffer.from(text, 'utf8'), 'csv');

describe('reading a follow-up plan file', () => {
  it('groups rows into numbered sections, with Danish dates read as ISO dates', async () => {
    const { sections, errors } = await csv(
      'afsnit;afsnitstitel;nr;anbefaling;frist;ansvarlig\n' +
        '1.1;Fysiske rammer;1;Fællesstuen indrettes, så den kan bruges af kørestolsbrugere;1-2-2027;Forstander\n' +
        '1.1;Fysiske rammer;2;Haven gøres tilgængelig;;\n' +
        '1.2;Kompetencer;1;Alle medarbejdere får kursus i låneregler;2027-03-01;Souschef\n',
    );
    expect(errors).toEqual([]);
    expect(sections.map((s) => [s.number, s.title, s.items.length])).toEqual([
      ['1.1', 'Fysiske rammer', 2],
      ['1.2', 'Kompetencer', 1],
    ]);
    expect(sections[0].items[0]).toMatchObject({ number: '1', deadline: '2027-02-01', owner: 'Forstander' });
    expect(sections[0].items[1]).toMatchObject({ deadline: null, owner: '' });
  });

  it('reports every error by row and column and keeps nothing', async () => {
    const { sections, errors } = await csv(
      'afsnit;afsnitstitel;nr;anbefaling;frist;ansvarlig\n' +
        '1.1;Fysiske rammer;1;Haven;31-02-2027;\n' +
        '1.1;Andet navn;1;Igen;;\n' +
        'x;Kompetencer;1;;;\n',
    );
    expect(sections).toEqual([]);
    expect(errors.map((e) => e.field)).toEqual([
      'række 2, frist',
      'række 3, afsnitstitel',
      'række 3, nr',
      'række 4, afsnit',
      'række 4, anbefaling',
    ]);
  });

  it('names unknown and missing columns', async () => {
    const { errors } = await csv('afsnit;titel;nr;anbefaling\n1;x;1;y\n');
    expect(errors.map((e) => e.field)).toEqual(['kolonne titel', 'kolonne afsnitstitel']);
  });

  it('reads the first sheet of an Excel file, with sheet row numbers in errors', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Plan');
    sheet.addRows([
      ['afsnit', 'afsnitstitel', 'nr', 'anbefaling', 'frist', 'ansvarlig'],
      ['2.1', 'Ledelse', '1', 'Fast personalemøde hver måned', '2027-01-15', 'Leder'],
      ['2.1', 'Ledelse', '2', '', '', ''],
    ]);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const { errors } = await readPlanFile(data, 'xlsx');
    expect(errors.map((e) => e.field)).toEqual(['række 3, anbefaling']);
  });
});
