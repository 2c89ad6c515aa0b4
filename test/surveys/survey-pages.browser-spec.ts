import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { today as danishToday } from '#libs/core';
import { DEMO_PASSWORD } from '#libs/demo';
import {
  api,
  axeViolations,
  launchBrowser,
  loginInBrowser,
  seedDemo,
  startTestApp,
  type TestApp,
  tokenFor,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('survey pages: easy-read answering on a phone, staff pages', () => {
  let t: TestApp;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let region: string;
  let roundId: string;
  let codes: string[];
  const requested: string[] = [];
  const responses = async () =>
    Number(
      (await t.app.get(DataSource).query(`select count(*) from survey_response where round_id = $1`, [roundId]))[0]
        .count,
    );

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const facility = (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items[0];
    const version = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const today = danishToday();
    roundId = (
      await api(t, region, 'POST', '/api/v1/survey-rounds', {
        facilityId: facility.id,
        questionnaireKey: 'beboere',
        modelVersionId: version.id,
        periodStart: today,
        periodEnd: today,
      })
    ).json.id;
    codes = (await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/invitations`, { count: 8 })).json.codes;
    browser = await launchBrowser();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    page = await phone.newPage();
    page.on('request', (r) => requested.push(r.url() + (r.postData() ? '' : '')));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens the questionnaire from the letter link; the code never travels in a URL', async () => {
    await page.goto(`${t.baseUrl}/svar#${codes[0]}`);
    await page.getByRole('heading', { name: 'Hvordan har du det, hvor du bor?' }).waitFor();
    expect(page.url()).toBe(`${t.baseUrl}/svar`);
    expect(requested.filter((u) => u.includes(codes[0]) || u.includes(codes[0].slice(0, 5)))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // fits the phone: no sideways scrolling, and every answer is a large target
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const heights = await page
      .locator('.survey-option label')
      .evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  });

  it('answers with the keyboard, saves, and resumes later with the same code', async () => {
    const first = page.getByRole('group', { name: '1. Hvordan har du det med at bo her?' });
    await first.getByRole('radio', { name: 'Meget dårligt' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await first.getByRole('radio', { name: 'Godt', exact: true }).isChecked()).toBe(true);
    await page
      .getByRole('group', { name: /Ser du din familie/ })
      .getByRole('radio', { name: 'Ja' })
      .check();
    await page.getByLabel('15. Er der andet, du gerne vil fortælle os?').fill('Jeg kan lide haven');
    await page.getByRole('button', { name: 'Gem og fortsæt senere' }).click();
    await page.getByRole('heading', { name: 'Dine svar er gemt' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${t.baseUrl}/svar`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Kode').fill(codes[0].toLowerCase());
    await page.getByRole('button', { name: 'Start' }).click();
    expect(
      await page
        .getByRole('group', { name: '1. Hvordan har du det med at bo her?' })
        .getByRole('radio', { name: 'Godt', exact: true })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('15. Er der andet, du gerne vil fortælle os?').inputValue()).toBe(
      'Jeg kan lide haven',
    );
  });

  it('names a refused answer next to the question, keeping what was given', async () => {
    await page.getByLabel('15. Er der andet, du gerne vil fortælle os?').fill('Mit cpr-nummer er 010190-1234');
    await page.getByRole('button', { name: 'Send mine svar' }).click();
    await page.getByRole('heading', { name: 'Ret venligst følgende' }).waitFor();
    expect(await page.getByText('B15: skriv ikke CPR-numre – svaret skal være anonymt').count()).toBe(2);
    expect(
      await page
        .getByRole('group', { name: /Ser du din familie/ })
        .getByRole('radio', { name: 'Ja' })
        .isChecked(),
    ).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await responses()).toBe(0);
  });

  it('sends once on a double tap, and thanks the respondent', async () => {
    await page.getByLabel('15. Er der andet, du gerne vil fortælle os?').fill('Jeg kan lide haven');
    await page.getByRole('button', { name: 'Send mine svar' }).dblclick();
    await page.getByRole('heading', { name: 'Tak for dine svar' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await responses()).toBe(1);
  });

  it('explains a used code and a mistyped one in Danish, alike (guessing learns nothing)', async () => {
    for (const code of [codes[0], 'ABCDE-FGHJK']) {
      await page.goto(`${t.baseUrl}/svar`);
      await page.getByLabel('Kode').fill(code);
      await page.getByRole('button', { name: 'Start' }).click();
      await page
        .getByRole('link', {
          name: 'Koden kan ikke bruges. Tjek, at du har skrevet den rigtigt. Hver kode kan kun bruges én gang.',
        })
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  describe('staff', () => {
    let staff: Page;

    beforeAll(async () => {
      for (const code of codes.slice(1, 5))
        await api(t, undefined, 'POST', '/api/v1/survey-responses', {
          code,
          answers: { B01: 4, B10: 'yes', B15: `Svar ${code.slice(-2)}` },
        });
      const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      staff = await desktop.newPage();
      await loginInBrowser(staff, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
    });

    it('types in a paper form with the code from the letter', async () => {
      await staff.goto(`${t.baseUrl}/undersoegelser/${roundId}`);
      await staff.getByRole('link', { name: 'Indtast interview eller papirskema' }).click();
      expect(await axeViolations(staff)).toEqual([]);
      await staff.getByLabel('Papirskema tastet ind').check();
      await staff.getByLabel('Kode').fill(codes[5]);
      await staff.getByRole('button', { name: 'Start' }).click();
      await staff.getByText('Du indtaster svar: Papirskema tastet ind.').waitFor();
      expect(await axeViolations(staff)).toEqual([]);
      await staff
        .getByRole('group', { name: '1. Hvordan har du det med at bo her?' })
        .getByRole('radio', { name: 'Meget godt' })
        .check();
      await staff.getByRole('button', { name: 'Gem svarene' }).click();
      await staff.getByText('Svarene er gemt (papirskema tastet ind). Indtast den næste kode.').waitFor();
      expect(
        await t.app
          .get(DataSource)
          .query(`select mode from survey_response where round_id = $1 and mode <> 'web'`, [roundId]),
      ).toEqual([{ mode: 'paper' }]);
    });

    it('names a mistyped code when staff withdraw a lost letter', async () => {
      await staff.goto(`${t.baseUrl}/undersoegelser/${roundId}`);
      await staff.getByLabel('Annullér en ubrugt kode').fill('AAAAA-AAAAA');
      await staff.getByRole('button', { name: 'Annullér koden' }).click();
      await staff
        .getByRole('link', { name: 'koden findes ikke i denne undersøgelse – tjek den for tastefejl' })
        .waitFor();
      expect(await axeViolations(staff)).toEqual([]);
      expect(await staff.getByLabel('Annullér en ubrugt kode').inputValue()).toBe('AAAAA-AAAAA');
    });

    it('prints invitation letters as a PDF download, and names a wrong count', async () => {
      await staff.goto(`${t.baseUrl}/undersoegelser/${roundId}`);
      await staff.getByLabel('Antal breve (højst 500)').fill('0');
      await staff.getByRole('button', { name: 'Lav breve (PDF)' }).click();
      await staff.getByRole('link', { name: 'skal være mindst 1' }).waitFor();
      expect(await axeViolations(staff)).toEqual([]);
      await staff.getByLabel('Antal breve (højst 500)').fill('2');
      const [download] = await Promise.all([
        staff.waitForEvent('download'),
        staff.getByRole('button', { name: 'Lav breve (PDF)' }).click(),
      ]);
      // a name to file it under: what, where, which survey, the day the codes were made
      expect(download.suggestedFilename()).toMatch(/^Invitationer – .+ – .+ – \d{4}-\d{2}-\d{2}\.pdf$/);
      expect(
        (await import('node:fs'))
          .readFileSync((await download.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect((await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}`)).json.invited).toBe(10);
    });

    it('shows the round with its results, accessible', async () => {
      await staff.goto(`${t.baseUrl}/undersoegelser`);
      expect(await axeViolations(staff)).toEqual([]);
      await staff.getByRole('link', { name: /– / }).first().click();
      await staff.getByRole('heading', { name: 'Resultater' }).waitFor();
      expect(await staff.getByRole('row', { name: /B01 Hvordan har du det med at bo her\?/ }).textContent()).toContain(
        '4,2',
      );
      // web 5, paper 1: too small to split by answer mode
      await staff.getByText('Vises ikke: grupperne er for små til, at svarene kan holdes anonyme.').waitFor();
      expect(await staff.getByText('Kommentarerne vises først, når mindst 5 har skrevet noget.').count()).toBe(0);
      expect(await axeViolations(staff)).toEqual([]);
    });

    it('starts a new round through the form, warning about the recent one', async () => {
      await staff.goto(`${t.baseUrl}/undersoegelser/ny`);
      expect(await axeViolations(staff)).toEqual([]);
      await staff.getByLabel('Tilbud', { exact: true }).selectOption({ label: 'Bostedet Lærkereden' });
      await staff.getByLabel('Første dag for svar').fill('2027-01-04');
      await staff.getByLabel('Sidste dag for svar').fill('2027-02-26');
      await staff.getByRole('button', { name: 'Opret undersøgelse' }).click();
      await staff.getByRole('heading', { name: 'Ret venligst følgende' }).waitFor();
      expect(await axeViolations(staff)).toEqual([]);
      await staff.getByLabel('Opret alligevel, selv om der er under 2 år siden sidste undersøgelse').check();
      await staff.getByRole('button', { name: 'Opret undersøgelse' }).click();
      await staff.getByText('Undersøgelsen for Bostedet Lærkereden er oprettet. Lav nu invitationerne.').waitFor();
      expect(await axeViolations(staff)).toEqual([]);
    });
  });
});
