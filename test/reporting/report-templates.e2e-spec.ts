import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { api, Role, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { publishedVisit, type Team, team } from './published-visit.js';

describe('report templates uploaded by region staff', () => {
  let t: TestApp;
  let crew: Team;
  let visitId: string;
  let leader: string;
  let templateId: string;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    visitId = await publishedVisit(t, crew, { date: '2026-09-14' });
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
  });
  afterAll(() => t.close());

  it('refuses a template that breaks the rules, naming every problem with its line', async () => {
    const source = [
      '<h1>{{facility.name}}</h1>', // 1
      '{{{facility.address}}}', // 2: not escaped
      '{{#each standards}}', // 3
      '  <p>{{upper title}}</p>', // 4: unknown helper
      '{{/each}}', // 5
      '<script src="x.js"></script>', // 6
      '{{> no-such-partial}}', // 7
      '{{& visit.method}}', // 8
    ].join('\n');
    const res = await api(t, crew.region, 'POST', '/api/v1/report-templates', { name: 'Fejlbehæftet', source });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual([
      'linje 2',
      'linje 4',
      'linje 6',
      'linje 7',
      'linje 8',
    ]);
    expect(res.json.errors[1].message).toContain('ukendt hjælpefunktion »upper«');

    const broken = await api(t, crew.region, 'POST', '/api/v1/report-templates', {
      name: 'Ulukket',
      source: '<p>\n{{#if overall}}\nx\n',
    });
    expect(broken.status).toBe(422);
    expect(broken.json.errors).toEqual([
      expect.objectContaining({ field: 'linje 4', message: expect.stringContaining('kan ikke læses') }),
    ]);
    expect((await api(t, crew.region, 'GET', '/api/v1/report-templates')).json.items).toEqual([]);
  });

  it('stores a valid template as a draft that only region staff can preview and try', async () => {
    const standard = readFileSync('templates/reports/tilsynsrapport.hbs', 'utf8');
    const source = standard.replace(
      '<p class="kicker">Tilsynsrapport</p>',
      '<p class="kicker">Region Midt · Tilsynsrapport</p>',
    );
    expect(
      (await api(t, crew.anna.token, 'POST', '/api/v1/report-templates', { name: 'Region Midt', source })).status,
    ).toBe(403);
    const res = await api(t, crew.region, 'POST', '/api/v1/report-templates', { name: 'Region Midt', source });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      number: 1,
      status: 'draft',
      name: 'Region Midt',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    templateId = res.json.id;

    const sample = await api(t, crew.region, 'GET', `/api/v1/report-templates/${templateId}/preview`);
    expect(sample.contentType).toContain('text/html');
    expect(sample.text).toContain('Region Midt · Tilsynsrapport');
    expect(sample.text).toContain('Eksempeltilbuddet');
    const real = await api(t, crew.region, 'GET', `/api/v1/report-templates/${templateId}/preview?visitId=${visitId}`);
    expect(real.text).toContain('Bostedet Lærkereden');
    expect((await api(t, crew.anna.token, 'GET', `/api/v1/report-templates/${templateId}/preview`)).status).toBe(403);

    // a trial report with the draft: region staff see it, the facility leader does not
    const trial = await api(t, crew.region, 'POST', '/api/v1/reports', { visitId, templateId });
    expect(trial.json).toMatchObject({ preview: true, templateId });
    expect((await api(t, leader, 'GET', `/api/v1/reports/${trial.json.id}`)).status).toBe(404);
    expect((await api(t, leader, 'GET', `/api/v1/reports?visitId=${visitId}`)).json.items).toEqual([]);
    expect((await api(t, crew.region, 'GET', `/api/v1/reports?visitId=${visitId}`)).json.items).toHaveLength(1);

    // a batch only takes an active template
    const batch = await api(t, crew.region, 'POST', '/api/v1/report-batches', {
      from: '2026-01-01',
      to: '2026-12-31',
      templateId,
    });
    expect(batch.json.errors).toEqual([expect.objectContaining({ field: 'templateId', rule: 'active' })]);
  });

  it('activates and retires a version, guarded by its version number, with an audit trail', async () => {
    expect(
      (await api(t, crew.region, 'POST', `/api/v1/report-templates/${templateId}/activate`, { version: 99 })).status,
    ).toBe(409);
    const active = await api(t, crew.region, 'POST', `/api/v1/report-templates/${templateId}/activate`, { version: 1 });
    expect(active.json).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    const report = await api(t, crew.region, 'POST', '/api/v1/reports', { visitId, templateId });
    expect(report.json).toMatchObject({ preview: false });
    expect((await api(t, leader, 'GET', `/api/v1/reports/${report.json.id}`)).status).toBe(200);

    const retired = await api(t, crew.region, 'POST', `/api/v1/report-templates/${templateId}/retire`, {
      version: active.json.version,
    });
    expect(retired.json.status).toBe('retired');
    expect((await api(t, crew.region, 'POST', '/api/v1/reports', { visitId, templateId })).status).toBe(422);
    const trail: { action: string }[] = await t.app
      .get(DataSource)
      .query(`select action from audit_event where entity_id = $1 order by id`, [templateId]);
    expect(trail.map((e) => e.action)).toEqual([
      'report_template.uploaded',
      'report_template.activated',
      'report_template.retired',
    ]);
  });

  it('previews a visit report as HTML for region staff and inspectors, with a CSP that runs nothing', async () => {
    const page = await fetch(`${t.baseUrl}/rapporter/besoeg/${visitId}/forhaandsvisning`, {
      headers: { authorization: `Bearer ${crew.anna.token}` },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<html lang="da">');
    const leaderPage = await fetch(`${t.baseUrl}/rapporter/besoeg/${visitId}/forhaandsvisning`, {
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(leaderPage.status).toBe(403);
    const stranger = await tokenFor(t, (await t.newUser(Role.Inspector, 'Ulla Udenfor')).email);
    expect(
      (
        await fetch(`${t.baseUrl}/rapporter/besoeg/${visitId}/forhaandsvisning`, {
          headers: { authorization: `Bearer ${stranger}` },
        })
      ).status,
    ).toBe(404);
  });
});
