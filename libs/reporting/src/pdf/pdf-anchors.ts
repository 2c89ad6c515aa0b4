import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Where the anchors landed in a printed PDF. Chromium turns every in-document link target
 * (<a href="#x">) into a named destination on the page where x was printed; the table of
 * contents links to each anchor, so each has one.
 */
export async function anchorPages(pdf: Uint8Array, anchors: string[]): Promise<{ pages: Map<string, number>; pageCount: number }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const dests = await doc.getDestinations();
    const pages = new Map<string, number>();
    for (const anchor of anchors) {
      const dest = dests[anchor];
      if (dest?.[0]) pages.set(anchor, (await doc.getPageIndex(dest[0])) + 1);
    }
    return { pages, pageCount: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
