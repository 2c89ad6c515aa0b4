import Handlebars from 'handlebars';
import { type FieldError, InvalidInputError } from '#libs/core';
import { createHandlebars, HELPERS } from '#libs/web';
import type { ReportData } from '../report-data.js';
import { checkTemplateHtml } from './template-html.js';

/** Handlebars' own block helpers a template may use, besides ours (HELPERS). */
const BUILTIN = ['if', 'unless', 'each', 'with', 'lookup'];
const KNOWN = [...BUILTIN, ...Object.keys(HELPERS)];
export const MAX_TEMPLATE_BYTES = 200_000;

export interface TemplateProblem {
  line: number | null;
  message: string;
}

/** Walks a parsed template and collects what report templates may not do, with line numbers. */
class TemplateChecker extends Handlebars.Visitor {
  readonly problems: TemplateProblem[] = [];

  constructor(private readonly partials: Set<string>) {
    super();
  }

  private fail(node: hbs.AST.Node, message: string) {
    this.problems.push({ line: node.loc?.start.line ?? null, message });
  }

  private helper(node: hbs.AST.Node, path: hbs.AST.PathExpression | hbs.AST.Literal, call: boolean) {
    const name = (path as hbs.AST.PathExpression).original;
    if (call && path.type === 'PathExpression' && !KNOWN.includes(name)) {
      this.fail(node, `ukendt hjælpefunktion »${name}«; tilladt er: ${KNOWN.join(', ')}`);
    }
  }

  override MustacheStatement(node: hbs.AST.MustacheStatement) {
    if (!node.escaped)
      this.fail(node, 'uescaped output ({{{ … }}} eller {{& … }}) er ikke tilladt: alt indhold skal escapes');
    this.helper(node, node.path, node.params.length > 0 || !!node.hash);
    super.MustacheStatement(node);
  }

  override SubExpression(node: hbs.AST.SubExpression) {
    this.helper(node, node.path, true);
    super.SubExpression(node);
  }

  override BlockStatement(node: hbs.AST.BlockStatement) {
    if (!BUILTIN.includes(node.path.original))
      this.fail(node, `ukendt blok »#${node.path.original}«; tilladt er: ${BUILTIN.join(', ')}`);
    super.BlockStatement(node);
  }

  override PartialStatement(node: hbs.AST.PartialStatement) {
    if (node.name.type !== 'PathExpression') this.fail(node, 'dynamiske delskabeloner ({{> (…) }}) er ikke tilladt');
    else if (!this.partials.has(node.name.original)) this.fail(node, `ukendt delskabelon »${node.name.original}«`);
    super.PartialStatement(node);
  }

  override PartialBlockStatement(node: hbs.AST.PartialBlockStatement) {
    this.fail(node, 'delskabelon-blokke ({{#> … }}) er ikke tilladt');
  }

  override DecoratorBlock(node: hbs.AST.DecoratorBlock) {
    this.fail(node, 'dekoratorer og inline-delskabeloner ({{#* … }}) er ikke tilladt');
  }

  override Decorator(node: hbs.AST.Decorator) {
    this.fail(node, 'dekoratorer ({{* … }}) er ikke tilladt');
  }
}

/**
 * Compiles a report template under the house rules: only our helpers (knownHelpersOnly), only our
 * partials, every value escaped, no HTML that runs, loads or leaves the report (checkTemplateHtml). Every problem is reported
 * at once with its line, and a trial render against `sample` catches what only shows at run time.
 */
export function compileReportTemplate(source: string, sample: ReportData): (data: ReportData) => string {
  const hbs = createHandlebars();
  const problems: TemplateProblem[] = [];
  if (Buffer.byteLength(source) > MAX_TEMPLATE_BYTES)
    problems.push({ line: null, message: `skabelonen må højst fylde ${MAX_TEMPLATE_BYTES / 1000} kB` });
  problems.push(...checkTemplateHtml(source));
  let ast: hbs.AST.Program | undefined;
  try {
    ast = hbs.parse(source);
  } catch (e) {
    const message = (e as Error).message;
    const line = Number(message.match(/on line (\d+)/)?.[1]) || null;
    problems.push({
      line,
      message: `skabelonen kan ikke læses: ${message.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim() || message}`,
    });
  }
  if (ast) {
    const checker = new TemplateChecker(new Set(Object.keys(hbs.partials)));
    checker.accept(ast);
    problems.push(...checker.problems);
  }
  if (!problems.length) {
    const template = hbs.compile(source, {
      knownHelpers: Object.fromEntries(KNOWN.map((k) => [k, true])),
      knownHelpersOnly: true,
      strict: false,
    });
    try {
      template(sample);
      return template;
    } catch (e) {
      const err = e as Error & { lineNumber?: number };
      problems.push({ line: err.lineNumber ?? null, message: `fejl ved prøvedannelse: ${err.message}` });
    }
  }
  throw new InvalidInputError(
    `Skabelonen har ${problems.length} fejl`,
    problems
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .map(
        (p): FieldError => ({ field: p.line ? `linje ${p.line}` : 'skabelon', rule: 'template', message: p.message }),
      ),
    {},
    'template-invalid',
  );
}
