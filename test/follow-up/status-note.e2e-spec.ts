import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { type Team, team } from '../reporting/published-visit.js';
import { municipalPlanCsv, municipalStatusText } from './municipal-plan.js';
import { checkNote, paragraphsOf } from './note-pdf.js';

interface Plan {
  sections: {
    id: string;
    number: string;
    title: string;
    text: string;
    holdsStatus: boolean;
    version: number;
    items: { id: string; number: string; text: string; statusOnSection: boolean; version: number }[];
  }[];
}

const INTRODUCTION =
  'Socialudvalget orienteres to gange om året om status på opfølgningen på tilsynet med kommunens botilbud.\n\n' +
  'Notatet beskriver for hvert område, hvad der er gjort siden sidste status, og hvad der er planlagt.\n\n' +
  'Anbefalinger, der er imødekommet, vises én gang til og udelades derefter.';

describe('the status note: a document with front matter, headings and statuses as paragraphs', () => {
  let t: TestApp;
  let crew: Team;
  let leader: string;
  let planId: string;
  let plan: Plan;
  const written: string[] = [];

  const download = (path: string, token = leader) =>
    fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
    const form = new FormData();
    form.append('facilityId', crew.facilityId);
    form.append('title', 'Opfølgning på tilsyn med botilbud 2026');
    form.append('fil', new Blob([new Uint8Array(iconv.encode(municipalPlanCsv(), 'windows-1252'))]), 'plan.csv');
    const res = await fetch(`${t.baseUrl}/api/v1/follow-up/plans/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${crew.region}` },
      body: form,
    });
    planId = (await res.json()).id;
    plan = (await api(t, crew.region, 'GET', `/api/v1/follow-up/plans/${planId}`)).json;
    const statuses: { id: string; label: string }[] = (await api(t, leader, 'GET', '/api/v1/follow-up/statuses')).json
      .items;
    const id = (label: string) => statuses.find((s) => s.label === label)!.id;
    // every place that holds a status gets a municipal status text: per area or per recommendation
    let k = 0;
    for (const s of plan.sections) {
      const holders = s.holdsStatus
        ? [{ path: `sections/${s.id}`, version: s.version }]
        : s.items.map((i) => ({ path: `items/${i.id}`, version: i.version }));
      for (const h of holders) {
        const text = municipalStatusText(k);
        written.push(text);
        const label = ['i gang', 'planlagt', 'delvist imødekommet', 'i gang'][k % 4];
        const saved = await api(t, leader, 'PUT', `/api/v1/follow-up/${h.path}/status`, {
          statusId: id(label),
          text,
          version: h.version,
        });
        expect(saved.status).toBe(200);
        k++;
      }
    }
  });
  afterAll(() => t?.close());

  it('writes status texts as a municipality does: ~1,750 characters on average, up to 3,500, several paragraphs', () => {
    const lengths = written.map((w) => w.length);
    const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(written.length).toBe(24); // 22 recommendations with their own status, 2 areas with one each
    expect(average).toBeGreaterThan(1500);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(3500);
    expect(Math.max(...lengths)).toBeGreaterThan(3300);
    expect(written.every((w) => paragraphsOf(w).length >= 2)).toBe(true);
  });

  it('issues a note with front matter; 25 recommendations on at most 12 A4 pages, every paragraph kept, no heading at a page foot', async () => {
    const issued = await api(t, crew.region, 'POST', `/api/v1/follow-up/plans/${planId}/status-reports`, {
      period: '2026-2',
      addressee: 'Til Socialudvalget',
      date: '2026-11-12',
      caseNumber: '27.12.00-A00-1-24',
      documentNumber: '123456/26',
      title: 'Status på opfølgning på tilsyn med botilbud, 2. halvår 2026',
      introduction: INTRODUCTION,
    });
    expect(issued.status).toBe(201);
    const pdf = new Uint8Array(
      await (await download(`/api/v1/follow-up/plans/${planId}/status-reports/${issued.json.id}.pdf`)).arrayBuffer(),
    );
    writeFileSync('/tmp/status-note.pdf', pdf);
    const headings = plan.sections.map((s) => `${s.number} ${s.title}`);
    const paragraphs = [
      ...paragraphsOf(INTRODUCTION),
      ...plan.sections.flatMap((s) => [...paragraphsOf(s.text), ...s.items.flatMap((i) => paragraphsOf(i.text))]),
      ...written.flatMap(paragraphsOf),
    ];
    const note = await checkNote(pdf, {
      paragraphs,
      headings,
      bands: [
        'Til Socialudvalget · Bostedet Lærkereden',
        'Sagsnr. 27.12.00-A00-1-24 · 2. halvår 2026',
        'Opfølgning på tilsyn med botilbud 2026',
      ],
    });
    console.log(
      `status note: ${note.pageCount} pages, ${note.paragraphs.found}/${note.paragraphs.expected} paragraphs, ` +
        `${written.reduce((a, w) => a + w.length, 0)} characters of status text`,
    );
    expect(note.pageCount).toBeLessThanOrEqual(12);
    expect(note.paragraphs.missing).toEqual([]);
    expect(note.paragraphs.found).toBe(note.paragraphs.expected);
    expect(note.headingAtFoot).toEqual([]);
    // front matter on the first page, in order
    expect(note.pages[0]).toMatch(
      /Til Socialudvalget.*Dato 12\. november 2026.*Sagsnr\. 27\.12\.00-A00-1-24.*Dok\.nr\. 123456\/26.*Status på opfølgning på tilsyn med botilbud, 2\. halvår 2026.*Socialudvalget orienteres/,
    );
    // headings in the plan's order, each status as a sentence
    const all = note.pages.join(' ');
    const at = headings.map((h) => all.indexOf(h));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(all.match(/Status: (i gang|planlagt|delvist imødekommet)\./g)).toHaveLength(24);
  });

  it('lists every issued note on the plan, openable later as HTML and as PDF', async () => {
    const page = await (await download(`/opfoelgning/planer/${planId}`)).text();
    const link = page.match(
      /href="(\/opfoelgning\/planer\/[0-9a-f-]+\/statusnotater\/[0-9a-f-]+)">2\. halvår 2026<\/a>/,
    );
    expect(link).not.toBeNull();
    const html = await download(link![1]);
    expect(html.status).toBe(200);
    const text = await html.text();
    expect(text).toContain('<p class="note-to">Til Socialudvalget</p>');
    expect(text).toContain('<p>Socialudvalget orienteres to gange om året');
    expect(text).toContain('<h2 id=');
    expect(text).toContain('<h3 id=');
    const pdfLink = page.match(/href="(\/api\/v1\/follow-up\/plans\/[0-9a-f-]+\/status-reports\/[0-9a-f-]+\.pdf)"/);
    expect((await download(pdfLink![1])).headers.get('content-type')).toBe('application/pdf');
  });
});
