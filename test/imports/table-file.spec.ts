import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeTextFile, readTableFile } from '#libs/core';

const spec = { columns: ['afsnit', 'anbefaling'], required: ['afsnit', 'anbefaling'], maxRows: 10 };
const text = 'afsnit;anbefaling\r\n1.1;Bæredygtig økonomi på Åbrinken – “ny” plan • 5 €\r\n1.2;Ærø og Østerå\r\n';
const cells = async (data: Buffer) => {
  const { rows, errors, readAs } = await readTableFile(data, 'csv', spec);
  return { errors, readAs, cells: rows.map((r) => [r.cell('afsnit'), r.cell('anbefaling')]) };
};
const expected = [
  ['1.1', 'Bæredygtig økonomi på Åbrinken – “ny” plan • 5 €'],
  ['1.2', 'Ærø og Østerå'],
];

describe('reading an import file in the encoding it was saved in', () => {
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 med BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE', iconv.encode(text, 'utf-16le', { addBOM: true })],
    ['UTF-16 BE', iconv.encode(text, 'utf-16be', { addBOM: true })],
    ['Windows-1252', iconv.encode(text, 'windows-1252')],
  ])('reads every æ, ø, å, dash, quote, bullet and € of a %s file and says how it read it', async (encoding, data) => {
    expect(await cells(data)).toEqual({ errors: [], readAs: encoding, cells: expected });
  });

  it('refuses bytes Windows-1252 does not define, naming the row they are on', async () => {
    const data = Buffer.concat([
      iconv.encode('afsnit;anbefaling\n1.1;Fint\n1.2;Gr', 'windows-1252'),
      Buffer.from([0x81, 0x0a]),
    ]);
    const { errors, cells: rows } = await cells(data);
    expect(rows).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ field: 'række 3', rule: 'encoding' })]);
    expect(errors[0].message).toContain('Windows-1252');
  });

  it('refuses UTF-16 without a byte order mark rather than importing its NULs', async () => {
    const { errors } = await cells(iconv.encode('afsnit;anbefaling\n1;Ærø\n', 'utf-16le'));
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses UTF-16 cut in the middle of a character', () => {
    const data = iconv.encode('afsnit;anbefaling\n1;Ærø\n2;x', 'utf-16le', { addBOM: true });
    expect(decodeTextFile(data.subarray(0, data.length - 1))).toEqual(
      expect.objectContaining({ field: 'række 3', rule: 'encoding' }),
    );
  });

  it('refuses a UTF-8 file that already holds replacement characters from an earlier bad conversion', () => {
    expect(decodeTextFile(Buffer.from('afsnit;anbefaling\n1;Fint\n2;B\ufffdrn\n', 'utf8'))).toEqual(
      expect.objectContaining({ field: 'række 3', rule: 'encoding' }),
    );
  });
});
