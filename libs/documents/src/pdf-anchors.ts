type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<Pdfjs> | undefined;

/**
 * pdf.js's Node (legacy) build carries core-js, which on import replaces Array.prototype.push and
 * JSON.parse/stringify for the whole process with slower JavaScript versions (for edge cases of
 * older V8), slowing every request of the server. So it is loaded on first use, and those
 * built-ins are put back right after.
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= (async () => {
    const { push } = Array.prototype;
    const { parse, stringify } = JSON;
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      Array.prototype.push = push;
      Object.assign(JSON, { parse, stringify });
    }
  })();
  return pdfjs;
}

/**
 * Where the anchors landed in a printed PDF. Chromium turns every in-document link target
 * (<a href="#x">) into a named destination on the page where x was printed; the table of
 * contents links to each anchor, so each has one.
 */
export async function anchorPages(
  pdf: Uint8Array,
  anchors: string[],
): Promise<{ pages: Map<string, number>; pageCount: number }> {
  const { getDocument, VerbosityLevel } = await loadPdfjs();
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
  }).promise;
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
