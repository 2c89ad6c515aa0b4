import { describe, expect, it } from '@jest/globals';
import { filterForm, regionView } from '../../libs/scoring/src/score.views.js';

const choices = { types: [{ code: 'sel-108', name: 'Botilbud' }], municipalities: ['Skive', 'Aarhus'] };

describe('region views', () => {
  it('carries the chosen filter into the links, leaving out empty parts', () => {
    expect(filterForm({ type: 'sel-108', municipality: 'Ærø Ø' }, choices)).toMatchObject({
      query: '?type=sel-108&municipality=%C3%86r%C3%B8+%C3%98',
      pageQuery: '?type=sel-108&municipality=%C3%86r%C3%B8+%C3%98&',
    });
    expect(filterForm({}, choices)).toMatchObject({ query: '', pageQuery: '?' });
  });

  it('marks the chosen type, municipality and model version', () => {
    const v = regionView(
      { type: 'sel-108', municipality: 'Aarhus' },
      { ...choices, versions: [{ id: 'a' }, { id: 'b' }], chosen: { id: 'b' }, columns: [] },
    );
    expect(v.page).toBe('dashboard-region');
    expect(v.data.types).toEqual([{ code: 'sel-108', name: 'Botilbud', selected: true }]);
    expect(v.data.municipalities).toEqual([
      { name: 'Skive', selected: false },
      { name: 'Aarhus', selected: true },
    ]);
    expect(v.data.versions).toEqual([
      { id: 'a', selected: false },
      { id: 'b', selected: true },
    ]);
  });

  it('sorts a column lowest first, then highest first, keeping the filter', () => {
    const data = { ...choices, versions: [], columns: [{ id: 'std-1' }, { id: 'std-2' }] };
    const columns = (sort: { id: string; descending: boolean } | null) =>
      regionView({ type: 'sel-108', sorter: 'ignored' }, { ...data, sort }).data.columns as {
        sortHref: string;
        sortState: string | null;
      }[];
    expect(columns(null)[0]).toEqual({
      id: 'std-1',
      sortHref: '/resultater/region?type=sel-108&sorter=std-1',
      sortState: null,
    });
    expect(columns({ id: 'std-1', descending: false })[0]).toMatchObject({
      sortHref: '/resultater/region?type=sel-108&sorter=-std-1',
      sortState: 'ascending',
    });
    expect(columns({ id: 'std-1', descending: true })[0]).toMatchObject({
      sortHref: '/resultater/region?type=sel-108&sorter=std-1',
      sortState: 'descending',
    });
  });
});
