import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { type Team, team } from '../reporting/published-visit.js';
import { municipalPlanCsv } from './municipal-plan.js';

const TREE =
  'type;navn;overordnet\r\n' +
  'kommune;Ærø Kommune;\r\n' +
  'forvaltning;Social- og Sundhedsforvaltningen;Ærø Kommune\r\n' +
  'center;Center for Handicap og Psykiatri;Social- og Sundhedsforvaltningen\r\n' +
  'tilbud;Bostedet Lærkereden;Center for Handicap og Psykiatri\r\n' +
  'kommune;Søby Kommune;\r\n';

describe('owners above the facility: the organisation tree, plans owned by a municipality, who writes a status', () => {
  let t: TestApp;
  let crew: Team;
  let leader: string;
  let otherLeader: string;
  let planId: string;
  let units: { id: string; name: string; kind: string; depth: number; facilities: { name: string }[] }[];

  const upload = async (token: string, path: string, body: Record<string, string>, name: string, data: BlobPart) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(body)) form.append(k, v);
    form.append('fil', new Blob([data]), name);
    const res = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, json: await res.json() };
  };
  const unit = (name: string) => units.find((u) => u.name === name)!;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', 'tilsyn-demo');
  });
  afterAll(() => t?.close());

  it('imports the tree from a Windows-1252 CSV, all rows or none, kept by region staff', async () => {
    const win = (text: string) => new Uint8Array(iconv.encode(text, 'windows-1252'));
    expect((await upload(leader, '/api/v1/org-units/import', {}, 'træ.csv', win(TREE))).status).toBe(403);
    const bad = await upload(
      crew.region,
      '/api/v1/org-units/import',
      {},
      'træ.csv',
      win(`${TREE}center;Center for Ældre;Ærø Komune\r\ntilbud;Findes ikke;Søby Kommune\r\nby;Ærøskøbing;\r\n`),
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual([
      'række 7, overordnet',
      'række 8, navn',
      'række 9, type',
    ]);
    expect((await api(t, crew.region, 'GET', '/api/v1/org-units')).json.items).toEqual([]);

    const ok = await upload(crew.region, '/api/v1/org-units/import', {}, 'træ.csv', win(TREE));
    expect(ok.status).toBe(201);
    expect(ok.json).toEqual({ units: 4, facilities: 1, readAs: 'Windows-1252' });
    units = (await api(t, leader, 'GET', '/api/v1/org-units')).json.items;
    expect(units.map((u) => `${'  '.repeat(u.depth - 1)}${u.name} (${u.kind})`)).toEqual([
      'Søby Kommune (municipality)',
      'Ærø Kommune (municipality)',
      '  Social- og Sundhedsforvaltningen (administration)',
      '    Center for Handicap og Psykiatri (centre)',
    ]);
    expect(unit('Center for Handicap og Psykiatri').facilities.map((f) => f.name)).toEqual(['Bostedet Lærkereden']);
    const trail = await t.app
      .get(DataSource)
      .query(`select action from audit_event where action in ('org_unit.created', 'facility.org_unit_set')`);
    expect(trail).toHaveLength(5);
  });

  it("owns a plan by the municipality; the leaders under it read it, and write the status of their facility's areas", async () => {
    const facilitiesBefore = (await api(t, crew.region, 'GET', '/api/v1/facilities')).json.items.length;
    const both = await upload(
      crew.region,
      '/api/v1/follow-up/plans/import',
      { facilityId: crew.facilityId, orgUnitId: unit('Ærø Kommune').id, title: 'x' },
      'plan.csv',
      municipalPlanCsv(),
    );
    expect(both.status).toBe(422);
    expect(both.json.errors[0]).toMatchObject({ field: 'orgUnitId', rule: 'oneOwner' });
    const res = await upload(
      crew.region,
      '/api/v1/follow-up/plans/import',
      { orgUnitId: unit('Ærø Kommune').id, title: 'Ærø Kommunes opfølgningsplan for botilbud' },
      'plan.csv',
      new Uint8Array(
        iconv.encode(municipalPlanCsv({ writer: 'Bostedet Lærkereden', unassigned: ['4.2'] }), 'windows-1252'),
      ),
    );
    expect(res.status).toBe(201);
    planId = res.json.id;
    // a municipality's plan makes no stand-in facility, so none appears as due for a visit
    const facilities = (await api(t, crew.region, 'GET', '/api/v1/facilities')).json.items;
    expect(facilities).toHaveLength(facilitiesBefore);
    expect(facilities.map((f: { name: string }) => f.name)).not.toContain('Ærø Kommune');

    const listed = (await api(t, leader, 'GET', '/api/v1/follow-up/plans')).json.items;
    expect(listed).toEqual([
      expect.objectContaining({ id: planId, facilityId: null, facilityName: 'Ærø Kommune', items: 25 }),
    ]);
    expect((await api(t, otherLeader, 'GET', '/api/v1/follow-up/plans')).json.items).toEqual([]);
    expect((await api(t, otherLeader, 'GET', `/api/v1/follow-up/plans/${planId}`)).status).toBe(404);

    const plan = (await api(t, leader, 'GET', `/api/v1/follow-up/plans/${planId}`)).json;
    expect(plan).toMatchObject({ facilityId: null, orgUnitId: unit('Ærø Kommune').id, facilityName: 'Ærø Kommune' });
    const area = (n: string) => plan.sections.find((s: { number: string }) => s.number === n);
    const statuses = (await api(t, leader, 'GET', '/api/v1/follow-up/statuses')).json.items;
    const body = (version: number) => ({
      statusId: statuses.find((s: { label: string }) => s.label === 'i gang').id,
      text: 'Arbejdet er i gang.',
      version,
    });
    const own = area('1.1').items[0];
    expect(own.canWrite).toBe(true);
    expect((await api(t, leader, 'PUT', `/api/v1/follow-up/items/${own.id}/status`, body(own.version))).status).toBe(
      200,
    );
    const notOwn = area('4.2').items[0];
    expect(notOwn.canWrite).toBe(false);
    const refused = await api(t, leader, 'PUT', `/api/v1/follow-up/items/${notOwn.id}/status`, body(notOwn.version));
    expect(refused.status).toBe(403);
    expect(
      (await api(t, crew.anna.token, 'PUT', `/api/v1/follow-up/items/${own.id}/status`, body(own.version + 1))).status,
    ).toBe(403);
    expect(
      (await api(t, crew.region, 'PUT', `/api/v1/follow-up/items/${notOwn.id}/status`, body(notOwn.version))).status,
    ).toBe(200);
    const medicine = area('1.2');
    expect(medicine).toMatchObject({ holdsStatus: true, canWrite: true });
    expect(
      (await api(t, leader, 'PUT', `/api/v1/follow-up/sections/${medicine.id}/status`, body(medicine.version))).status,
    ).toBe(200);
  });

  it('exports the writer of each area and reads it back; a leader cannot change a status that is not theirs', async () => {
    const csv = Buffer.from(
      await (
        await fetch(`${t.baseUrl}/api/v1/follow-up/plans/${planId}/export/csv`, {
          headers: { authorization: `Bearer ${leader}` },
        })
      ).arrayBuffer(),
    )
      .subarray(3)
      .toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id;type;niveau;nr;titel;tekst;ansvarlig;frist;status;statustekst;version;tilbud;opdateret;opdateret af',
    );
    expect(lines.find((l) => l.includes(';1.1;Fysiske rammer;'))).toContain(';Bostedet Lærkereden;');
    // the leader changes the status of 4.2.1 (not theirs) in the file
    const edited = lines.map((l) => (l.includes(';4.2.1;') ? l.replace(';i gang;', ';planlagt;') : l)).join('\r\n');
    const res = await upload(leader, `/api/v1/follow-up/plans/${planId}/import`, {}, 'plan.csv', edited);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ rule: 'writer' })]);
  });
});
