import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeViolations, startBrowserSession, type TestApp, textBecomes } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('visit pages: planning, plan form, findings, workflow', () => {
  let t: TestApp;
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, page, close } = await startBrowserSession(createServerApp, 'inspektor@tilsyn.demo'));
  });
  afterAll(() => close?.());

  it('lists facilities never visited as due, for both visit kinds', async () => {
    await page.goto(`${t.baseUrl}/besoeg/planlaegning`);
    expect(await axeViolations(page)).toEqual([]);
    const rows = await page.locator('h2:has-text("Forfalder") + table tbody tr').allTextContents();
    expect(rows.filter((r) => r.includes('Bostedet Lærkereden'))).toHaveLength(2);
    expect(rows.every((r) => r.includes('Aldrig'))).toBe(true);
  });

  it('plans a visit through the form, with Danish errors first', async () => {
    await page.goto(`${t.baseUrl}/besoeg/ny`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Planlæg' }).click();
    const errors = await page.getByRole('alert').textContent();
    expect(errors).toContain('Tilbud: skal være et gyldigt id');
    expect(errors).toContain('Dato: skal være en dato (ÅÅÅÅ-MM-DD)');
    expect(errors).toContain('Kvalitetsmodel: skal være et gyldigt id');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Tilbud').selectOption({ label: 'Bostedet Lærkereden' });
    await page.getByLabel('Uanmeldt').check();
    await page.getByLabel('Dato').fill('2026-12-03');
    await page.getByLabel('Kvalitetsmodel').selectOption({ label: 'Kvalitetsmodel for socialtilsyn – sociale tilbud' });
    await page.getByLabel('Metode og kilder').fill('Interview med leder, rundgang og observation');
    await page.getByRole('button', { name: 'Planlæg' }).click();
    await page.waitForURL(/\/besoeg\/[0-9a-f-]{36}$/);
    expect(
      await textBecomes(page.getByRole('heading', { level: 1 }), 'Uanmeldt tilsynsbesøg – Bostedet Lærkereden'),
    ).toBeTruthy();
    expect(await page.locator('dl.facts').textContent()).toContain('Ivan Inspektørsen');
  });

  it('adds an order only with an owner and a deadline, and refuses to submit an unfinished checklist', async () => {
    await page.getByLabel('Type').selectOption({ label: 'Påbud' });
    await page.getByLabel('Tekst').fill('Medicin skal opbevares aflåst <straks>');
    await page.getByRole('button', { name: 'Tilføj fund' }).click();
    const errors = await page.getByRole('alert').textContent();
    expect(errors).toContain('et påbud skal have en frist');
    expect(errors).toContain('et påbud skal have en ansvarlig i tilbuddet');
    await page.getByLabel('Ansvarlig i tilbuddet (påkrævet for anbefalinger og påbud)').fill('Forstander');
    await page.getByLabel('Frist (påkrævet for anbefalinger og påbud)').fill('2027-01-15');
    // Indicators are ticked by their full text, grouped by theme
    const choice = page.locator('#fund-indicatorIds');
    expect(await choice.locator('fieldset.theme legend').first().textContent()).toMatch(/^1 /);
    await choice.getByLabel(/^1a Tilbuddet sætter sammen med borgeren konkrete, individuelle mål/).check();
    await page.getByRole('button', { name: 'Tilføj fund' }).click();
    await page.waitForURL(/#fund$/);
    expect(await page.locator('#fund ~ table, section[aria-labelledby=fund] table').first().textContent()).toContain(
      'Medicin skal opbevares aflåst <straks>',
    );
    expect(await axeViolations(page)).toEqual([]);

    expect(await page.locator('section[aria-labelledby=fund] table').textContent()).toContain('1a');

    await page.getByRole('button', { name: 'Send til godkendelse' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/mangler vurdering af 1a, 1b/);
  });

  it('leaves the submit error on the visit page (not the POST URL), linking to what is missing', async () => {
    expect(new URL(page.url()).pathname).toMatch(/^\/besoeg\/[0-9a-f-]{36}$/);
    expect(await axeViolations(page)).toEqual([]);
    const links = page.getByRole('alert').getByRole('link');
    expect(await links.allTextContents()).toEqual([
      expect.stringContaining('mangler vurdering af 1a'),
      'Samlet vurdering: mangler den samlede vurdering',
      expect.stringMatching(/^Temaernes vurdering: mangler vurdering af tema 1, 2, /),
    ]);
    await links.first().click();
    await page.waitForURL(/\/tjekliste#faerdig$/);
    const done = page.locator('#faerdig');
    expect(await done.textContent()).toContain('31 af 31 indikatorer mangler noget');
    expect(await done.textContent()).toContain('– mangler vurdering');
    const first = done.getByRole('link', { name: /^1a / });
    const target = (await first.getAttribute('href'))!;
    expect(await page.locator(target).count()).toBe(1);
    await first.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(target.slice(1));
  });

  it('takes the written overall assessment and one per theme in a plain form on the checklist', async () => {
    expect(await page.locator('#faerdig').textContent()).toContain(
      'Den samlede vurdering eller en temavurdering mangler',
    );
    await page
      .getByLabel('Samlet vurdering og konklusion')
      .fill('Tilbuddet har en god kvalitet.\n\nKonklusion: egnet.');
    await page.getByLabel(/^Vurdering af tema 1 /).fill('Beboerne har mål, der følges op.');
    await page.getByRole('button', { name: 'Gem vurderingerne' }).click();
    await page.waitForURL(/\/tjekliste#vurderinger$/);
    expect(await page.getByLabel('Samlet vurdering og konklusion').inputValue()).toBe(
      'Tilbuddet har en god kvalitet.\n\nKonklusion: egnet.',
    );
    expect(await page.getByLabel(/^Vurdering af tema 1 /).inputValue()).toBe('Beboerne har mål, der følges op.');
    expect(await axeViolations(page)).toEqual([]);
  });
});
