import { formatNumber } from '#libs/core';
import type { RollupRule } from './catalogue-format.js';
import type { QualityModelTree } from './quality-model.dto.js';
import { ROLLUP_METHOD_LABELS, ROLLUP_METHODS } from './vocabulary.js';

const LEVELS = ['criterion', 'standard', 'overall'] as const;
type Level = (typeof LEVELS)[number];
type Form = Record<string, unknown>;

const levelLabel = (tree: Pick<QualityModelTree, 'standardLabel'>, level: Level) =>
  ({ criterion: 'Kriterium', standard: tree.standardLabel, overall: 'Samlet' })[level];

/** A roll-up rule in words, the cap's figures included. */
export function rollupText(rule: RollupRule): string {
  const method = ROLLUP_METHOD_LABELS[rule.method];
  if (rule.method !== 'capped') return method;
  const parts = [rule.base === 'weighted' ? 'vægtet' : 'uvægtet'];
  if (rule.maxAboveMinimum !== undefined)
    parts.push(`højst ${formatNumber(rule.maxAboveMinimum)} over den laveste værdi`);
  if (rule.cap)
    parts.push(
      `højst ${formatNumber(rule.cap.max)}, når en værdi er ${formatNumber(rule.cap.whenAnyAtOrBelow)} eller lavere`,
    );
  return `${method} (${parts.join('; ')})`;
}

export const rollupRows = (tree: Pick<QualityModelTree, 'standardLabel' | 'rollup'>) =>
  LEVELS.map((level) => ({ level: levelLabel(tree, level), rule: rollupText(tree.rollup[level]) }));

/**
 * The settings form's roll-up fields, one fieldset per level. Field names are the catalogue's
 * paths (rollup.standard.cap.max), so an error from the catalogue rules points at its field.
 * `posted` is a refused form, shown again as the user typed it.
 */
export function rollupFields(tree: Pick<QualityModelTree, 'standardLabel' | 'rollup'>, posted?: Form) {
  return LEVELS.map((level) => {
    const rule = tree.rollup[level];
    const name = (field: string) => `rollup.${level}.${field}`;
    const value = (field: string, stored: unknown) => (posted ? posted[name(field)] : stored) ?? '';
    const method = value('method', rule.method);
    const base = value('base', rule.base ?? 'mean');
    return {
      id: `rollup.${level}`,
      label: levelLabel(tree, level),
      methods: ROLLUP_METHODS.map((m) => ({ value: m, label: ROLLUP_METHOD_LABELS[m], selected: m === method })),
      bases: [
        { value: 'mean', label: 'Uvægtet', selected: base === 'mean' },
        { value: 'weighted', label: 'Vægtet', selected: base === 'weighted' },
      ],
      maxAboveMinimum: value('maxAboveMinimum', rule.maxAboveMinimum),
      capAt: value('cap.whenAnyAtOrBelow', rule.cap?.whenAnyAtOrBelow),
      capMax: value('cap.max', rule.cap?.max),
    };
  });
}

const FIELD_LABELS = {
  method: 'Regel',
  base: 'Gennemsnit før loft',
  maxAboveMinimum: 'Højst så meget over den laveste værdi',
  'cap.whenAnyAtOrBelow': 'Loft, når en værdi er højst',
  'cap.max': 'Loftet',
};

/** The fields' names for the error summary, e.g. "Samlet – Loftet". */
export const rollupLabels = (tree: Pick<QualityModelTree, 'standardLabel'>): Record<string, string> =>
  Object.fromEntries(
    LEVELS.flatMap((level) =>
      Object.entries(FIELD_LABELS).map(([field, label]) => [
        `rollup.${level}.${field}`,
        `${levelLabel(tree, level)} – ${label}`,
      ]),
    ),
  );

/**
 * The posted roll-up fields as the catalogue's shape, for the same checks a file gets. Figures are
 * read with a decimal comma or point; anything else is passed on for the checks to name. The cap
 * fields are sent whenever filled in, so a figure given with a method that ignores it is refused,
 * not silently dropped.
 */
export function rollupFromForm(body: Form, num: (v: unknown) => unknown): Record<Level, Form> {
  const filled = (key: string) =>
    typeof body[key] === 'string' && (body[key] as string).trim() !== '' ? num(body[key]) : undefined;
  const rule = (level: Level): Form => {
    const at = (field: string) => `rollup.${level}.${field}`;
    const method = body[at('method')];
    const capAt = filled(at('cap.whenAnyAtOrBelow'));
    const capMax = filled(at('cap.max'));
    const out: Form = { method, maxAboveMinimum: filled(at('maxAboveMinimum')) };
    if (method === 'capped') out.base = body[at('base')];
    if (capAt !== undefined || capMax !== undefined) out.cap = { whenAnyAtOrBelow: capAt, max: capMax };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  };
  return { criterion: rule('criterion'), standard: rule('standard'), overall: rule('overall') };
}
