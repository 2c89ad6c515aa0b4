import iconv from 'iconv-lite';
import type { FieldError } from './errors.js';

/** The encodings an uploaded text file is read in, named as the import receipt states them. */
export type TextEncoding = 'UTF-8' | 'UTF-8 med BOM' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Where the first character no person wrote is: a C0 control other than tab, line feed and carriage
 * return, the replacement character, or half a surrogate pair. A wrongly decoded file leaves them.
 */
function firstUnreadable(text: string, nulIsText: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 && nulIsText) continue;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

function decodeAs(data: Buffer): { text: string; encoding: TextEncoding } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return { text: data.subarray(3).toString('utf8'), encoding: 'UTF-8 med BOM' };
  if (data[0] === 0xff && data[1] === 0xfe)
    return { text: iconv.decode(data.subarray(2), 'utf-16le', { stripBOM: false }), encoding: 'UTF-16 LE' };
  if (data[0] === 0xfe && data[1] === 0xff)
    return { text: iconv.decode(data.subarray(2), 'utf-16be', { stripBOM: false }), encoding: 'UTF-16 BE' };
  try {
    return { text: utf8.decode(data), encoding: 'UTF-8' };
  } catch {
    // what Danish Excel writes when asked for "CSV (semikolonsepareret)"
    return { text: iconv.decode(data, 'windows-1252'), encoding: 'Windows-1252' };
  }
}

/**
 * Reads an uploaded text file: UTF-8 with or without BOM, UTF-16 LE or BE (by their BOM), or else
 * Windows-1252 when the bytes are not UTF-8. Text that still holds characters no person wrote
 * (a byte Windows-1252 leaves undefined, a broken UTF-16 pair, NUL from UTF-16 without a BOM) is
 * refused with the line it is on rather than imported with "�" in it.
 */
export function decodeTextFile(data: Buffer): { text: string; encoding: TextEncoding } | FieldError {
  const decoded = decodeAs(data);
  // NUL in valid UTF-8 is hostile input, refused by the table reader's own check (noNul)
  const bad = firstUnreadable(decoded.text, decoded.encoding === 'UTF-8');
  if (decoded.encoding.startsWith('UTF-16') && data.length % 2 === 1) {
    return {
      field: `række ${decoded.text.split('\n').length}`,
      rule: 'encoding',
      message: `filen ender midt i et tegn og kan ikke læses som ${decoded.encoding}`,
    };
  }
  if (bad < 0) return decoded;
  const line = decoded.text.slice(0, bad).split('\n').length;
  return {
    field: `række ${line}`,
    rule: 'encoding',
    message: `indeholder tegn, der ikke kan læses som ${decoded.encoding}; gem filen som CSV UTF-8 og prøv igen`,
  };
}
