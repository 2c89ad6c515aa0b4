import Handlebars from 'handlebars';

/** A free text as written: paragraphs (their lines kept) and bullet lists, in order. */
export type TextBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[][] };

/**
 * Bullets people type or paste: "•", "-", "–", "*", "·", "▪", "o" and U+F0B7, the private-use bullet
 * of the Symbol font that Word lists pasted from a PDF arrive with (usually followed by a tab).
 */
const BULLET = /^\s*(?:[•·▪\uf0b7]\s*|[-–*o]\s+)/u;

/**
 * Splits a free text into paragraphs at blank lines and into bullet lists at bulleted lines. A line
 * after a bullet line that is neither blank nor bulleted continues that bullet (text pasted from a
 * PDF breaks long bullets over lines).
 */
export function textBlocks(text: string | null | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock | null = null;
  for (const raw of (text ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      current = null;
      continue;
    }
    const bullet = BULLET.exec(raw);
    if (bullet && line.length > bullet[0].trim().length) {
      const item = [raw.slice(bullet[0].length).trim()];
      if (current?.kind === 'list') current.items.push(item);
      else {
        current = { kind: 'list', items: [item] };
        blocks.push(current);
      }
    } else if (current?.kind === 'list') current.items[current.items.length - 1].push(line);
    else if (current) current.lines.push(line);
    else {
      current = { kind: 'paragraph', lines: [line] };
      blocks.push(current);
    }
  }
  return blocks;
}

const lines = (ls: string[]) => ls.map((l) => Handlebars.escapeExpression(l)).join('<br>');

/** The text as escaped HTML: each paragraph a <p>, each list a <ul>; line breaks within them kept. */
export function textHtml(text: string | null | undefined): string {
  return textBlocks(text)
    .map((b) =>
      b.kind === 'paragraph'
        ? `<p>${lines(b.lines)}</p>`
        : `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`,
    )
    .join('');
}
