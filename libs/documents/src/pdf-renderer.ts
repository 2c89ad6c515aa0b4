import type { OnApplicationShutdown } from '@nestjs/common';
import type { PDFOptions } from 'puppeteer-core';
import { BrowserPool, type BrowserPoolOptions } from './browser-pool.js';
import type { ReportDocument } from './framed-document.js';
import { estimatePages, fillTocPages, loadFonts } from './page-estimate.js';
import { anchorPages } from './pdf-anchors.js';
import { withDocumentProperties } from './pdf-info.js';

/** A4 with room for the header and footer bands. */
const MARGIN_MM = { top: 22, right: 18, bottom: 20, left: 18 };
const PX_PER_MM = 96 / 25.4;
/** The printed content box in CSS pixels: the layout the page estimate measures. */
export const CONTENT_BOX = {
  width: Math.round((210 - MARGIN_MM.left - MARGIN_MM.right) * PX_PER_MM),
  height: (297 - MARGIN_MM.top - MARGIN_MM.bottom) * PX_PER_MM,
};
/** Prints after the first: one when the estimate was wrong; a third only if the numbers themselves moved something. */
const MAX_PRINTS = 3;

export interface RenderedPdf {
  pdf: Buffer;
  /** The HTML exactly as printed, table-of-contents numbers included: the report's preview. */
  html: string;
  pageCount: number;
  /** 1 when the estimated page numbers were right. */
  prints: number;
}

export type PdfRendererOptions = Partial<Omit<BrowserPoolOptions, 'viewport'>>;

export function pdfOptions(doc: ReportDocument): PDFOptions {
  const mm = (n: number) => `${n}mm`;
  return {
    format: 'A4',
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: true,
    headerTemplate: doc.headerTemplate,
    footerTemplate: doc.footerTemplate,
    margin: {
      top: mm(MARGIN_MM.top),
      right: mm(MARGIN_MM.right),
      bottom: mm(MARGIN_MM.bottom),
      left: mm(MARGIN_MM.left),
    },
  };
}

/** Pages of the process's browser that print at once. */
export const PDF_PAGES = 2;

/**
 * Prints report documents to tagged A4 PDFs on a shared browser pool. The table of contents gets
 * its page numbers in one print in the usual case: the numbers are estimated in the page, printed,
 * and checked against where Chromium actually put each anchor; only a wrong guess prints again.
 */
export class PdfRenderer implements OnApplicationShutdown {
  readonly pool: BrowserPool;

  constructor(options: PdfRendererOptions = {}) {
    this.pool = new BrowserPool({
      pages: PDF_PAGES,
      rendersPerBrowser: 200,
      renderTimeoutMs: 30_000,
      ...options,
      viewport: { width: CONTENT_BOX.width, height: Math.ceil(CONTENT_BOX.height) },
    });
  }

  async render(doc: ReportDocument): Promise<RenderedPdf> {
    const options = { ...pdfOptions(doc), timeout: 0 }; // the pool's render timeout governs
    const out = await this.pool.run(async (page) => {
      await page.setContent(doc.html(new Map()), { waitUntil: 'load', timeout: 0 });
      await page.evaluate(loadFonts);
      let printed = new Map(Object.entries(await page.evaluate(estimatePages, doc.anchors, CONTENT_BOX.height)));
      for (let prints = 1; ; prints++) {
        const pdf = Buffer.from(await page.pdf(options));
        const landed = await anchorPages(pdf, doc.anchors);
        if (sameNumbers(printed, landed.pages) || prints === MAX_PRINTS)
          return { pdf, printed, pageCount: landed.pageCount, prints };
        printed = landed.pages;
        await page.evaluate(fillTocPages, Object.fromEntries(printed));
      }
    });
    // the page is free for the next document while this one's properties and HTML are written
    return {
      pdf: withDocumentProperties(out.pdf, { title: doc.title, author: doc.author, subject: doc.subject }),
      html: doc.html(out.printed),
      pageCount: out.pageCount,
      prints: out.prints,
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
