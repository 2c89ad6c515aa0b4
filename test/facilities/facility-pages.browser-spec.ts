import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeViolations, startBrowserSession, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('facility pages for region staff', () => {
  let t: TestApp;
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, page, close } = await startBrowserSession(createServerApp, 'region@tilsyn.demo'));
  });
  afterAll(() => close?.());

  it('creates a facility through the form, showing Danish errors first', async () => {
    await page.goto(`${t.baseUrl}/tilbud/ny`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Navn').fill('Bostedet <Birkely>');
    await page.getByLabel('Pladser').fill('mange');
    await page.getByRole('button', { name: 'Gem' }).click();
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('skal udfyldes');
    await expect(summary.textContent()).resolves.toContain('skal være et heltal');
    expect(await page.getByLabel('Navn').inputValue()).toBe('Bostedet <Birkely>');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Adresse').fill('Birkevej 5, 7500 Holstebro');
    await page.getByLabel('Kommune').fill('Holstebro');
    await page.getByLabel('Tilbudstype').selectOption('sel-108');
    await page.getByLabel('Pladser').fill('16');
    await page.getByLabel('Lene Ledersen (leder@tilsyn.demo)').check();
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.waitForURL(/\/tilbud\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bostedet <Birkely>');
    expect(await page.locator('dl.facts').textContent()).toContain('Lene Ledersen');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('imports a CSV file through the upload form: a bad file changes nothing, a good one adds all rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tilsyn-csv-'));
    const bad = join(dir, 'bad.csv');
    const good = join(dir, 'good.csv');
    writeFileSync(bad, 'navn;adresse;kommune;tilbudstype\nBostedet Ny;Vej 1;Aarhus;108\n;Vej 2;Aarhus;999\n');
    writeFileSync(
      good,
      '\uFEFFnavn;adresse;kommune;tilbudstype\nBostedet Ny;Vej 1;Aarhus;108\nBostedet Nyere;Vej 2;Aarhus;SEL § 85\n',
    );

    await page.goto(`${t.baseUrl}/tilbud/import`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('CSV-fil').setInputFiles(bad);
    await page.getByRole('button', { name: 'Importér' }).click();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('skal udfyldes');
    expect(alert).toContain('tilbudstypen "999" findes ikke');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('CSV-fil').setInputFiles(good);
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.waitForURL(/\/tilbud$/);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(
      '2 tilbud er importeret (filen er læst som UTF-8 med BOM).',
    );
    await page.getByLabel('Kommune', { exact: true }).selectOption('Aarhus');
    await page.getByRole('button', { name: 'Vis' }).click();
    const names = await page.locator('table.data tbody td:first-child').allTextContents();
    expect(names).toEqual(['Bostedet Lærkereden', 'Bostedet Ny', 'Bostedet Nyere']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sets visit targets per facility type', async () => {
    await page.goto(`${t.baseUrl}/tilbudstyper`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Uanmeldte besøg for Midlertidigt botilbud').fill('2');
    await page.getByRole('button', { name: 'Gem Midlertidigt botilbud' }).click();
    await page.waitForURL('**/tilbudstyper');
    expect(await page.getByLabel('Uanmeldte besøg for Midlertidigt botilbud').inputValue()).toBe('2');
  });
});
