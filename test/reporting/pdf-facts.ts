import { getDocument, OPS, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a reader (or pdfinfo, pdffonts and pdftotext) would learn from a PDF, read with pdf.js. */
export interface PdfFacts {
  pages: string[];
  title: string;
  author: string;
  subject: string;
  language: string;
  tagged: boolean;
  hasStructTree: boolean;
  /** Fonts used on any page: name and whether the font file is inside the PDF. */
  fonts: { name: string; embedded: boolean }[];
  outline: string[];
  /** Named destination → page number. */
  destinations: Record<string, number>;
  pageSize: { width: number; height: number };
  /** Pictures drawn, per page (1-based page → count). */
  images: Record<number, number>;
}

export async function pdfFacts(pdf: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
  }).promise;
  try {
    const pages: string[] = [];
    const fonts = new Map<string, boolean>();
    let hasStructTree = false;
    let pageSize = { width: 0, height: 0 };
    const images: Record<number, number> = {};
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      if (n === 1) pageSize = { width: page.view[2], height: page.view[3] };
      const content = await page.getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, k) => {
        if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) images[n] = (images[n] ?? 0) + 1;
        if (fn !== OPS.setFont) return;
        const font = page.commonObjs.get(ops.argsArray[k][0]) as { name: string; missingFile: boolean };
        fonts.set(font.name, !font.missingFile);
      });
      hasStructTree ||= !!(await page.getStructTree());
    }
    const { info } = (await doc.getMetadata()) as {
      info: { Title?: string; Author?: string; Subject?: string; Language?: string };
    };
    const dests = await doc.getDestinations();
    const destinations: Record<string, number> = {};
    for (const [name, dest] of Object.entries(dests))
      if (dest?.[0]) destinations[name] = (await doc.getPageIndex(dest[0] as never)) + 1;
    return {
      pages,
      title: info.Title ?? '',
      author: info.Author ?? '',
      subject: info.Subject ?? '',
      language: info.Language ?? '',
      tagged: !!(await doc.getMarkInfo())?.Marked,
      hasStructTree,
      fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })),
      outline: flatten((await doc.getOutline()) ?? []),
      destinations,
      pageSize,
      images,
    };
  } finally {
    await doc.destroy();
  }
}

type OutlineItem = { title: string; items: OutlineItem[] };
const flatten = (items: OutlineItem[]): string[] => items.flatMap((i) => [i.title, ...flatten(i.items)]);
