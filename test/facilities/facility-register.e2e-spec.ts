import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, Role, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

const csv = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .join('\n');

describe('facility register', () => {
  let t: TestApp;
  let region: string;
  let leader: { id: string; email: string };
  let inspector: string;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    region = await tokenFor(t, (await t.newUser(Role.RegionStaff)).email);
    inspector = await tokenFor(t, (await t.newUser(Role.Inspector)).email);
    leader = await t.newUser(Role.FacilityLeader, 'Lis Leder');
  });
  afterAll(() => t.close());

  const importCsv = async (token: string, body: string) => {
    const res = await fetch(`${t.baseUrl}/api/v1/facilities/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
    });
    return { status: res.status, json: await res.json() };
  };

  it('creates a facility with type, target groups, places, units and leaders', async () => {
    const res = await api(t, region, 'POST', '/api/v1/facilities', {
      name: 'Bostedet Hybenhaven',
      address: 'Hybenvej 2, 7800 Skive',
      municipality: 'Skive',
      typeCode: 'sel-108',
      targetGroups: ['Voksne med udviklingshæmning'],
      places: 18,
      units: ['Hus 1'],
      leaderIds: [leader.id],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      type: { code: 'sel-108', legalBasis: 'SEL § 108' },
      places: 18,
      units: ['Hus 1'],
      leaders: [{ id: leader.id, name: 'Lis Leder' }],
    });
  });

  it('refuses an unknown type, a non-leader as leader and a duplicate name in the municipality', async () => {
    const res = await api(t, region, 'POST', '/api/v1/facilities', {
      name: 'bostedet hybenhaven',
      address: 'x',
      municipality: 'skive',
      typeCode: 'sel-999',
      leaderIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort()).toEqual(
      ['leaderIds:isFacilityLeader', 'name:unique', 'typeCode:exists'].sort(),
    );
  });

  it('imports a whole CSV file with Danish headers, semicolons and legal-basis types', async () => {
    const res = await importCsv(
      region,
      csv(`
      navn;adresse;kommune;tilbudstype;målgrupper;pladser;afdelinger;ledere
      Bostedet Ærtehuset;Ærtevej 1, 8000 Aarhus C;Aarhus;SEL § 107;Voksne med sindslidelse|Unge;10;Stuen, 1. sal;${leader.email}
      Dagtilbuddet Ølstykke;Ølvej 9, 8900 Randers;Randers;104;;;;
    `),
    );
    expect(res).toEqual({ status: 201, json: { created: 2, readAs: 'UTF-8' } });
    const list = await api(t, region, 'GET', '/api/v1/facilities?municipality=aarhus');
    expect(list.json.items).toEqual([
      expect.objectContaining({
        name: 'Bostedet Ærtehuset',
        type: expect.objectContaining({ code: 'sel-107' }),
        targetGroups: ['Voksne med sindslidelse', 'Unge'],
        units: ['Stuen', '1. sal'],
        places: 10,
      }),
    ]);
  });

  it('refuses a file with errors whole, listing every error by row and column', async () => {
    const before = (await api(t, region, 'GET', '/api/v1/facilities')).json.items.length;
    const res = await importCsv(
      region,
      csv(`
      navn;adresse;kommune;tilbudstype;pladser;ledere
      Bostedet Godt;Vej 1;Viborg;108;5;
      ;Vej 2;Viborg;108;fem;ukendt@x.dk
      Bostedet Godt;Vej 3;Viborg;§ 999;2;
      Bostedet Hybenhaven;Vej 4;Skive;108;;
    `),
    );
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual([
      'række 3, navn:isNotEmpty',
      'række 3, pladser:isInt',
      'række 3, ledere:isFacilityLeader',
      'række 4, tilbudstype:exists',
      'række 4, navn:uniqueInFile',
      'række 5, navn:unique',
    ]);
    expect(res.json.errors[1].message).toBe('skal være et heltal');
    expect((await api(t, region, 'GET', '/api/v1/facilities')).json.items).toHaveLength(before);
  });

  it('refuses unknown and missing columns before reading rows', async () => {
    const res = await importCsv(region, 'navn;farve\nA;rød');
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual([
      'kolonne farve',
      'kolonne adresse',
      'kolonne kommune',
      'kolonne tilbudstype',
    ]);
  });

  it('lets only region staff import and create', async () => {
    expect((await importCsv(inspector, 'navn;adresse;kommune;tilbudstype\nA;B;C;108')).status).toBe(403);
  });

  it('filters by type and searches by text', async () => {
    const byType = await api(t, inspector, 'GET', '/api/v1/facilities?type=sel-104');
    expect(byType.json.items.map((f: { name: string }) => f.name)).toEqual(['Dagtilbuddet Ølstykke']);
    const search = await api(t, inspector, 'GET', '/api/v1/facilities?q=%C3%A6rtevej');
    expect(search.json.items.map((f: { name: string }) => f.name)).toEqual(['Bostedet Ærtehuset']);
  });

  it('lets region staff set visit targets per facility type, with optimistic locking', async () => {
    const types = (await api(t, inspector, 'GET', '/api/v1/facility-types')).json.items;
    const t107 = types.find((x: { code: string }) => x.code === 'sel-107');
    expect(t107).toMatchObject({ minAnnounced: 1, minUnannounced: 1, windowMonths: 12 });
    const ok = await api(t, region, 'PATCH', '/api/v1/facility-types/sel-107', {
      minAnnounced: 1,
      minUnannounced: 2,
      windowMonths: 12,
      version: t107.version,
    });
    expect(ok.json).toMatchObject({ minUnannounced: 2, version: t107.version + 1 });
    const stale = await api(t, region, 'PATCH', '/api/v1/facility-types/sel-107', {
      minAnnounced: 0,
      minUnannounced: 0,
      windowMonths: 12,
      version: t107.version,
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await api(t, inspector, 'PATCH', '/api/v1/facility-types/sel-107', {
          minAnnounced: 0,
          minUnannounced: 0,
          windowMonths: 12,
          version: 2,
        })
      ).status,
    ).toBe(403);
  });
});
