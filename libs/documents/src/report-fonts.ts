import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Noto Sans from @fontsource/noto-sans (OFL): regular and bold, latin and latin-ext (æøå and names from abroad). */
const FACES = [
  'latin-400-normal',
  'latin-700-normal',
  'latin-400-italic',
  'latin-ext-400-normal',
  'latin-ext-700-normal',
];

const packageDir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans/package.json'));

/**
 * @font-face rules with the font files inlined as data: URLs. The PDF page fetches nothing (every
 * request is blocked), and a server without system fonts still prints every glyph, because the
 * font travels inside the HTML. Unicode ranges are fontsource's, so latin-ext loads only when used.
 */
function inlineFaces(faces: string[]): string {
  return faces
    .map((face) => {
      const [, weight, style] = face.match(/(\d+)-(normal|italic)$/)!;
      const css = readFileSync(join(packageDir, style === 'italic' ? `${weight}-italic.css` : `${weight}.css`), 'utf8');
      const rule = css.match(new RegExp(`/\\* noto-sans-${face} \\*/\\s*@font-face \\{([^}]*)\\}`))?.[1];
      if (!rule) throw new Error(`@fontsource/noto-sans has no face ${face}`);
      const data = readFileSync(join(packageDir, 'files', `noto-sans-${face}.woff2`)).toString('base64');
      const src = `src: url(data:font/woff2;base64,${data}) format('woff2');`;
      return `@font-face {${rule.replace(/src:[^;]*;/, src).replace(/font-display:[^;]*;/, 'font-display: block;')}}`;
    })
    .join('\n');
}

export const REPORT_FONT_CSS = inlineFaces(FACES);
/** Page headers and footers are separate documents: they get the regular face only, kept small. */
export const HEADER_FONT_CSS = inlineFaces(['latin-400-normal']);
