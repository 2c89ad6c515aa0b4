import type { Response } from 'express';
import { asciiFileName } from './file-name.js';

/** A document's HTML runs nothing and loads nothing but its own inline styles and data: fonts. */
export const DOCUMENT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** RFC 5987 value-chars: what encodeURIComponent leaves alone except ' ( ) *, which must be encoded too. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition header for a file with this name (RFC 6266): the name in UTF-8 for
 * browsers (filename*, RFC 5987), and an ASCII stand-in (æ → ae, – → -, other characters, quotes
 * and backslashes as "_") for the rest.
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'attachment'): string {
  return `${disposition}; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** Sends a made file (export, upload kept) as a download under its name. */
export function sendFile(res: Response, file: { fileName: string; contentType: string; data: Buffer }) {
  res.type(file.contentType).set('Content-Disposition', contentDisposition(file.fileName)).send(file.data);
}
