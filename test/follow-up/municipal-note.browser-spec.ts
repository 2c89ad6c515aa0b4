import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/demo';
import {
  api,
  axeViolations,
  launchBrowser,
  loginInBrowser,
  seedDemo,
  startTestApp,
  type TestApp,
  textBecomes,
  tokenFor,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { municipalPlanCsv, municipalPlanRows, municipalStatusText } from './municipal-plan.js';
import { checkNote, paragraphsOf } from './note-pdf.js';

const TREE =
  'type;navn;overordnet\r\n' +
  'kommune;Ærø Kommune;\r\n' +
  'center;Center for Socialpsykiatri og Handicap;Ærø Kommune\r\n' +
  'tilbud;Bostedet Lærkereden;Center for Socialpsykiatri og Handicap\r\n';
const INTRODUCTION =
  'Socialudvalget orienteres hvert halve år om opfølgningen på tilsynet med kommunens botilbud.\n\n' +
  'Under hvert område står anbefalingerne og status på dem; imødekommede anbefalinger vises én gang til.';

/**
 * The done-when: a municipality's plan (14 areas under 4 headings, 25 recommendations)
 * imported from a Windows-1252 CSV and owned by the municipality, statuses of several paragraphs
 * entered on one page, and a note with front matter of at most 12 pages where every paragraph is
 * kept and no page ends with a heading.
 */
describe("a municipality's follow-up plan, from its Windows-1252 file to the note for the committee", () => {
  let t: TestApp;
  let browser: Browser;
  let region: Page;
  let leader: Page;
  let planUrl: string;
  const written: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    browser = await launchBrowser();
    region = await browser.newPage();
    leader = await browser.newPage();
    await loginInBrowser(region, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
    await loginInBrowser(leader, t.baseUrl, 'leder@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const win = (name: string, text: string) => ({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(iconv.encode(text, 'windows-1252')),
  });

  it('region staff build the organisation tree from a Windows-1252 file', async () => {
    await region.goto(`${t.baseUrl}/organisation`);
    expect(await axeViolations(region)).toEqual([]);
    await region.locator('#fil').setInputFiles(win('organisation.csv', TREE));
    await region.getByRole('button', { name: 'Importér' }).click();
    await region.waitForURL(/\/organisation$/);
    expect(await region.locator('body').textContent()).toContain('filen er læst som Windows-1252');
    expect(await region.locator('ul.org-tree').textContent()).toContain('Center for Socialpsykiatri og Handicap');
    expect(await axeViolations(region)).toEqual([]);
  });

  it('imports the plan from Windows-1252, owned by the municipality', async () => {
    await region.goto(`${t.baseUrl}/opfoelgning/import`);
    await region.getByLabel('Enhed').selectOption({ label: 'Ærø Kommune (kommune)' });
    await region.getByLabel('Titel').fill('Opfølgning på tilsyn med botilbud 2026');
    await region.getByLabel('Fil').setInputFiles(win('plan.csv', municipalPlanCsv({ writer: 'Bostedet Lærkereden' })));
    await region.getByRole('button', { name: 'Importér' }).click();
    await region.waitForURL(/\/opfoelgning\/planer\/[0-9a-f-]{36}$/);
    planUrl = region.url();
    expect(await region.locator('body').textContent()).toContain(
      'Planen er importeret med 25 anbefalinger i 18 afsnit (filen er læst som Windows-1252)',
    );
    expect(await region.getByRole('heading', { level: 2, name: '2. Socialpsykiatri' }).count()).toBe(1);
    expect(await region.getByRole('heading', { level: 3, name: '2.1. Recovery og rehabilitering' }).count()).toBe(1);
    expect(await axeViolations(region)).toEqual([]);
  });

  it('the leader of a facility under the municipality enters every status on one page', async () => {
    await leader.goto(`${t.baseUrl}/opfoelgning`);
    expect(await leader.locator('#planer + table').textContent()).toContain('Ærø Kommune');
    await leader.goto(`${planUrl}/status`);
    expect(await axeViolations(leader)).toEqual([]);
    const forms = leader.locator('form.status-form');
    expect(await forms.count()).toBe(24);
    const labels = ['i gang', 'planlagt', 'delvist imødekommet', 'i gang'];
    for (let k = 0; k < 24; k++) {
      const form = forms.nth(k);
      const text = municipalStatusText(k);
      written.push(text);
      await form.locator('select[name="statusId"]').selectOption({ label: labels[k % 4] });
      await form.locator('textarea[name="text"]').fill(text);
    }
    expect(await textBecomes(leader.locator('#gem-status'), '', 60_000)).toBe('');
    for (let k = 0; k < 24; k++)
      expect(await textBecomes(forms.nth(k).locator('.save-state'), /^Gemt/, 30_000)).toBeTruthy();
    const token = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
    const plan = (await api(t, token, 'GET', `/api/v1/follow-up/plans/${planUrl.split('/').at(-1)}`)).json;
    const saved = plan.sections.flatMap(
      (s: { holdsStatus: boolean; statusText: string; items: { statusOnSection: boolean; statusText: string }[] }) =>
        s.holdsStatus ? [s.statusText] : s.items.map((i) => i.statusText),
    );
    expect(saved).toEqual(written);
  });

  it('region staff issue the note with front matter: at most 12 A4 pages, every paragraph kept, no heading at a page foot', async () => {
    await region.goto(planUrl);
    await region.getByLabel(/Halvår/).fill('2026-2');
    await region.getByLabel('Modtager').fill('Til Socialudvalget');
    await region.getByLabel(/^Dato/).fill('2026-11-12');
    await region.getByLabel('Sagsnr.').fill('27.12.00-A00-1-24');
    await region.getByLabel('Dokumentnr.').fill('123456/26');
    await region.getByLabel('Titel').fill('Status på opfølgning på tilsyn med botilbud, 2. halvår 2026');
    await region.getByLabel(/^Indledning/).fill(INTRODUCTION);
    await region.getByRole('button', { name: 'Udsend statusrapport' }).click();
    await region.waitForURL(planUrl);
    await region.getByRole('link', { name: '2. halvår 2026' }).click();
    expect(await region.locator('.note-to').textContent()).toBe('Til Socialudvalget');
    expect(await axeViolations(region)).toEqual([]);

    await region.goto(planUrl);
    const pdfHref = await region.getByRole('link', { name: 'som PDF', exact: true }).getAttribute('href');
    const token = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const pdf = new Uint8Array(
      await (await fetch(`${t.baseUrl}${pdfHref}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
    );
    writeFileSync('/tmp/municipal-note.pdf', pdf);
    const rows = municipalPlanRows();
    const note = await checkNote(pdf, {
      paragraphs: [
        ...paragraphsOf(INTRODUCTION),
        ...rows.flatMap((r) => paragraphsOf(r.text)),
        ...written.flatMap(paragraphsOf),
      ],
      headings: rows.filter((r) => r.type === 'overskrift').map((r) => `${r.number} ${r.title}`),
      bands: [
        'Til Socialudvalget · Ærø Kommune',
        'Sagsnr. 27.12.00-A00-1-24 · 2. halvår 2026',
        'Opfølgning på tilsyn med botilbud 2026',
      ],
    });
    console.log(
      `municipal note: ${note.pageCount} pages, ${note.paragraphs.found}/${note.paragraphs.expected} paragraphs`,
    );
    expect(note.pageCount).toBeLessThanOrEqual(12);
    expect(note.paragraphs.missing).toEqual([]);
    expect(note.headingAtFoot).toEqual([]);
    expect(note.pages[0]).toMatch(/^Til Socialudvalget Dato 12\. november 2026 Sagsnr\./);
  });
});
