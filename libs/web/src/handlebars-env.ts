import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { formatDate, formatDateTime } from '#libs/core';
import { projectRoot } from './project-root.js';
import { textHtml } from './text-blocks.js';

/** The only helpers templates may use (pages, reports and uploaded report templates alike). */
export const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  date: (d: unknown) => formatDate(d as string | Date | null),
  dateTime: (d: unknown) => formatDateTime(d as string | Date | null),
  json: (v: unknown) => JSON.stringify(v),
  /** A URL path from segments, each after the first percent-encoded: (path "/besoeg" visit.id "godkend"). */
  path: (...args: unknown[]) =>
    args
      .slice(0, -1) // the last argument is Handlebars' options
      .map((segment, i) => (i === 0 ? String(segment) : encodeURIComponent(String(segment))))
      .join('/'),
  /** A free text as written: paragraphs, line breaks and bullet lists, escaped (see textBlocks). */
  paragraphs: (t: unknown) => new Handlebars.SafeString(textHtml(typeof t === 'string' ? t : '')),
};

/**
 * An isolated Handlebars environment with our helpers and every partial under templates/partials,
 * so one partial renders the same in a page and in a PDF. Output is always HTML-escaped except
 * where a helper returns a SafeString it built from escaped parts.
 */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hbs.registerHelper(name, fn);
  const dir = join(projectRoot, 'templates', 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8'));
  }
  return hbs;
}

export function compileTemplate(hbs: typeof Handlebars, source: string) {
  return hbs.compile(source, { strict: false, noEscape: false, knownHelpersOnly: false });
}
