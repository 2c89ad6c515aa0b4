import { danishDay } from '#libs/core';

/**
 * A file name people can file: "Tilsynsrapport – Bostedet Lærkereden – 2026-12-10.pdf". The parts
 * are joined by " – " (the document kind first, then what it is about, then its date as
 * YYYY-MM-DD so names sort by date); empty parts are left out. Characters Windows, macOS or a
 * mail client refuse in a name (/ \ : * ? " < > | and control characters) become "-", runs of
 * spaces become one, and the name is kept under 150 characters with its extension.
 */
export function documentFileName(
  parts: readonly (string | null | undefined)[],
  extension: string,
  date?: Date | string | null,
): string {
  const day = date ? (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : danishDay(date)) : '';
  const clean = (s: string) =>
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[.\s-]+|[.\s]+$/g, '');
  const named = [...parts, day].map((p) => clean(p ?? '')).filter(Boolean);
  const ext = clean(extension).replace(/^\.+/, '');
  let base = named.join(' – ') || 'dokument';
  const room = 150 - ext.length - 1;
  if (base.length > room) base = base.slice(0, room).trimEnd();
  return `${base}.${ext}`;
}

const ASCII_STAND_INS: Record<string, string> = {
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  Æ: 'Ae',
  Ø: 'Oe',
  Å: 'Aa',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  é: 'e',
  '–': '-',
  '—': '-',
};

/** The name in plain ASCII for clients that ignore filename*: æ → ae, ø → oe, å → aa, – → -, others "_". */
export function asciiFileName(fileName: string): string {
  return fileName
    .replace(/[æøåÆØÅäöüé–—]/g, (c) => ASCII_STAND_INS[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}
