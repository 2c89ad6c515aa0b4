/** A document's HTML runs nothing and loads nothing but its own inline styles and data: fonts. */
export const DOCUMENT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/**
 * The Content-Disposition header for a file with this name (RFC 6266): the name in UTF-8 for
 * browsers, and an ASCII stand-in (other characters, quotes and backslashes as "_") for the rest.
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
