import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '#libs/web';
import { HEADER_FONT_CSS, REPORT_FONT_CSS } from './report-fonts.js';

const escapeHtml = Handlebars.escapeExpression;
const REPORT_CSS = readFileSync(join(projectRoot, 'templates', 'reports', 'report.css'), 'utf8');

/**
 * A report ready to print: the complete HTML for given table-of-contents page numbers, and the
 * header and footer Chromium prints on every page. The same HTML is kept as the report's preview.
 */
export interface ReportDocument {
  title: string;
  /** The document's author in its properties: the authority that issues it. */
  author: string;
  subject?: string;
  /** Anchors whose page numbers the table of contents shows. */
  anchors: string[];
  html(pages: ReadonlyMap<string, number>): string;
  headerTemplate: string;
  footerTemplate: string;
}

/** What the frame around a report's body shows besides the body: title, anchors and the print bands. */
export interface ReportFrame {
  title: string;
  /** The issuing authority, for the PDF's properties; "Tilsyn" when not given. */
  author?: string;
  subject?: string;
  anchors: string[];
  headerLeft: string;
  headerRight: string;
  footerLeft: string;
  /** A class on the document's <main> beside "report", for a kind of document's own type settings. */
  bodyClass?: string;
}

/**
 * The fixed frame around any report's body (the tilsyn report, follow-up status reports): language,
 * title, fonts, the report stylesheet, and the header and footer bands. Band texts are escaped here.
 */
export function framedDocument(
  frame: ReportFrame,
  body: (pages: ReadonlyMap<string, number>) => string,
): ReportDocument {
  const html = (pages: ReadonlyMap<string, number>) =>
    `<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(frame.title)}</title>\n<style>\n${REPORT_FONT_CSS}\n${REPORT_CSS}</style>\n</head>\n` +
    `<body>\n<main class="${['report', frame.bodyClass].filter(Boolean).join(' ')}">\n${body(pages)}\n</main>\n</body>\n</html>\n`;
  const band = (left: string, right: string) =>
    `<style>${HEADER_FONT_CSS}</style><div style="font-family: 'Noto Sans', sans-serif; font-size: 8pt; color: #4a4a4a; width: 100%; margin: 0 18mm; display: flex; justify-content: space-between;"><span>${left}</span><span>${right}</span></div>`;
  return {
    title: frame.title,
    author: frame.author || 'Tilsyn',
    subject: frame.subject,
    anchors: frame.anchors,
    html,
    headerTemplate: band(escapeHtml(frame.headerLeft), escapeHtml(frame.headerRight)),
    footerTemplate: band(
      escapeHtml(frame.footerLeft),
      'Side <span class="pageNumber"></span> af <span class="totalPages"></span>',
    ),
  };
}
