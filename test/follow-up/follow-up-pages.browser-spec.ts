import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/demo';
import {
  axeViolations,
  launchBrowser,
  loginInBrowser,
  seedDemo,
  startTestApp,
  type TestApp,
  textBecomes,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { publishedVisit, team } from '../reporting/published-visit.js';

const HEADER = 'afsnit;afsnitstitel;nr;anbefaling;frist;ansvarlig\n';
const PLAN = `${HEADER}1.1;Fysiske rammer;1;Fællesstuen gøres <tilgængelig> for kørestole;1-1-2020;Forstander\n1.2;Kompetencer;1;Kursus i magtanvendelse;2027-06-01;Souschef\n`;

describe('follow-up pages: import, status reports by the leader, status list, half-yearly report', () => {
  let t: TestApp;
  let browser: Browser;
  let region: Page;
  let leader: Page;
  let planUrl: string;

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

  const upload = (page: Page, text: string) =>
    page.getByLabel('Fil').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('imports a plan through the form, showing every error by row first and saving nothing', async () => {
    await region.goto(`${t.baseUrl}/opfoelgning/import`);
    expect(await axeViolations(region)).toEqual([]);
    await region.getByLabel('Tilbud').selectOption({ label: 'Bostedet Lærkereden' });
    await region.getByLabel('Titel').fill('Opfølgningsplan 2026');
    await upload(region, `${PLAN}1.3;Ledelse;1;;;\n`);
    await region.getByRole('button', { name: 'Importér' }).click();
    expect(await region.getByRole('alert').textContent()).toContain('række 4, anbefaling: skal udfyldes');
    expect(await axeViolations(region)).toEqual([]);

    await region.getByLabel('Titel').fill('Opfølgningsplan 2026');
    await upload(region, PLAN);
    await region.getByRole('button', { name: 'Importér' }).click();
    await region.waitForURL(/\/opfoelgning\/planer\/[0-9a-f-]{36}$/);
    planUrl = region.url();
    expect(await region.locator('.flash, [role="status"]').first().textContent()).toContain(
      '2 anbefalinger i 2 afsnit',
    );
    expect(await region.getByRole('heading', { level: 2, name: '1.1 Fysiske rammer' }).count()).toBe(1);
    expect(await axeViolations(region)).toEqual([]);
  });

  it("shows the leader their overdue recommendation, and takes the leader's status with errors in Danish first", async () => {
    await leader.goto(`${t.baseUrl}/opfoelgning`);
    expect(await axeViolations(leader)).toEqual([]);
    expect(await leader.locator('h2#overskredne + table tbody').textContent()).toContain(
      'Fællesstuen gøres <tilgængelig> for kørestole',
    );

    await leader.goto(planUrl);
    expect(await axeViolations(leader)).toEqual([]);
    await leader.getByLabel('Status på 1').first().selectOption({ label: 'i gang' });
    await leader.getByRole('button', { name: 'Gem status på 1' }).first().click();
    expect(await leader.getByRole('alert').textContent()).toContain('Statustekst: skal udfyldes');
    expect(await axeViolations(leader)).toEqual([]);

    await leader.getByLabel('Statustekst for 1').first().fill('Rampen er bestilt.');
    await leader.getByRole('button', { name: 'Gem status på 1' }).first().click();
    await leader.waitForURL(/#punkt-/);
    expect(await leader.locator('body').textContent()).toContain('Status på 1 er gemt: i gang.');
    expect(await leader.getByLabel('Statustekst for 1').first().inputValue()).toBe('Rampen er bestilt.');
    await leader.getByText('Historik for 1 (1)').click();
    expect(await leader.locator('ol.history').first().textContent()).toContain(
      'Lene Ledersen: i gang – Rampen er bestilt.',
    );
    expect(await axeViolations(leader)).toEqual([]);
  });

  it('tells the one who saved a stale form that someone else changed it', async () => {
    await region.goto(planUrl);
    await leader.getByLabel('Statustekst for 1').first().fill('Rampen er leveret.');
    await leader.getByRole('button', { name: 'Gem status på 1' }).first().click();
    await leader.waitForURL(/#punkt-/);
    await region.getByLabel('Statustekst for 1').first().fill('Region skriver oven i');
    await region.getByRole('button', { name: 'Gem status på 1' }).first().click();
    expect(await region.getByRole('alert').textContent()).toContain('Anbefalingen er ændret af en anden');
  });

  it("lets region staff correct a recommendation's deadline, keeping what was typed when it is refused", async () => {
    await region.goto(planUrl);
    await region.getByText('Ret 1', { exact: true }).first().click();
    await region
      .getByLabel(/^Frist for 1 /)
      .first()
      .fill('31-02-2027');
    await region.getByLabel('Ansvarlig for 1').first().fill('Pedellen');
    await region.getByRole('button', { name: 'Gem rettelse af 1' }).first().click();
    const alert = region.getByRole('alert');
    expect(await alert.textContent()).toContain('Frist:');
    expect(await axeViolations(region)).toEqual([]);
    // the refused correction stays open with what was typed
    expect(await region.getByLabel('Ansvarlig for 1').first().inputValue()).toBe('Pedellen');
    await region
      .getByLabel(/^Frist for 1 /)
      .first()
      .fill('2027-06-15');
    await region.getByRole('button', { name: 'Gem rettelse af 1' }).first().click();
    await region.waitForURL(/#punkt-/);
    expect(await region.getByRole('status').first().textContent()).toContain('1 er rettet.');
    const card = region.locator('article.card').first();
    expect(await card.textContent()).toContain('15. juni 2027');
    expect(await card.textContent()).toContain('Pedellen');
  });

  it('lets region staff keep the status list and issue the half-yearly report', async () => {
    await region.goto(`${t.baseUrl}/opfoelgning/statusser`);
    expect(await axeViolations(region)).toEqual([]);
    await region.getByLabel('Ny status').fill('Afventer kommunen');
    await region.getByRole('button', { name: 'Tilføj status' }).click();
    await region.waitForURL(/\/opfoelgning\/statusser$/);
    expect(await region.locator('table.data tbody').textContent()).toContain('afventer kommunen');

    await region.goto(planUrl);
    await region.getByLabel(/Halvår/).fill('2026-2');
    await region.getByRole('button', { name: 'Udsend statusrapport' }).click();
    await region.waitForURL(planUrl);
    expect(await textBecomes(region.getByRole('link', { name: '2. halvår 2026' }), '2. halvår 2026')).toBeTruthy();

    await region.goto(`${planUrl}/statusrapport`);
    expect(await region.getByRole('heading', { level: 2, name: '1.1 Fysiske rammer' }).count()).toBe(1);
    expect(await region.locator('body').textContent()).toContain('Fællesstuen gøres <tilgængelig> for kørestole');
    expect(await axeViolations(region)).toEqual([]);
  });

  it('imports a development agreement, and the leader follows up on its activities', async () => {
    await region.goto(`${t.baseUrl}/opfoelgning/udviklingsaftaler/import`);
    expect(await axeViolations(region)).toEqual([]);
    await region.getByLabel('Tilbud').selectOption({ label: 'Bostedet Lærkereden' });
    await region.getByLabel('År').fill('2026');
    const agreement =
      'tema;mål;aktivitet\nSundhed og trivsel;Flere beboere motionerer;Gåklub to gange om ugen\nSundhed og trivsel;Flere beboere motionerer;Samarbejde med idrætsforeningen\nKompetencer;Alle kender reglerne om magtanvendelse;\n';
    await region
      .getByLabel('Fil')
      .setInputFiles({ name: 'aftale.csv', mimeType: 'text/csv', buffer: Buffer.from(agreement) });
    await region.getByRole('button', { name: 'Importér' }).click();
    expect(await region.getByRole('alert').textContent()).toContain('Fil: række 4, aktivitet: skal udfyldes');
    expect(await axeViolations(region)).toEqual([]);
    await region.getByLabel('Fil').setInputFiles({
      name: 'aftale.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(agreement.replace('magtanvendelse;', 'magtanvendelse;Temadag')),
    });
    await region.getByRole('button', { name: 'Importér' }).click();
    await region.waitForURL(/\/opfoelgning\/udviklingsaftaler\/[0-9a-f-]{36}$/);

    await leader.goto(region.url());
    expect(await axeViolations(leader)).toEqual([]);
    expect(await leader.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Sundhed og trivsel',
      'Kompetencer',
    ]);
    await leader.getByLabel('Status på aktiviteten').first().fill('Gåklubben har 8 deltagere.');
    await leader.getByRole('button', { name: 'Gem status' }).first().click();
    await leader.waitForURL(/\/udviklingsaftaler\/[0-9a-f-]{36}$/);
    expect(await leader.getByLabel('Status på aktiviteten').first().inputValue()).toBe('Gåklubben har 8 deltagere.');
    await leader.getByRole('link', { name: 'Vis opfølgningsrapport' }).click();
    expect(await leader.locator('body').textContent()).toContain('Gåklubben har 8 deltagere.');
    expect(await axeViolations(leader)).toEqual([]);
  });

  it('makes a development agreement by hand, naming the row of each error and keeping what was typed', async () => {
    await region.goto(`${t.baseUrl}/opfoelgning`);
    await region.getByRole('link', { name: 'Ny udviklingsaftale' }).click();
    await region.waitForURL(/\/udviklingsaftaler\/ny$/);
    expect(await axeViolations(region)).toEqual([]);
    await region.getByLabel('Tilbud').selectOption({ label: 'Bostedet Lærkereden' });
    await region.getByLabel('År').fill('2028');
    await region.getByLabel('Tema (række 1)').fill('Fysiske rammer');
    await region.getByLabel('Mål (række 1)').fill('Haven kan bruges hele året');
    await region.getByLabel('Aktivitet (række 1)').fill('Overdækket terrasse');
    await region.getByLabel('Tema (række 3)').fill('Fysiske rammer');
    await region.getByRole('button', { name: 'Opret udviklingsaftale' }).click();
    const alert = region.getByRole('alert');
    expect(await alert.getByRole('listitem').allTextContents()).toEqual([
      'Række 3, mål: skal udfyldes',
      'Række 3, aktivitet: skal udfyldes',
    ]);
    expect(await axeViolations(region)).toEqual([]);
    expect(await region.getByLabel('Aktivitet (række 1)').inputValue()).toBe('Overdækket terrasse');
    await alert.getByRole('link').first().click();
    expect(await region.evaluate(() => document.activeElement?.id)).toBe('activities[2].goal');
    await region.getByLabel('Mål (række 3)').fill('Haven kan bruges hele året');
    await region.getByLabel('Aktivitet (række 3)').fill('Højbede til beboerne');
    await region.getByRole('button', { name: 'Opret udviklingsaftale' }).click();
    await region.waitForURL(/\/opfoelgning\/udviklingsaftaler\/[0-9a-f-]{36}$/);
    expect(await region.getByRole('heading', { level: 1 }).textContent()).toBe('Udviklingsaftale 2028');
    expect(await region.locator('main').textContent()).toContain('Højbede til beboerne');
  });

  it("goes from a published visit's page straight to its follow-up plan, made when the report was published", async () => {
    const visitId = await publishedVisit(t, await team(t), {
      date: '2026-09-01',
      findingText: 'Brandøvelse hvert halve år.',
    });
    await region.goto(`${t.baseUrl}/besoeg/${visitId}`);
    await region.getByRole('link', { name: 'Opfølgningsplan', exact: true }).click();
    await region.waitForURL(/\/opfoelgning\/planer\/[0-9a-f-]{36}$/);
    expect(await axeViolations(region)).toEqual([]);
    expect(await region.locator('main').textContent()).toContain('Brandøvelse hvert halve år.');
  });
});
