import { type PageView, view } from '#libs/web';

export interface RegionFilter {
  version?: string;
  type?: string;
  municipality?: string;
  /** A column id to sort by, lowest first; with a leading "-" highest first. */
  sorter?: string;
}

interface FilterChoices {
  types: { code: string; name: string }[];
  municipalities: string[];
}

/** The type and municipality choices, and the same filter as a query string for the other links. */
export function filterForm(filter: RegionFilter, choices: FilterChoices) {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  return {
    query: query ? `?${query}` : '',
    pageQuery: query ? `?${query}&` : '?',
    types: choices.types.map((t) => ({ code: t.code, name: t.name, selected: t.code === filter.type })),
    municipalities: choices.municipalities.map((m) => ({ name: m, selected: m === filter.municipality })),
  };
}

interface RegionData extends FilterChoices {
  versions: { id: string }[];
  chosen?: { id: string };
  columns: { id: string }[];
  sort?: { id: string; descending: boolean } | null;
}

/**
 * The heat map page: the chosen model version marked among those with scores, and a sort link per
 * column header (so sorting works without JavaScript): lowest (worst) first, then highest.
 */
export function regionView(filter: RegionFilter, data: RegionData & Record<string, unknown>): PageView {
  const form = filterForm(filter, data);
  const unsorted = new URLSearchParams(form.query.slice(1));
  unsorted.delete('sorter');
  const sortHref = (id: string) => {
    const p = new URLSearchParams(unsorted);
    p.set('sorter', data.sort?.id === id && !data.sort.descending ? `-${id}` : id);
    return `/resultater/region?${p}`;
  };
  const sortState = (id: string) => (data.sort?.id === id ? (data.sort.descending ? 'descending' : 'ascending') : null);
  return view('dashboard-region', 'Regionens overblik', {
    ...data,
    ...form,
    nameSort: { href: sortHref('navn'), state: sortState('navn') },
    columns: data.columns.map((c) => ({ ...c, sortHref: sortHref(c.id), sortState: sortState(c.id) })),
    versions: data.versions.map((v) => ({ ...v, selected: v.id === data.chosen?.id })),
  });
}

export const overdueView = (filter: RegionFilter, data: FilterChoices & Record<string, unknown>): PageView =>
  view('dashboard-region-overdue', 'Overskredne besøg og frister', { ...data, ...filterForm(filter, data) });
