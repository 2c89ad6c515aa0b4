import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/demo';
import { ReportRenderService } from '#libs/reporting';
import {
  api,
  axeViolations,
  launchBrowser,
  loginInBrowser,
  seedDemo,
  startTestApp,
  type TestApp,
  textBecomes,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { publishedVisit, type Team, team } from './published-visit.js';

describe('report pages on a tablet', () => {
  let t: TestApp;
  let crew: Team;
  let visitId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const render = (reportId: string) => t.run(() => t.app.get(ReportRenderService).render(reportId));

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    visitId = await publishedVisit(t, crew, {
      date: '2026-08-20',
      findingText: '<script>alert(1)</script> Opslag om magtanvendelse mangler',
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true }); // tablet portrait
    page = await context.newPage();
    await loginInBrowser(page, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a visit’s scores with the same radar and score table partials as the PDF, and generates a report', async () => {
    await page.goto(`${t.baseUrl}/rapporter`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /rapport for Bostedet Lærkereden/ }).click();
    await page.waitForURL(`**/rapporter/besoeg/${visitId}`);
    expect(await page.locator('figure.score-radar svg polygon').count()).toBeGreaterThan(5);
    expect(await page.getByRole('img', { name: 'Score pr. tema' }).count()).toBe(1);
    expect(await page.locator('table.score-table tbody tr').count()).toBe(7);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Dan rapport' }).click();
    await page.waitForURL(/\/rapporter\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-progress-text]').textContent()).toContain(
      'Rapporten er bestilt og dannes om et øjeblik',
    );
    expect(await axeViolations(page)).toEqual([]);
    // without JavaScript too the page reloads by itself until the report is there
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const plain = await noScript.newPage();
    await plain.goto(page.url());
    expect(await plain.locator('[data-progress-text]').textContent()).toContain('Siden opdaterer sig selv');
    // the page keeps itself current (static script, no inline JavaScript) while the worker prints
    const reportId = page.url().split('/').pop()!;
    await render(reportId);
    const download = page.getByRole('link', { name: /^Hent rapporten \(PDF, \d+ sider\)$/ });
    await download.waitFor({ timeout: 15_000 });
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('Rapporten er klar.');
    expect(main).toContain('Tilsynsrapport – Bostedet Lærkereden – 2026-08-20.pdf');
    // what a reader needs, not what the machine knows: no hashes, byte counts or attempts
    expect(main).not.toMatch(/SHA-256|byte|Forsøg|[0-9a-f]{64}/);
    expect(await download.getAttribute('download')).toBe('Tilsynsrapport – Bostedet Lærkereden – 2026-08-20.pdf');
    expect(await axeViolations(page)).toEqual([]);
    await plain.getByRole('link', { name: /^Hent rapporten/ }).waitFor({ timeout: 15_000 });
    await noScript.close();

    const html = await context.newPage();
    await html.goto(`${t.baseUrl}/api/v1/reports/${reportId}/html`);
    expect(await html.locator('.toc-page').first().textContent()).toMatch(/^\d+$/);
    expect(await html.getByText('<script>alert(1)</script> Opslag om magtanvendelse mangler').count()).toBeGreaterThan(
      0,
    );
    expect(await axeViolations(html)).toEqual([]);
    await html.close();
  });

  it('lets region staff set, once, who issues the reports: name, address, contact and logo', async () => {
    await page.goto(`${t.baseUrl}/rapporter`);
    await page.getByRole('link', { name: /Rapporternes afsender/ }).click();
    await page.waitForURL('**/rapporter/myndighed');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Navn').fill('   ');
    await page.getByRole('button', { name: 'Gem' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Navn: skriv myndighedens navn');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Navn').fill('Region Midtjylland, Socialtilsyn Midt');
    await page.getByLabel('Adresse').fill('Skottenborg 26\n8800 Viborg');
    await page.getByLabel('Kontakt').fill('socialtilsyn@rm.dk');
    await page.getByLabel(/^Logo/).setInputFiles(fileURLToPath(new URL('./foto-koekken.jpg', import.meta.url)));
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.waitForURL('**/rapporter/myndighed');
    expect(await page.locator('main').textContent()).toContain('Oplysningerne er gemt');
    expect(await page.getByLabel('Adresse').inputValue()).toBe('Skottenborg 26\n8800 Viborg');
    expect(await page.getByRole('img', { name: 'Det gemte logo' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // printed on the report: the preview shows it at once
    const preview = await api(t, crew.region, 'GET', `/rapporter/besoeg/${visitId}/forhaandsvisning`);
    expect(preview.text).toContain('Region Midtjylland, Socialtilsyn Midt');
    expect(preview.text).toContain('8800 Viborg');
  });

  it('shows a batch’s progress, updating by itself', async () => {
    await page.goto(`${t.baseUrl}/rapporter`);
    await page.getByLabel('Besøg fra og med').fill('2026-01-01');
    await page.getByLabel('Til og med').fill('2026-12-31');
    await page.getByRole('button', { name: 'Dan rapporter' }).click();
    await page.waitForURL(/\/rapporter\/koersler\//);
    expect(await page.locator('[data-progress-text]').textContent()).toContain('0 af 1 rapporter færdige');
    expect(await axeViolations(page)).toEqual([]);
    const batch = (
      await api(
        t,
        crew.region,
        'GET',
        page.url().replace(`${t.baseUrl}/rapporter/koersler/`, '/api/v1/report-batches/'),
      )
    ).json;
    await render(batch.reports[0].id);
    await textBecomes(page.locator('[data-progress-text]'), /1 af 1 rapporter færdige\. Kørslen er slut\./, 15_000);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows template errors with line numbers, then a draft that can be activated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skabelon-'));
    writeFileSync(join(dir, 'fejl.hbs'), '<h1>{{facility.name}}</h1>\n{{{visit.method}}}\n');
    await page.goto(`${t.baseUrl}/rapporter/skabeloner`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Navn').fill('Forsøg');
    await page.getByLabel('Skabelonfil (.hbs)').setInputFiles(join(dir, 'fejl.hbs'));
    await page.getByRole('button', { name: 'Upload og tjek' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('linje 2');
    expect(await axeViolations(page)).toEqual([]);

    writeFileSync(
      join(dir, 'god.hbs'),
      '<h1>{{facility.name}}</h1>\n{{> report-toc toc=toc}}\n<section id="stamoplysninger"><h2>Stamoplysninger</h2><p>{{facility.address}}</p></section>\n',
    );
    await page.getByLabel('Navn').fill('Kort rapport');
    await page.getByLabel('Skabelonfil (.hbs)').setInputFiles(join(dir, 'god.hbs'));
    await page.getByRole('button', { name: 'Upload og tjek' }).click();
    await page.waitForURL(/\/rapporter\/skabeloner\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('status').textContent()).toContain('gemt som kladde');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Aktivér' }).click();
    expect(await page.getByRole('status').textContent()).toContain('er aktiv');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lets the facility leader read the report of their published visit', async () => {
    const leader = await browser.newPage();
    await loginInBrowser(leader, t.baseUrl, 'leder@tilsyn.demo', DEMO_PASSWORD);
    await leader.goto(`${t.baseUrl}/rapporter/besoeg/${visitId}`);
    expect(await leader.getByRole('link', { name: /^PDF/ }).count()).toBeGreaterThan(0);
    expect(await leader.getByRole('button', { name: 'Dan rapport' }).count()).toBe(0);
    expect(await axeViolations(leader)).toEqual([]);
    await leader.close();
  });
});
