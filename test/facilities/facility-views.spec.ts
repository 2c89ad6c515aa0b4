import { describe, expect, it } from '@jest/globals';
import type { FacilityDto, FacilityTypeDto } from '../../libs/facilities/src/facility.dto.js';
import { facilityForm, facilityFormView, facilityListView } from '../../libs/facilities/src/facility.views.js';

const type = (code: string, name: string) => ({ code, name }) as FacilityTypeDto;
const facility = (municipality: string) =>
  ({
    id: `id-${municipality}`,
    name: `Bosted ${municipality}`,
    municipality,
    type: type('sel-108', 'Botilbud'),
    targetGroups: ['udviklingshæmning', 'autisme'],
    units: [],
    leaders: [{ id: 'leder-1', name: 'Lis', email: 'lis@x.dk' }],
  }) as unknown as FacilityDto;

describe('facility views', () => {
  it('offers each municipality once, in Danish order, and marks the chosen filters', () => {
    const v = facilityListView(
      [],
      { type: 'sel-108', municipality: 'Aarhus' },
      {
        types: [type('sel-107', 'Midlertidigt'), type('sel-108', 'Botilbud')],
        all: ['Ørsted', 'Aarhus', 'Brædstrup', 'Aarhus'].map(facility),
      },
      false,
    );
    expect(v.page).toBe('facilities');
    // Danish collation puts Aa (å) last
    expect(v.data.municipalities).toEqual([
      { name: 'Brædstrup', selected: false },
      { name: 'Ørsted', selected: false },
      { name: 'Aarhus', selected: true },
    ]);
    expect((v.data.types as { code: string; selected: boolean }[]).map((t) => [t.code, t.selected])).toEqual([
      ['sel-107', false],
      ['sel-108', true],
    ]);
  });

  it("starts the edit form from the facility's values, lists comma-separated", () => {
    const v = facilityFormView('Ret', facilityForm(facility('Skive')), {
      types: [type('sel-108', 'Botilbud')],
      leaders: [
        { id: 'leder-1', name: 'Lis', email: 'lis@x.dk' },
        { id: 'leder-2', name: 'Bo', email: 'bo@x.dk' },
      ],
    });
    expect(v.data.form).toMatchObject({ typeCode: 'sel-108', targetGroups: 'udviklingshæmning, autisme', units: '' });
    expect((v.data.leaders as { id: string; selected: boolean }[]).map((l) => l.selected)).toEqual([true, false]);
    expect((v.data.types as { selected: boolean }[])[0].selected).toBe(true);
  });

  it('keeps a single posted leader chosen (a multi-select posts one value as a string)', () => {
    const v = facilityFormView(
      'Nyt tilbud',
      { leaderIds: 'leder-2' },
      {
        types: [],
        leaders: [
          { id: 'leder-1', name: 'Lis', email: 'lis@x.dk' },
          { id: 'leder-2', name: 'Bo', email: 'bo@x.dk' },
        ],
      },
    );
    expect((v.data.leaders as { selected: boolean }[]).map((l) => l.selected)).toEqual([false, true]);
  });
});
