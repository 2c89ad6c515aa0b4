import { type PageView, view } from '#libs/web';
import type { FacilityDto, FacilityFilterDto, FacilityTypeDto, LeaderDto } from './facility.dto.js';

/** Field names as the form calls them, for the error summary. */
const FACILITY_LABELS = {
  name: 'Navn',
  address: 'Adresse',
  municipality: 'Kommune',
  typeCode: 'Tilbudstype',
  targetGroups: 'Målgrupper',
  places: 'Pladser',
  units: 'Afdelinger',
  leaderIds: 'Ledere',
};

/** The list with its filters: the municipalities offered are those of every facility the user may see. */
export function facilityListView(
  facilities: FacilityDto[],
  filter: FacilityFilterDto,
  choices: { types: FacilityTypeDto[]; all: FacilityDto[] },
  canManage: boolean,
): PageView {
  const municipalities = [...new Set(choices.all.map((f) => f.municipality))].sort((a, b) => a.localeCompare(b, 'da'));
  return view('facilities', 'Tilbud', {
    facilities,
    filter,
    types: choices.types.map((t) => ({ ...t, selected: t.code === filter.type })),
    municipalities: municipalities.map((m) => ({ name: m, selected: m === filter.municipality })),
    canManage,
  });
}

export const facilityView = (facility: FacilityDto, canManage: boolean): PageView =>
  view('facility', facility.name, { facility, canManage });

/** The values a facility's edit form starts from. */
export const facilityForm = (f: FacilityDto): Record<string, unknown> => ({
  ...f,
  typeCode: f.type.code,
  leaderIds: f.leaders.map((l) => l.id),
});

/** The create/edit form: choices with the current values selected; lists are shown comma-separated. */
export function facilityFormView(
  title: string,
  form: Record<string, unknown>,
  choices: { types: FacilityTypeDto[]; leaders: LeaderDto[] },
  id?: string,
): PageView {
  const chosen = new Set([form.leaderIds ?? []].flat() as string[]);
  const text = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v);
  return view('facility-form', title, {
    id,
    fieldLabels: FACILITY_LABELS,
    form: { ...form, targetGroups: text(form.targetGroups), units: text(form.units) },
    types: choices.types.map((t) => ({ ...t, selected: t.code === form.typeCode })),
    leaders: choices.leaders.map((l) => ({ ...l, selected: chosen.has(l.id) })),
  });
}
