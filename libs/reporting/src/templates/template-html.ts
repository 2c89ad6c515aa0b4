import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface HtmlProblem {
  line: number | null;
  message: string;
}

/** Elements that run, load or submit something, or change where links go; a report needs none of them. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'base',
  'meta',
  'form',
  'portal',
  'noscript',
  'foreignobject',
  // SVG animation can set an attribute (href="javascript:…") after any check of the markup
  'set',
  'animate',
]);

/** Attributes whose value is fetched or followed as an address. */
const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'srcset',
  'imagesrcset',
  'action',
  'formaction',
  'poster',
  'background',
  'data',
  'codebase',
  'cite',
  'longdesc',
  'ping',
  'manifest',
  'lowsrc',
  'dynsrc',
]);

/** Handlebars tags that write nothing themselves (blocks, else, comments, our partials). */
const NON_OUTPUT_TAGS = /\{\{!--[\s\S]*?--\}\}|\{\{~?\s*(?:[#/^!>*]|else\b)[^}]*\}\}/g;

/** A mustache that writes a value (not a block, comment or else). */
const OUTPUT = /\{\{(?![#/^!]|else\b)/;

/** An image written into the document itself; the pages' CSP allows `data:` images and nothing remote. */
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp)[;,]/i;

/**
 * What CSS may not do in a report: load anything (url() other than `#…` or an inline image,
 * @import, image-set()), run old script hooks, or hide any of that behind CSS escapes.
 */
function cssProblem(css: string): string | undefined {
  if (OUTPUT.test(css)) return 'CSS må ikke indeholde værdier ({{…}}): data kunne hente noget udefra';
  if (css.includes('\\')) return 'CSS må ikke indeholde escape-tegn (\\)';
  if (/@import/i.test(css)) return 'CSS må ikke hente andre stylesheets (@import)';
  if (/(^|[^a-z-])(image-set|-webkit-image-set|image)\s*\(/i.test(css)) return 'CSS må ikke hente billeder udefra';
  if (/expression\s*\(|-moz-binding|behavior\s*:/i.test(css)) return 'CSS må ikke køre kode';
  for (const m of css.matchAll(/url\s*\(\s*(['"]?)([^'")]*)/gi)) {
    const address = m[2].trim();
    if (!address.startsWith('#') && !INLINE_IMAGE.test(address))
      return `CSS må ikke hente noget udefra (url(${address.slice(0, 60)}))`;
  }
  return undefined;
}

/** A value whose start the template writes itself (not data), pointing inside the report or at an inline image. */
function addressProblem(name: string, value: string, element: string): string | undefined {
  const address = value.trim();
  if (address.startsWith('#')) return undefined;
  if (name === 'src' && element === 'img' && INLINE_IMAGE.test(address)) return undefined;
  if (address.startsWith('{{'))
    return `${name}="${address.slice(0, 40)}" må ikke begynde med data: adressen skal stå i skabelonen (#…)`;
  return `${name}="${address.slice(0, 60)}" peger ud af rapporten; kun henvisninger i rapporten (#…) er tilladt`;
}

/**
 * Checks a report template's HTML with a real HTML parser (parse5, as a browser reads it: entities
 * decoded, any case, SVG included) against what the pages' Content-Security-Policy and the PDF
 * renderer would refuse anyway, so a refused template fails at upload with its line, not silently
 * in a report: script and other loading elements, event-handler attributes, addresses that leave
 * the report (javascript:, remote images, stylesheets, fonts, form actions), and CSS that loads.
 */
export function checkTemplateHtml(source: string): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  // blanked (lines kept) so `<option{{#if x}} selected{{/if}}>` reads as the HTML it makes
  const html = source.replace(NON_OUTPUT_TAGS, (tag) => tag.replace(/[^\n]/g, ' '));
  const fragment = parseFragment(html, { sourceCodeLocationInfo: true });
  const stack: Node[] = [...fragment.childNodes];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (!('tagName' in node)) continue;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    const at = element.sourceCodeLocation;
    const fail = (message: string, line = at?.startLine) => problems.push({ line: line ?? null, message });
    if (FORBIDDEN_ELEMENTS.has(tag)) {
      fail(`elementet <${tag}> er ikke tilladt i en rapportskabelon`);
      continue;
    }
    for (const attr of element.attrs) {
      const name = (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name).toLowerCase();
      const line = at?.attrs?.[attr.name]?.startLine ?? at?.startLine;
      // a value in an attribute's name would let data choose the attribute (e.g. an event handler)
      if (OUTPUT.test(name)) fail(`værdier kan ikke bruges som attributnavn (${name.slice(0, 40)})`, line);
      else if (name.startsWith('on'))
        fail(`hændelsesattributten ${name} er ikke tilladt (intet script i rapporter)`, line);
      else if (URL_ATTRIBUTES.has(name)) {
        const problem = addressProblem(name, attr.value, tag);
        if (problem) fail(problem, line);
      } else if (name === 'style') {
        const problem = cssProblem(attr.value);
        if (problem) fail(problem, line);
      }
    }
    if (tag === 'style') {
      const css = element.childNodes.map((c) => ('value' in c ? c.value : '')).join('');
      const problem = cssProblem(css);
      if (problem) fail(problem);
    }
    const children = tag === 'template' ? (element as DefaultTreeAdapterMap['template']).content.childNodes : [];
    stack.push(...element.childNodes, ...children);
  }
  return problems;
}
