import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '#libs/auth';
import { SHIPPED_CATALOGUES } from '#libs/quality-model';
import { api, Role, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

const regionalYaml = readFileSync(SHIPPED_CATALOGUES[0], 'utf8');
const socialtilsynYaml = readFileSync(SHIPPED_CATALOGUES[1], 'utf8');

/** Raw file upload, as curl --data-binary would send it. */
async function upload(t: TestApp, token: string, body: string, type = 'application/yaml') {
  const res = await fetch(`${t.baseUrl}/api/v1/quality-models/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

async function exported(t: TestApp, token: string, id: string, format: 'yaml' | 'json') {
  const res = await fetch(`${t.baseUrl}/api/v1/quality-models/${id}/export?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

describe('quality-model catalogue over the API', () => {
  let t: TestApp;
  let region: string;
  let inspector: string;
  let leader: string;
  let regionalId: string;
  let socialtilsynId: string;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    const users = await Promise.all([
      t.newUser(Role.RegionStaff, 'Rikke Region'),
      t.newUser(Role.Inspector),
      t.newUser(Role.FacilityLeader),
    ]);
    [region, inspector, leader] = await Promise.all(users.map((u) => tokenFor(t, u.email)));
  });
  afterAll(() => t.close());

  const history = (type: string, id: string) => t.run(() => t.app.get(AuditService).history(type, id));
  const list = async () =>
    (await api(t, region, 'GET', '/api/v1/quality-models')).json.items as {
      id: string;
      key: string;
      number: number;
      status: string;
    }[];

  it('imports the shipped YAML catalogues as drafts, with an audit row holding the file content', async () => {
    const a = await upload(t, region, regionalYaml);
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ key: 'regional-social', number: 1, status: 'draft', version: 1 });
    regionalId = a.json.id;
    const tree = (await api(t, region, 'GET', `/api/v1/quality-models/${regionalId}`)).json;
    expect(tree.counts).toEqual({ standards: 9, criteria: 0, indicators: 36 });
    expect(tree.standards[0].indicators[0]).toMatchObject({
      code: '1.1.1',
      kind: 'guideline',
      evidence: ['documentation', 'interview_leader'],
    });

    const b = await upload(t, region, socialtilsynYaml, 'text/yaml');
    expect(b.status).toBe(201);
    socialtilsynId = b.json.id;
    const [event] = await history('quality_model_version', regionalId);
    expect(event).toMatchObject({
      action: 'quality_model.imported',
      after: { key: 'regional-social', document: { name: 'Den regionale kvalitetsmodel på det sociale område' } },
    });
  });

  it('refuses a bad file whole: every error by path, rule and line, and nothing saved', async () => {
    const before = await list();
    const bad = regionalYaml
      .replace('key: regional-social', 'key: regional-social-2')
      .replace('        kind: guideline\n', '        kind: trin-1\n')
      .replace(
        '        evidence: [interview_staff, observation, interview_resident]',
        '        evidence: [interview_staff, telepati]',
      )
      .replace('  - code: "1.2"\n    title: Indflydelse på eget liv', '  - code: "1.1"\n    title: ""');
    const res = await upload(t, region, bad);
    expect(res.status).toBe(422);
    const fields = res.json.errors.map(
      (e: { field: string; rule: string; line: number }) => `${e.field} ${e.rule} ${e.line}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'standards[0].indicators[0].kind enum 50',
        'standards[0].indicators[1].evidence[1] enum 60',
        'standards[1].title required 74',
        'standards[1].code unique 73',
      ]),
    );
    expect(res.json.detail).toMatch(/blev ikke indlæst/);
    expect(await list()).toEqual(before);
  });

  it('refuses an unknown content type and reports JSON errors by path', async () => {
    expect((await upload(t, region, regionalYaml, 'application/xml')).status).toBe(422);
    const res = await api(t, region, 'POST', '/api/v1/quality-models/import', {
      format: 'tilsyn-kvalitetsmodel/1',
      key: 'x',
      name: 'X',
      scale: { levels: [] },
      standards: 'nej',
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['scale.levels', 'trafficLight', 'standards']),
    );
  });

  it('round-trips: export, import as a new version, export again gives the same bytes (YAML and JSON)', async () => {
    for (const format of ['yaml', 'json'] as const) {
      const first = await exported(t, region, socialtilsynId, format);
      const again = await upload(t, region, first, format === 'json' ? 'text/plain' : 'application/yaml');
      expect(again.status).toBe(201);
      expect(await exported(t, region, again.json.id, format)).toBe(first);
      await api(t, region, 'DELETE', `/api/v1/quality-models/${again.json.id}?version=1`);
    }
    const json = JSON.parse(await exported(t, region, socialtilsynId, 'json'));
    const viaJson = await api(t, region, 'POST', '/api/v1/quality-models/import', json);
    expect(viaJson.status).toBe(201);
    expect(JSON.parse(await exported(t, region, viaJson.json.id, 'json'))).toEqual(json);
    expect((await api(t, region, 'DELETE', `/api/v1/quality-models/${viaJson.json.id}?version=1`)).status).toBe(204);
  });

  it('edits a draft: adds, changes and removes nodes with validation, locking and audit', async () => {
    const std = await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/standards`, {
      code: '1.7',
      title: 'Faglige tilgange',
    });
    expect(std.status).toBe(201);
    const bad = await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/indicators`, {
      standardId: std.json.id,
      code: '1.1.1',
      text: '',
      kind: 'trin1',
      colour: 'rød',
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string; rule: string }) => `${e.field} ${e.rule}`).sort()).toEqual([
      'colour unknownField',
      'kind enum',
      'text required',
    ]);
    const dup = await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/indicators`, {
      standardId: std.json.id,
      code: '1.1.1',
      text: 'Tekst',
    });
    expect(dup.json.errors).toEqual([
      { field: 'code', rule: 'unique', message: 'koden "1.1.1" er allerede brugt i denne version' },
    ]);
    const ind = await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/indicators`, {
      standardId: std.json.id,
      code: '1.7.1',
      text: 'Metoder er beskrevet',
      kind: 'guideline',
    });
    expect(ind.status).toBe(201);
    expect(
      (
        await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/criteria`, {
          standardId: std.json.id,
          code: 'K9',
          text: 'x',
        })
      ).json.errors[0].rule,
    ).toBe('exclusive');

    const changed = await api(t, region, 'PATCH', `/api/v1/quality-models/${regionalId}/indicators/${ind.json.id}`, {
      version: 1,
      evidence: ['documentation'],
    });
    expect(changed.json).toMatchObject({ version: 2, text: 'Metoder er beskrevet', evidence: ['documentation'] });
    const stale = await api(t, region, 'PATCH', `/api/v1/quality-models/${regionalId}/indicators/${ind.json.id}`, {
      version: 1,
      text: 'Forældet',
    });
    expect(stale.status).toBe(409);
    expect(stale.json.current).toMatchObject({ version: 2, text: 'Metoder er beskrevet' });

    expect(
      (await api(t, region, 'DELETE', `/api/v1/quality-models/${regionalId}/standards/${std.json.id}?version=1`))
        .status,
    ).toBe(204);
    expect((await history('quality_indicator', ind.json.id)).map((e) => e.action)).toEqual([
      'quality_model.indicator_added',
      'quality_model.indicator_updated',
    ]);
    expect((await history('quality_standard', std.json.id)).map((e) => e.action)).toEqual([
      'quality_model.standard_added',
      'quality_model.standard_removed',
    ]);
    expect((await api(t, region, 'GET', `/api/v1/quality-models/${regionalId}`)).json.counts.indicators).toBe(36);
  });

  it('changes draft settings with the same rules as a file', async () => {
    const bad = await api(t, region, 'PATCH', `/api/v1/quality-models/${regionalId}`, {
      version: 1,
      trafficLight: { green: 1, yellow: 2 },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0]).toMatchObject({ field: 'trafficLight.green', rule: 'order' });
    const ok = await api(t, region, 'PATCH', `/api/v1/quality-models/${regionalId}`, {
      version: 1,
      trafficLight: { green: 2.75, yellow: 2 },
    });
    expect(ok.json).toMatchObject({ version: 2 });
  });

  it('publishes a draft, after which nothing in it can change or be deleted', async () => {
    const published = await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/publish`, { version: 2 });
    expect(published.json).toMatchObject({ status: 'published', version: 3 });
    const tree = (await api(t, region, 'GET', `/api/v1/quality-models/${regionalId}`)).json;
    const attempts = [
      api(t, region, 'PATCH', `/api/v1/quality-models/${regionalId}/indicators/${tree.standards[0].indicators[0].id}`, {
        version: 1,
        text: 'Ny',
      }),
      api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/standards`, { code: '9.9', title: 'Ny' }),
      api(t, region, 'PATCH', `/api/v1/quality-models/${regionalId}`, { version: 3, name: 'Nyt navn' }),
      api(t, region, 'DELETE', `/api/v1/quality-models/${regionalId}?version=3`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(409);
      expect(res.json.detail).toMatch(/er udgivet og kan ikke ændres\. Lav en ny version ud fra den/);
    }
  });

  it('refuses to publish an incomplete draft, naming what is missing', async () => {
    const draft = (await api(t, region, 'POST', `/api/v1/quality-models/${socialtilsynId}/copy`)).json;
    const theme = await api(t, region, 'POST', `/api/v1/quality-models/${draft.id}/standards`, {
      code: '8',
      title: 'Økonomi',
    });
    const res = await api(t, region, 'POST', `/api/v1/quality-models/${draft.id}/publish`, { version: 1 });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { field: 'standards[7]', rule: 'minItems', message: '8 Økonomi har ingen indikatorer' },
    ]);
    await api(t, region, 'DELETE', `/api/v1/quality-models/${draft.id}/standards/${theme.json.id}?version=1`);
    await api(t, region, 'DELETE', `/api/v1/quality-models/${draft.id}?version=1`);
  });

  it('starts a new version as a copy, diffs it against the original, and retires the old one on publish', async () => {
    const copy = await api(t, region, 'POST', `/api/v1/quality-models/${regionalId}/copy`);
    expect(copy.json).toMatchObject({ key: 'regional-social', number: 2, status: 'draft', copiedFromId: regionalId });
    const original = (await api(t, region, 'GET', `/api/v1/quality-models/${regionalId}`)).json;
    const draft = (await api(t, region, 'GET', `/api/v1/quality-models/${copy.json.id}`)).json;
    expect(draft.standards[0].indicators[0].code).toBe(original.standards[0].indicators[0].code);
    expect(draft.standards[0].indicators[0].id).not.toBe(original.standards[0].indicators[0].id);

    const first = draft.standards[0].indicators[0];
    await api(t, region, 'PATCH', `/api/v1/quality-models/${copy.json.id}/indicators/${first.id}`, {
      version: 1,
      text: 'Ny ordlyd',
    });
    await api(
      t,
      region,
      'DELETE',
      `/api/v1/quality-models/${copy.json.id}/indicators/${draft.standards[8].indicators[3].id}?version=1`,
    );
    await api(t, region, 'POST', `/api/v1/quality-models/${copy.json.id}/indicators`, {
      standardId: draft.standards[0].id,
      code: '1.1.5',
      text: 'Ekstra',
    });

    const diff = (await api(t, inspector, 'GET', `/api/v1/quality-models/${copy.json.id}/diff/${regionalId}`)).status;
    expect(diff).toBe(404); // inspectors do not see drafts
    const { json } = await api(t, region, 'GET', `/api/v1/quality-models/${copy.json.id}/diff/${regionalId}`);
    expect(json.diff.indicators.added.map((i: { code: string }) => i.code)).toEqual(['1.1.5']);
    expect(json.diff.indicators.removed.map((i: { code: string }) => i.code)).toEqual(['2.3.4']);
    expect(json.diff.indicators.changed).toEqual([
      { code: '1.1.1', changes: [{ field: 'text', from: first.text, to: 'Ny ordlyd' }] },
    ]);

    await api(t, region, 'POST', `/api/v1/quality-models/${copy.json.id}/publish`, { version: 1 });
    const versions = (await list()).filter((v) => v.key === 'regional-social');
    expect(versions.map((v) => `${v.number} ${v.status}`)).toEqual(['2 published', '1 retired']);
    expect((await history('quality_model_version', regionalId)).map((e) => e.action)).toEqual([
      'quality_model.imported',
      'quality_model.settings_updated',
      'quality_model.published',
      'quality_model.retired',
    ]);
  });

  it('retires a published version, but not a draft', async () => {
    const published = (await api(t, region, 'POST', `/api/v1/quality-models/${socialtilsynId}/publish`, { version: 1 }))
      .json;
    const retired = await api(t, region, 'POST', `/api/v1/quality-models/${socialtilsynId}/retire`, {
      version: published.version,
    });
    expect(retired.json).toMatchObject({ status: 'retired' });
    const draft = (await api(t, region, 'POST', `/api/v1/quality-models/${socialtilsynId}/copy`)).json;
    const res = await api(t, region, 'POST', `/api/v1/quality-models/${draft.id}/retire`, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe('En kladde kan ikke udfases; slet den i stedet.');
  });

  it('lets inspectors and leaders read published and retired versions only, and change nothing', async () => {
    for (const token of [inspector, leader]) {
      const visible = (await api(t, token, 'GET', '/api/v1/quality-models')).json.items as { status: string }[];
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.every((v) => v.status !== 'draft')).toBe(true);
      expect((await api(t, token, 'GET', `/api/v1/quality-models/${regionalId}/export?format=json`)).status).toBe(200);
      expect((await upload(t, token, regionalYaml)).status).toBe(403);
      expect((await api(t, token, 'POST', `/api/v1/quality-models/${regionalId}/copy`)).status).toBe(403);
      expect((await api(t, token, 'POST', `/api/v1/quality-models/${regionalId}/retire`, { version: 4 })).status).toBe(
        403,
      );
    }
    const drafts = (await list()).filter((v) => v.status === 'draft');
    expect((await api(t, leader, 'GET', `/api/v1/quality-models/${drafts[0].id}`)).status).toBe(404);
    expect((await api(t, undefined, 'GET', '/api/v1/quality-models')).status).toBe(401);
  });

  it('searches a version by code and text', async () => {
    const res = (await api(t, inspector, 'GET', `/api/v1/quality-models/${regionalId}?q=medicin`)).json;
    expect(res.standards.map((s: { code: string }) => s.code)).toEqual(['1.4']);
    const byText = (
      await api(
        t,
        inspector,
        'GET',
        `/api/v1/quality-models/${regionalId}?q=${encodeURIComponent('audit af udvalgte')}`,
      )
    ).json;
    expect(
      byText.standards.map((s: { code: string; indicators: { code: string }[] }) => [
        s.code,
        s.indicators.map((i) => i.code),
      ]),
    ).toEqual([['1.1', ['1.1.3']]]);
  });
});
