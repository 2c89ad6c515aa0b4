import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/demo';
import { SHIPPED_CATALOGUES } from '#libs/quality-model';
import { axeViolations, launchBrowser, loginInBrowser, seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('quality-model pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let draftUrl: string;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 820, height: 1180 } }); // a tablet held upright
    page = await context.newPage();
    await loginInBrowser(page, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const clean = async () => expect(await axeViolations(page)).toEqual([]);
  const h1 = () => page.getByRole('heading', { level: 1 }).textContent();
  /** Submits and waits for the page the form redirects to (which may be the current URL). */
  const submitTo = async (button: Locator, url: string) => {
    await Promise.all([page.waitForResponse((r) => r.url() === url && r.request().method() === 'GET'), button.click()]);
    await page.waitForLoadState();
  };

  it('lists both shipped models as published', async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Kvalitetsmodeller' }).click();
    await page.waitForURL('**/kvalitetsmodeller');
    const rows = await page.locator('table.data tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Den regionale kvalitetsmodel på det sociale område 1 Udgivet 36/),
      expect.stringMatching(/^Kvalitetsmodel for socialtilsyn – sociale tilbud 1 Udgivet 31/),
    ]);
    await clean();
  });

  it('refuses a bad upload, listing every error with its line, and saves nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tilsyn-qm-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(SHIPPED_CATALOGUES[0], 'utf8')
        .replace('        kind: guideline\n', '        kind: trin-1\n')
        .replace('title: Kommunikation', 'title: ""'),
    );
    await page.goto(`${t.baseUrl}/kvalitetsmodeller/import`);
    await page.getByLabel('Katalogfil').setInputFiles(bad);
    await page.getByRole('button', { name: 'Indlæs' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('Filen blev ikke indlæst: 2 fejl skal rettes først');
    const rows = (await alert.locator('tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      '42standards[0].titleskal udfyldes',
      '50standards[0].indicators[0].kindskal være en af: guideline, practice, monitoring, improvement',
    ]);
    await clean();
    await page.goto(`${t.baseUrl}/kvalitetsmodeller`);
    expect(await page.locator('table.data tbody tr').count()).toBe(2);
  });

  it('uploads a catalogue as a new draft and searches it', async () => {
    await page.goto(`${t.baseUrl}/kvalitetsmodeller/import`);
    await page.getByLabel('Katalogfil').setInputFiles(SHIPPED_CATALOGUES[0]);
    await page.getByRole('button', { name: 'Indlæs' }).click();
    await page.waitForURL(/\/kvalitetsmodeller\/[0-9a-f-]{36}$/);
    draftUrl = page.url();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'er indlæst som kladde (version 2)',
    );
    await expect(h1()).resolves.toBe('Den regionale kvalitetsmodel på det sociale område, version 2');
    await clean();
    await page.getByLabel('Søg i koder og tekster').fill('medicin');
    await page.getByRole('button', { name: 'Søg' }).click();
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['1.4 Medicinhåndtering']);
    await clean();
  });

  it('edits an indicator of the draft, showing Danish errors next to the form first', async () => {
    await page.goto(draftUrl);
    await page.getByRole('link', { name: 'Ret indikator 1.1.1' }).click();
    await expect(h1()).resolves.toBe('Ret indikator');
    await clean();
    await page.getByLabel('Indikator', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('skal udfyldes');
    await clean();
    await page
      .getByLabel('Indikator', { exact: true })
      .fill('Tilbuddet har en skriftlig retningslinje for kommunikation.');
    await page.getByLabel('Observation').check();
    await submitTo(page.getByRole('button', { name: 'Gem' }), draftUrl);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('1.1.1 er gemt');
    await expect(page.locator('tr:has(th:text-is("1.1.1"))').textContent()).resolves.toContain(
      'Interview med ledelse, Dokumentation, Observation',
    );
  });

  it("changes the draft's roll-up rules, refusing a cap without its figures by name", async () => {
    await page.goto(draftUrl);
    await page.getByRole('link', { name: 'Ret oplysninger' }).click();
    await expect(h1()).resolves.toBe('Ret versionens oplysninger');
    await clean();
    const level = (name: string) => page.getByRole('group', { name, exact: true });
    await level('Samlet').getByLabel('Regel').selectOption({ label: 'Gennemsnit med loft' });
    await level('Samlet').getByLabel('Loftet').fill('2');
    await page.getByRole('button', { name: 'Gem' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Samlet – Loft, når en værdi er højst: skal udfyldes',
    ]);
    await clean();
    // the refused form keeps what was typed
    await expect(level('Samlet').getByLabel('Loftet').inputValue()).resolves.toBe('2');
    await alert.getByRole('link').first().click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('rollup.overall.cap.whenAnyAtOrBelow');
    await level('Samlet').getByLabel('Loft, når en værdi er højst').fill('1');
    await level('Standard').getByLabel('Regel').selectOption({ label: 'Laveste værdi' });
    await submitTo(page.getByRole('button', { name: 'Gem' }), draftUrl);
    await page.getByText('Skala og sammenvejning').click();
    const rules = page.getByRole('table', { name: 'Sammenvejning' });
    await expect(rules.locator('tbody tr').allTextContents()).resolves.toEqual([
      'KriteriumGennemsnit',
      'StandardLaveste værdi',
      'SamletGennemsnit med loft (uvægtet; højst 2, når en værdi er 1 eller lavere)',
    ]);
  });

  it("reorders a draft's standards and indicators with move buttons", async () => {
    await page.goto(draftUrl);
    const codes = (name: string) => page.getByRole('table', { name }).locator('tbody th').allTextContents();
    const before = await codes('Indikatorer under 1.1');
    expect(before.slice(0, 2)).toEqual(['1.1.1', '1.1.2']);
    expect(await page.getByRole('button', { name: 'Flyt op 1.1.1', exact: true }).count()).toBe(0); // already first
    await submitTo(page.getByRole('button', { name: 'Flyt op 1.1.2', exact: true }), draftUrl);
    expect(await codes('Indikatorer under 1.1')).toEqual([before[1], before[0], ...before.slice(2)]);
    const standards = async () =>
      (await page.getByRole('heading', { level: 2 }).allTextContents()).filter((h) => /^\d\.\d /.test(h));
    const first = (await standards()).slice(0, 2);
    await submitTo(page.getByRole('button', { name: 'Flyt ned 1.1', exact: true }), draftUrl);
    expect((await standards()).slice(0, 2)).toEqual([first[1], first[0]]);
    await clean();
  });

  it('adds a standard with an indicator, then publishes the draft and compares it with version 1', async () => {
    await page.getByRole('link', { name: 'Tilføj Standard' }).click();
    await clean();
    await page.getByLabel('Kode').fill('1.7');
    await page.getByLabel('Titel').fill('Faglige tilgange og metoder');
    await submitTo(page.getByRole('button', { name: 'Gem' }), draftUrl);
    await page.getByRole('link', { name: 'Tilføj indikator under 1.7' }).click();
    await page.getByLabel('Kode').fill('1.7.1');
    await page.getByLabel('Indikator', { exact: true }).fill('Tilbuddets metoder er beskrevet.');
    await page.getByLabel('Trin').selectOption('guideline');
    await submitTo(page.getByRole('button', { name: 'Gem' }), draftUrl);

    await submitTo(page.getByRole('button', { name: 'Udgiv' }), draftUrl);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'er udgivet og kan ikke længere ændres',
    );
    expect(await page.getByRole('link', { name: /^Ret / }).count()).toBe(0);
    await clean();

    await page
      .getByLabel('Sammenlign med en anden version')
      .selectOption({ label: 'Den regionale kvalitetsmodel på det sociale område, version 1 (Udgået)' });
    await page.getByRole('button', { name: 'Sammenlign' }).click();
    await expect(h1()).resolves.toBe('Sammenlign versioner');
    const indicators = page.getByRole('region', { name: 'Indikatorer' });
    await expect(indicators.getByRole('listitem').allTextContents()).resolves.toEqual([
      '1.7.1 Tilbuddets metoder er beskrevet.',
    ]);
    await expect(indicators.getByRole('table').textContent()).resolves.toContain('evidence');
    await clean();
  });

  it('shows inspectors the published versions read-only, and no drafts', async () => {
    await page.goto(`${t.baseUrl}/kvalitetsmodeller`);
    await page.getByRole('link', { name: 'Kvalitetsmodeller' }).first().click();
    const inspector = await browser.newContext();
    const p = await inspector.newPage();
    await loginInBrowser(p, t.baseUrl, 'inspektor@tilsyn.demo', DEMO_PASSWORD);
    await p.goto(draftUrl);
    expect(await p.getByRole('button', { name: 'Ny version ud fra denne' }).count()).toBe(0);
    expect(await p.getByRole('link', { name: /^Ret / }).count()).toBe(0);
    expect(await axeViolations(p)).toEqual([]);
    await p.goto(`${t.baseUrl}/kvalitetsmodeller/import`);
    await expect(p.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ingen adgang');
    await inspector.close();
  });
});
