import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../../libs/core/src/errors.js';
import { parseCatalogue } from '../../libs/quality-model/src/catalogue-file.js';
import type { QualityModelTree } from '../../libs/quality-model/src/quality-model.dto.js';
import {
  diffView,
  fromForm,
  kindOf,
  modelView,
  nodeFormView,
} from '../../libs/quality-model/src/quality-model.views.js';
import { diffDocuments } from '../../libs/quality-model/src/quality-model-diff.js';
import { SHIPPED_CATALOGUES } from '../../libs/quality-model/src/shipped-catalogues.js';

const types = [
  { code: 'sel-107', name: 'Midlertidigt botilbud (§ 107)' },
  { code: 'sel-108', name: 'Længerevarende botilbud (§ 108)' },
];
const doc = parseCatalogue(readFileSync(SHIPPED_CATALOGUES[1], 'utf8'), 'yaml', {
  facilityTypes: ['sel-85', 'sel-103', 'sel-104', 'sel-107', 'sel-108', 'abl-105'],
});
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
/** The Socialtilsyn catalogue as a stored draft: every node with an id. */
const tree: QualityModelTree = {
  ...doc,
  id: id(),
  key: doc.key,
  number: 2,
  status: 'draft',
  copiedFromId: null,
  publishedAt: null,
  retiredAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  version: 1,
  standards: doc.standards.map((s) => ({
    ...s,
    id: id(),
    version: 1,
    indicators: (s.indicators ?? []).map((i) => ({ ...i, id: id(), version: 1 })),
    criteria: (s.criteria ?? []).map((c) => ({
      ...c,
      id: id(),
      version: 1,
      indicators: c.indicators.map((i) => ({ ...i, id: id(), version: 1 })),
    })),
  })),
} as QualityModelTree;
const allIndicators = tree.standards.flatMap((s) => [...s.indicators, ...s.criteria.flatMap((c) => c.indicators)]);

describe('quality-model page views', () => {
  it('shows every indicator with Danish labels, and lets only region staff edit a draft', () => {
    const versions = [
      { id: tree.id, status: 'draft' as const },
      { id: id(), status: 'published' as const },
    ];
    const page = modelView(tree, versions, types, true);
    const shown = page.standards.flatMap((s) => [...s.indicators, ...s.criteria.flatMap((c) => c.indicators)]);
    expect(shown).toHaveLength(allIndicators.length);
    expect(allIndicators.length).toBeGreaterThanOrEqual(31);
    expect(page.model.statusLabel).toBe('Kladde');
    expect(page.editable).toBe(true);
    expect(page.others).toEqual([expect.objectContaining({ status: 'published', statusLabel: 'Udgivet' })]);
    expect(shown.some((i) => i.evidenceLabels.length > 0)).toBe(true);
    expect(modelView(tree, versions, types, false).editable).toBe(false);
  });

  it('narrows the tree to what the search finds', () => {
    const wanted = allIndicators[5];
    const page = modelView(tree, [], types, false, wanted.code);
    const shown = page.standards.flatMap((s) => [...s.indicators, ...s.criteria.flatMap((c) => c.indicators)]);
    expect(shown.map((i) => i.code)).toContain(wanted.code);
    expect(shown.length).toBeLessThan(allIndicators.length);
  });

  it('reads a node form the way a Danish user types it', () => {
    const form = fromForm('indicator', { code: '1.a', text: 'Tekst', weight: ' 2,5 ', evidence: 'staff' });
    expect(form).toMatchObject({ code: '1.a', text: 'Tekst', weight: 2.5, evidence: ['staff'], kind: null });
    expect(fromForm('indicator', { weight: 'meget' }).weight).toBe('meget'); // left for the validator to name
  });

  it('fills the node form from the stored node, overlaid by what was sent, with choices ticked', () => {
    const node = allIndicators[0];
    const k = kindOf('indikatorer');
    const form = nodeFormView(tree, k, node.id, { text: 'Rettet tekst om æbler' }, types);
    expect(form.heading).toBe('Ret indikator');
    expect(form.action).toBe(`/kvalitetsmodeller/${tree.id}/indikatorer/${node.id}`);
    expect(form.form).toMatchObject({ code: node.code, text: 'Rettet tekst om æbler' });
    expect(form.evidence.filter((e) => e.checked).map((e) => e.value)).toEqual(expect.arrayContaining(node.evidence));
    expect(form.evidence.filter((e) => e.checked)).toHaveLength(node.evidence.length);
    expect(nodeFormView(tree, kindOf('standarder'), undefined, undefined, types).heading).toBe(
      `Ny ${tree.standardLabel.toLowerCase()}`,
    );
    expect(() => nodeFormView(tree, k, id(), undefined, types)).toThrow(InvalidInputError);
  });

  it('refuses an unknown node kind in the path with a 422 naming the rule', () => {
    expect(() => kindOf('themes')).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: 'kind', rule: 'isIn' })] }),
    );
  });

  it('lists what changed between two versions per level, a field per row', () => {
    const changed = structuredClone(doc);
    changed.standards[0].title = 'Uddannelse og beskæftigelse – ny titel';
    changed.standards.pop();
    const page = diffView(tree, tree, diffDocuments(doc, changed));
    expect(page.identical).toBe(false);
    const [standards] = page.sections;
    expect(standards.removed).toHaveLength(1);
    expect(standards.changed).toContainEqual(
      expect.objectContaining({ field: 'title', to: 'Uddannelse og beskæftigelse – ny titel' }),
    );
    expect(diffView(tree, tree, diffDocuments(doc, doc)).identical).toBe(true);
  });
});
