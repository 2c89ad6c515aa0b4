import { pdfFacts } from '../reporting/pdf-facts.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The paragraphs and bullets of a text as written (blank lines part paragraphs; bullet lines are their own). */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .flatMap((block) =>
      /^\s*[\uf0b7•\-–]/m.test(block) ? block.split('\n').map((l) => l.replace(/^\s*[\uf0b7•\-–]\s*/, '')) : [block],
    )
    .map(squash)
    .filter(Boolean);
}

export interface NoteCheck {
  pageCount: number;
  /** Body text of each page, the header and footer bands taken out. */
  pages: string[];
  paragraphs: { expected: number; found: number; missing: string[] };
  /** Pages whose last text is a heading (a heading alone at the foot, or a page holding only headings). */
  headingAtFoot: { page: number; heading: string }[];
}

/**
 * Reads a status note's PDF with pdf.js: its pages, whether every paragraph written is in it (a
 * paragraph split over two pages counts, the bands between taken out), and whether any page ends
 * with a heading.
 */
export async function checkNote(
  pdf: Uint8Array,
  { paragraphs, headings, bands }: { paragraphs: string[]; headings: string[]; bands: string[] },
): Promise<NoteCheck> {
  const facts = await pdfFacts(pdf);
  const pages = facts.pages.map((text, i) => {
    let body = squash(text);
    body = body.replace(new RegExp(`Side ${i + 1} af ${facts.pages.length}`), ' ');
    for (const band of bands) body = body.split(squash(band)).join(' ');
    return squash(body);
  });
  const all = pages.join(' ');
  const missing = paragraphs.map(squash).filter((p) => !all.includes(p));
  const headingAtFoot = pages.flatMap((body, i) => {
    const heading = headings.map(squash).find((h) => body.endsWith(h));
    return heading ? [{ page: i + 1, heading }] : [];
  });
  return {
    pageCount: facts.pages.length,
    pages,
    paragraphs: { expected: paragraphs.length, found: paragraphs.length - missing.length, missing },
    headingAtFoot,
  };
}
