import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoVisitSeed } from '#libs/demo';
import {
  REPORT_READER,
  ReportAuthorityService,
  type ReportData,
  ReportDataService,
  ReportRenderService,
} from '#libs/reporting';
import { api, Role, seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { OVERALL_ASSESSMENT } from '../../bench/lib/published-visit.js';
import { pdfFacts } from './pdf-facts.js';
import { publishedVisit, type Team, team } from './published-visit.js';

/**
 * The tilsyn report beside Socialtilsynet's: a fully rated visit (31 indicators, each justified in
 * several paragraphs) printed with the authority's identity, the written assessments, the summary
 * after the cover, the sources and the høring; its sections in order, on at most 10 A4 pages.
 */
describe('the tilsyn report: content, order and length', () => {
  let t: TestApp;
  let crew: Team;
  let visitId: string;
  let data: ReportData;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    // the demo's published visit and closed resident survey at Lærkereden, this year: the survey counts
    await t.run(() => t.app.get(DemoVisitSeed).run());
    crew = await team(t);
    const staff = { id: (await api(t, crew.region, 'GET', '/api/v1/auth/me')).json.id, name: 'Rita Region' };
    await t.run(() =>
      t.app.get(ReportAuthorityService).save(
        { ...staff, email: '', role: Role.RegionStaff },
        {
          name: 'Region Midtjylland, Socialtilsyn Midt',
          address: 'Skottenborg 26\n8800 Viborg',
          contact: 'Telefon 78 47 47 00\nsocialtilsyn@rm.dk',
          logo: readFileSync(new URL('./foto-koekken.jpg', import.meta.url)),
        },
      ),
    );
    visitId = await publishedVisit(t, crew, {
      date: '2026-11-26',
      realistic: true,
      photo: readFileSync(new URL('./foto-koekken.jpg', import.meta.url)),
    });
    data = await t.run(() => t.app.get(ReportDataService).build(REPORT_READER, visitId));
  }, 120_000);
  afterAll(() => t?.close());

  it('holds every section of a published tilsynsrapport, in order', () => {
    expect(data.toc.filter((e) => e.level === 1).map((e) => e.anchor)).toEqual([
      'stamoplysninger',
      'sammenfatning',
      'samlet-vurdering',
      'scoregrundlag',
      'fund',
      'hoering',
      'datakilder',
    ]);
    const anchors = data.toc.map((e) => e.anchor);
    const themes = data.standards.map((s) => s.anchor);
    expect(anchors.indexOf(themes[0])).toBeGreaterThan(anchors.indexOf('scoregrundlag'));
    expect(anchors.indexOf(themes.at(-1)!)).toBeLessThan(anchors.indexOf('fund'));

    // who issues it, and who approved it
    expect(data.issuer).toEqual({
      name: 'Region Midtjylland, Socialtilsyn Midt',
      addressLines: ['Skottenborg 26', '8800 Viborg'],
      contactLines: ['Telefon 78 47 47 00', 'socialtilsyn@rm.dk'],
      logo: expect.stringMatching(/^data:image\/jpeg;base64,/),
    });
    expect(data.author).toBe('Region Midtjylland, Socialtilsyn Midt');
    expect(data.visit.approvedBy).toBe('Bo Østergård');

    // the summary: overall assessment, red indicators, orders and recommendations by deadline
    expect(data.summary.overallAssessment).toBe(OVERALL_ASSESSMENT);
    expect(data.summary.red.length).toBeGreaterThan(0);
    expect(data.summary.actions.map((a) => [a.kindLabel, a.deadline])).toEqual([
      ['Påbud', '2027-02-01'],
      ['Anbefaling', '2027-03-01'],
      ['Anbefaling', '2027-04-15'],
    ]);

    // a written assessment for every theme, all 31 indicators rated and justified
    expect(data.standards).toHaveLength(7);
    for (const s of data.standards) expect(s.assessment).toContain(`tema ${s.code} `);
    expect(data.sources.indicatorsRated).toBe(31);

    // the høring, and the sources with the plurals right
    expect(data.hearing).toMatchObject({ publishReason: 'Tilbuddet har meddelt, at det ikke har bemærkninger.' });
    expect(data.sources.lines).toEqual([
      'Anmeldt tilsynsbesøg 26. november 2026 ved Anna Ærøsen, Bo Østergård.',
      expect.stringMatching(/^Interview med medarbejdere \(\d+ indikatorer\), borgere \(\d+ indikatorer\)\.$/),
      expect.stringMatching(
        /^1 dokument gennemgået: referat-dialogmoede\.pdf; dokumentation er kilde til 11 indikatorer\.$/,
      ),
      'Observation ved besøget (1 indikator, 1 foto).',
      'Oplysninger fra 2 fokusgrupper: Fire beboere; Tre medarbejdere fra aftenvagten.',
      expect.stringMatching(/^Tilfredshedsundersøgelse: .+, \d+ besvarelser?\.$/),
    ]);
    expect(data.sources.lines.join(' ')).not.toMatch(/\(r\)|\(er\)/);
    // the survey results that count in the scores
    expect(data.basis.surveys.length).toBeGreaterThan(0);
    expect(data.basis.surveys[0].rows.length).toBeGreaterThan(0);
  });

  it('prints a fully rated visit on at most 10 A4 pages, in that order', async () => {
    const report = (await api(t, crew.region, 'POST', '/api/v1/reports', { visitId })).json;
    const out = await t.run(() => t.app.get(ReportRenderService).render(report.id));
    const pdfRes = await fetch(`${t.baseUrl}/api/v1/reports/${report.id}/pdf`, {
      headers: { authorization: `Bearer ${crew.region}` },
    });
    const raw = Buffer.from(await pdfRes.arrayBuffer());
    writeFileSync(join(tmpdir(), 'tilsyn-report-full.pdf'), raw); // to look at with pdftoppm
    const pdf = await pdfFacts(raw);
    expect(out).toMatchObject({ pages: pdf.pages.length });
    // the document's properties, as a file manager or archive shows them
    expect(pdf).toMatchObject({
      title: 'Tilsynsrapport – Bostedet Lærkereden',
      author: 'Region Midtjylland, Socialtilsyn Midt',
      subject: 'Anmeldt tilsynsbesøg 26. november 2026',
      language: 'da',
      tagged: true,
    });
    expect(pdf.outline).toContain('Sammenfatning');
    expect(pdf.pages.length).toBeLessThanOrEqual(10);

    const text = pdf.pages.map((p) => p.replace(/\s+/g, ' '));
    // cover: the authority, the approver; then the summary on a page of its own
    expect(text[0]).toContain('Region Midtjylland, Socialtilsyn Midt');
    expect(text[0]).toContain('Godkendt af Bo Østergård');
    expect(text[0]).toContain('Skottenborg 26');
    expect(text[1]).toContain('Sammenfatning');
    expect(text[1]).toContain('Tilsynet vurderer samlet, at tilbuddet har en god kvalitet');
    expect(text[1]).toContain('Indikatorer vurderet røde');
    expect(text[1]).toContain('1. marts 2027');
    // where each section starts, after the cover (whose contents name them all)
    const at = (s: string) => text.findIndex((p, i) => i > 0 && p.includes(s));
    const order = [
      'Scorer ',
      'Scorernes grundlag',
      'Tema 1: Uddannelse og beskæftigelse',
      'Tema 7: Fysiske rammer',
      'Fund og påbud',
      'Høring',
      'Metode og datakilder',
    ].map((s) => at(s));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order); // order: cover 0, summary 1, …
    expect(text.join(' ')).toContain('Oplysninger fra 2 fokusgrupper');
    // no table header or heading left alone at a page's foot (the page's text ends with the header and footer bands)
    for (const p of text)
      expect(p).not.toMatch(/(Indikatorer|Udviklingspunkter og anbefalinger|Påbud|Høring)\s*Tilsynsrapport · /);
  });
});
