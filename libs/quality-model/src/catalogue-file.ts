import { type Document, LineCounter, parseDocument, stringify } from 'yaml';
import { findHostileInput, InvalidInputError } from '#libs/core';
import {
  type CatalogueContext,
  type CatalogueIssue,
  formatPath,
  type IndicatorDoc,
  type Path,
  type QualityModelDocument,
  readDocument,
} from './catalogue-format.js';

export type CatalogueFormat = 'yaml' | 'json';

/** One problem in a file, as the API and the import page list it. */
export interface CatalogueFileError {
  field: string;
  rule: string;
  message: string;
  line?: number;
}

/** A refused file: every error, by path and (where the text is known) line. */
export class CatalogueFileInvalidError extends InvalidInputError {}

/** `.json` or text starting with `{` is JSON; everything else is read as YAML. */
export function detectFormat(text: string, fileName?: string): CatalogueFormat {
  if (fileName) return /\.json$/i.test(fileName) ? 'json' : 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function refuse(errors: CatalogueFileError[]): never {
  const n = errors.length;
  throw new CatalogueFileInvalidError(`Filen blev ikke indlæst: ${n} fejl skal rettes først`, errors);
}

/** The line of the deepest node that exists on `path` (a missing field points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

const toErrors = (issues: CatalogueIssue[], line?: (p: Path) => number | undefined): CatalogueFileError[] =>
  issues.map((i) => ({
    field: formatPath(i.path) || '(filen)',
    rule: i.rule,
    message: i.message,
    ...(line ? { line: line(i.path) } : {}),
  }));

/** Parses and validates file text; throws CatalogueFileInvalidError listing every problem. */
export function parseCatalogue(text: string, format: CatalogueFormat, context: CatalogueContext): QualityModelDocument {
  const counter = new LineCounter();
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (e) {
      const pos = Number((e as Error).message.match(/position (\d+)/)?.[1] ?? NaN);
      const line = Number.isNaN(pos) ? undefined : text.slice(0, pos).split('\n').length;
      refuse([
        {
          field: '(filen)',
          rule: 'syntax',
          message: `er ikke gyldig JSON: ${(e as Error).message}`,
          ...(line ? { line } : {}),
        },
      ]);
    }
  }
  // JSON is YAML 1.2, so one parser gives line numbers for both.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    refuse(
      doc.errors.map((e) => ({
        field: '(filen)',
        rule: 'syntax',
        message: `kan ikke læses som ${format.toUpperCase()}: ${e.message}`,
        line: counter.linePos(e.pos[0]).line,
      })),
    );
  }
  return validated(doc.toJS({ maxAliasCount: 100 }), context, (p) => lineOf(doc, counter, p));
}

/** Validates an already-parsed object (a JSON API body); paths but no line numbers. */
export function validated(
  value: unknown,
  context: CatalogueContext,
  line?: (p: Path) => number | undefined,
): QualityModelDocument {
  // a YAML or JSON escape (\0, \u0000) makes a NUL that was never in the request itself
  const hostile = findHostileInput(value);
  if (hostile) refuse([hostile]);
  const { document, issues } = readDocument(value, context);
  if (!document) refuse(toErrors(issues, line));
  return document;
}

/** Leaves out empty and default values, so files stay short and export → import → export is stable. */
function canonicalIndicator(i: IndicatorDoc) {
  return {
    code: i.code,
    ...(i.kind ? { kind: i.kind } : {}),
    text: i.text,
    ...(i.guidance ? { guidance: i.guidance } : {}),
    ...(i.evidence.length ? { evidence: i.evidence } : {}),
    ...(i.facilityTypes.length ? { facilityTypes: i.facilityTypes } : {}),
    ...(i.weight !== 1 ? { weight: i.weight } : {}),
    ...(i.note ? { note: i.note } : {}),
  };
}

function canonical(d: QualityModelDocument) {
  const opt = (key: string, v: string) => (v ? { [key]: v } : {});
  return {
    format: d.format,
    key: d.key,
    name: d.name,
    ...opt('description', d.description),
    ...opt('note', d.note),
    standardLabel: d.standardLabel,
    scale: {
      ...opt('note', d.scale.note),
      levels: d.scale.levels.map((l) => ({ value: l.value, label: l.label, ...opt('meaning', l.meaning) })),
    },
    trafficLight: { green: d.trafficLight.green, yellow: d.trafficLight.yellow },
    justifyAtOrBelow: d.justifyAtOrBelow,
    rollup: d.rollup,
    standards: d.standards.map((s) => ({
      code: s.code,
      title: s.title,
      ...opt('category', s.category),
      ...opt('purpose', s.purpose),
      ...opt('guidance', s.guidance),
      ...(s.weight !== 1 ? { weight: s.weight } : {}),
      ...opt('note', s.note),
      ...(s.criteria.length
        ? {
            criteria: s.criteria.map((c) => ({
              code: c.code,
              text: c.text,
              ...opt('guidance', c.guidance),
              ...(c.weight !== 1 ? { weight: c.weight } : {}),
              ...opt('note', c.note),
              indicators: c.indicators.map(canonicalIndicator),
            })),
          }
        : {}),
      ...(s.indicators.length || !s.criteria.length ? { indicators: s.indicators.map(canonicalIndicator) } : {}),
    })),
  };
}

export function serializeCatalogue(d: QualityModelDocument, format: CatalogueFormat): string {
  const data = canonical(d);
  return format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : stringify(data, { lineWidth: 100 });
}
