import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ReportRenderService } from '#libs/reporting';
import { api, Role, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { pdfFacts } from './pdf-facts.js';
import { publishedVisit, type Team, team } from './published-visit.js';

const FINDING = '<script>alert("påbud")</script> Magtanvendelser skal indberettes';

describe('reports of a visit: who may generate and read them, and what they contain', () => {
  let t: TestApp;
  let crew: Team;
  let visitId: string;
  let reportId: string;
  let leader: string;
  let otherLeader: string;
  let outsider: string;

  const download = (token: string, path: string) =>
    fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    visitId = await publishedVisit(t, crew, {
      date: '2026-10-05',
      findingText: FINDING,
      photo: readFileSync(new URL('./foto-koekken.jpg', import.meta.url)),
    });
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', 'tilsyn-demo');
    outsider = await tokenFor(t, (await t.newUser(Role.Inspector, 'Ulla Udenfor')).email);
  });
  afterAll(() => t.close());

  it('lets only region staff request a report, and only of a published visit', async () => {
    expect((await api(t, crew.anna.token, 'POST', '/api/v1/reports', { visitId })).status).toBe(403);
    expect((await api(t, leader, 'POST', '/api/v1/reports', { visitId })).status).toBe(403);
    const draft = (
      await api(t, crew.anna.token, 'POST', '/api/v1/visits', {
        facilityId: crew.facilityId,
        kind: 'unannounced',
        plannedDate: '2026-12-01',
        inspectorIds: [crew.anna.id],
        modelVersionId: crew.versionId,
      })
    ).json;
    expect((await api(t, crew.region, 'POST', '/api/v1/reports', { visitId: draft.id })).status).toBe(409);

    const res = await api(t, crew.region, 'POST', '/api/v1/reports', { visitId });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'queued', statusLabel: 'I kø', preview: false, files: [] });
    reportId = res.json.id;
    const jobs = await t.app
      .get(DataSource)
      .query(`select data from pgboss.job where name = 'reporting.render-report'`);
    expect(jobs).toEqual([{ data: { reportId } }]);
  });

  it('prints the report (as the worker does) and stores PDF and HTML with their SHA-256', async () => {
    const result = await t.run(() => t.app.get(ReportRenderService).render(reportId));
    expect(result).toMatchObject({ pages: expect.any(Number) });
    const report = (await api(t, crew.region, 'GET', `/api/v1/reports/${reportId}`)).json;
    expect(report).toMatchObject({ status: 'done', attempts: 1, pageCount: expect.any(Number) });
    expect(report.files.map((f: { kind: string }) => f.kind)).toEqual(['html', 'pdf']);
    const res = await download(crew.region, `/api/v1/reports/${reportId}/pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(report.files.find((f: { kind: string }) => f.kind === 'pdf').sha256).toBe(sha);
    expect(res.headers.get('digest')).toBe(`sha-256=${Buffer.from(sha, 'hex').toString('base64')}`);
    // a name people can file: kind, facility, visit date
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Tilsynsrapport – Bostedet Lærkereden – 2026-10-05.pdf')}`,
    );
    // a repeated job (say, after a worker died just after storing) does nothing
    expect(await t.run(() => t.app.get(ReportRenderService).render(reportId))).toEqual({ skipped: expect.any(String) });
  });

  it('contains facts, method, judgements per theme with each rating and reason, findings and orders with deadlines, and the evidence trail', async () => {
    const pdf = await pdfFacts(
      Buffer.from(await (await download(crew.region, `/api/v1/reports/${reportId}/pdf`)).arrayBuffer()),
    );
    const text = pdf.pages.join('\n').replace(/\s+/g, ' ');
    for (const expected of [
      'Bostedet Lærkereden',
      'Lærkevej 12, 8000 Aarhus C',
      'Voksne med udviklingshæmning',
      'Anmeldt tilsynsbesøg 5. oktober 2026',
      'Anna Ærøsen, Bo Østergård',
      'Interview med leder, tre medarbejdere og fire beboere',
      'Stamoplysninger',
      'Samlet vurdering',
      'Tema 1: Uddannelse og beskæftigelse',
      'K1:',
      'Kriteriets score',
      'Tilsynets vurdering:',
      'I høj grad opfyldt',
      'Ikke relevant',
      'personalet beskriver praksis for 1a',
      'Interview med borgere: Fire beboere',
      'Dokumentation: Handleplaner (bilag referat-dialogmoede.pdf)',
      'Bilag (kan kontrolleres med SHA-256)',
      'Fire beboere: Beboerne er glade for husmøderne.',
      'Påbud',
      FINDING,
      'Forstander',
      '1. februar 2027',
      'Styrk dokumentationen af mål.',
      'Metode og datakilder',
      'Score pr. tema',
      // the sources of the scores, with the year they belong to
      'Scorernes grundlag',
      'Anmeldt tilsynsbesøg 5. oktober 2026',
      'Samlet score 2026',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/Side 1 af \d+/);
    // the critical first: the summary (red indicators, orders) comes before the facts and the themes
    expect(pdf.outline.indexOf('Sammenfatning')).toBeGreaterThan(pdf.outline.indexOf('Indhold'));
    expect(pdf.outline.indexOf('Sammenfatning')).toBeLessThan(pdf.outline.indexOf('Scorer'));
    const critical = pdf.pages.findIndex(
      (p) => p.includes('Indikatorer vurderet røde') || p.includes('Ingen indikatorer er vurderet røde'),
    );
    const firstTheme = pdf.pages.findIndex(
      (p) => p.includes('Tema 1: Uddannelse og beskæftigelse') && !p.includes('Indhold'),
    );
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThan(firstTheme);
    expect(pdf.pages[critical].replace(/\s+/g, ' ')).toContain('Påbud');
  });

  it('shows the photo marked for the report beside its indicator, on the page of that indicator', async () => {
    const raw = Buffer.from(await (await download(crew.region, `/api/v1/reports/${reportId}/pdf`)).arrayBuffer());
    writeFileSync(join(tmpdir(), 'tilsyn-report-with-photo.pdf'), raw); // to look at with pdftoppm
    const pdf = await pdfFacts(raw);
    const captionPage = pdf.pages.findIndex((p) => p.includes('1a: Fælleskøkkenet')) + 1;
    expect(captionPage).toBeGreaterThan(0);
    expect(pdf.pages[captionPage - 1]).toContain('Tilbuddet sætter sammen med borgeren');
    expect(pdf.images).toEqual({ [captionPage]: 1 });
  });

  it('keeps the HTML exactly as printed: same text, escaped, with the page numbers', async () => {
    const html = await (await download(crew.region, `/api/v1/reports/${reportId}/html`)).text();
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('&lt;script&gt;alert(&quot;påbud&quot;)&lt;/script&gt; Magtanvendelser');
    expect(html).not.toContain('<script>');
    const pdf = await pdfFacts(
      Buffer.from(await (await download(crew.region, `/api/v1/reports/${reportId}/pdf`)).arrayBuffer()),
    );
    for (const [anchor, page] of Object.entries(pdf.destinations))
      expect(html).toContain(`data-toc-page="${anchor}">${page}<`);
  });

  it('shows the report to the visit inspectors and the facility leader, not to others', async () => {
    for (const reader of [crew.anna.token, crew.bo.token, leader, crew.region]) {
      expect((await api(t, reader, 'GET', `/api/v1/reports/${reportId}`)).status).toBe(200);
      expect((await download(reader, `/api/v1/reports/${reportId}/pdf`)).status).toBe(200);
      expect((await api(t, reader, 'GET', `/api/v1/reports?visitId=${visitId}`)).json.items).toHaveLength(1);
    }
    for (const stranger of [otherLeader, outsider]) {
      expect((await api(t, stranger, 'GET', `/api/v1/reports/${reportId}`)).status).toBe(404);
      expect((await download(stranger, `/api/v1/reports/${reportId}/pdf`)).status).toBe(404);
      expect((await api(t, stranger, 'GET', `/api/v1/reports?visitId=${visitId}`)).status).toBe(404);
    }
    expect((await api(t, undefined, 'GET', `/api/v1/reports/${reportId}`)).status).toBe(401);
  });

  it('records who requested a report in the audit trail', async () => {
    const [event] = await t.app
      .get(DataSource)
      .query(`select actor_name, facility_id from audit_event where action = 'report.requested' and entity_id = $1`, [
        reportId,
      ]);
    expect(event).toEqual({ actor_name: 'Rita Region', facility_id: crew.facilityId });
  });
});
