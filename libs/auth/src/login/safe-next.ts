const ORIGIN = 'http://tilsyn.invalid';

const controlOrBackslash = (text: string) => [...text].some((c) => c === '\\' || c <= '\u001f' || c === '\u007f');

/**
 * Where to go after login: `next` only if it is a path on this site, else the front page. Browsers
 * read `\` as `/` and drop tabs and newlines, so `/\evil`, `//evil`, `/\t/evil` would all leave the
 * site; those, any scheme and any control character are refused, and what is left must resolve to
 * our own origin.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || controlOrBackslash(next)) return '/';
  try {
    return new URL(next, ORIGIN).origin === ORIGIN ? next : '/';
  } catch {
    return '/';
  }
}
