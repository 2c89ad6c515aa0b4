import type { IndicatorNode, QualityModelTree } from './quality-model.dto.js';

const matches = (q: string, ...texts: string[]) => texts.some((t) => t.toLocaleLowerCase('da').includes(q));

/**
 * The tree narrowed to indicators whose code or texts contain `q` (case-insensitive), with their
 * standards and criteria; a standard or criterion that matches itself keeps all its indicators.
 */
export function filterTree(tree: QualityModelTree, q?: string): QualityModelTree {
  const needle = q?.trim().toLocaleLowerCase('da');
  if (!needle) return tree;
  const hit = (i: IndicatorNode) => matches(needle, i.code, i.text, i.guidance);
  const standards = tree.standards.flatMap((s) => {
    if (matches(needle, s.code, s.title, s.purpose)) return [s];
    const criteria = s.criteria.flatMap((c) => {
      if (matches(needle, c.code, c.text)) return [c];
      const indicators = c.indicators.filter(hit);
      return indicators.length ? [{ ...c, indicators }] : [];
    });
    const indicators = s.indicators.filter(hit);
    return criteria.length || indicators.length ? [{ ...s, criteria, indicators }] : [];
  });
  return { ...tree, standards };
}
