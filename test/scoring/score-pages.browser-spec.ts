import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, SyntheticRegion } from '#libs/demo';
import { TRAFFIC_LIGHTS } from '#libs/quality-model';
import { axeViolations, launchBrowser, loginInBrowser, seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('score pages: leader dashboard, indicator trail, region overview', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    await t.run(() => t.app.get(SyntheticRegion).generate({ facilities: 8, years: 4, lastYear: 2025 }));
    // the second demo leader leads one synthetic facility (and Søhøj, which has no visits)
    await t.app.get(DataSource).query(
      `insert into facility_leader (facility_id, user_id)
       select f.id, u.id from facility f, app_user u where f.name = 'Syntetisk tilbud 0003' and u.email = 'leder2@tilsyn.demo'`,
    );
    // an order on its latest visit, so the open recommendations table is on the page axe checks
    await t.app.get(DataSource).query(
      `insert into finding (visit_id, kind, text, deadline, created_by_id)
       select v.id, 'order', 'Opdatér medicinskemaerne <straks>.', '2025-03-01', v.created_by_id from visit v join facility f on f.id = v.facility_id
        where f.name = 'Syntetisk tilbud 0003' and v.status = 'published' order by v.planned_date desc limit 1`,
    );
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows a leader their facility's scores with traffic lights in words, the trend as chart and table", async () => {
    await loginInBrowser(page, t.baseUrl, 'leder2@tilsyn.demo', DEMO_PASSWORD);
    await page.goto(`${t.baseUrl}/resultater`);
    await page.getByRole('link', { name: 'Syntetisk tilbud 0003' }).click();
    await page.waitForURL(/\/resultater\/tilbud\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Resultater for Syntetisk tilbud 0003');
    expect(await axeViolations(page)).toEqual([]);
    const table = page.getByRole('table', { name: 'Aktuelle scorer med regionens median og kvartiler' });
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await table.textContent()).toMatch(/Grøn|Gul|Rød/);
    // the critical first: the order (and any red indicator) before the full list of scores
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.indexOf('Det kritiske først')).toBe(0);
    expect(headings.indexOf('Det kritiske først')).toBeLessThan(headings.indexOf('Aktuelle scorer (2025)'));
    expect(await page.locator('section.critical').textContent()).toContain('Opdatér medicinskemaerne <straks>.');
    // the sources of the current year's scores
    expect(await page.locator('ul.score-sources').textContent()).toMatch(/Anmeldt tilsynsbesøg \d+\. \p{L}+ 2025/u);
    expect(await page.getByRole('img', { name: /Samlet score pr\. år/ }).count()).toBe(1);
    const trend = page.getByRole('table', { name: 'Samlet score pr. år – tal' });
    expect(await trend.locator('thead th').allTextContents()).toEqual(['Score', '2022', '2023', '2024', '2025']);
    const open = page.getByRole('table', { name: 'Åbne anbefalinger og påbud' });
    expect(await open.locator('tbody td').allTextContents()).toEqual([
      'Påbud',
      'Opdatér medicinskemaerne <straks>.',
      '–',
      '1. marts 2025',
      'Ikke i en opfølgningsplan',
      '',
      expect.stringMatching(/^Besøg \d+\. \p{L}+ 2025$/u),
    ]);
  });

  it('drills down to an indicator: one section per published visit', async () => {
    await page.locator('ul.indicator-scores a').first().click();
    await page.waitForURL(/\/indikatorer\//);
    expect(await page.getByRole('heading', { name: 'Vurderinger og kilder' }).count()).toBe(1);
    expect(await page.locator('section.evidence-trail').count()).toBeGreaterThanOrEqual(4);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('gives region staff the heat map with filters, and the overdue page with the same filter', async () => {
    const ctx = await browser.newContext();
    const region = await ctx.newPage();
    await loginInBrowser(region, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
    await region.goto(`${t.baseUrl}/resultater`);
    await region.waitForURL(/\/resultater\/region$/);
    expect(await axeViolations(region)).toEqual([]);
    const heat = region.getByRole('table', { name: 'Scorer pr. tilbud og standard/tema' });
    expect(await heat.locator('tbody tr', { hasText: 'Syntetisk tilbud' }).count()).toBe(8);
    // column headers name the themes (the full name for screen readers), facilities without scores are listed
    expect(await heat.getByRole('columnheader', { name: /^1 Uddannelse og beskæftigelse, sortér/ }).count()).toBe(1);
    expect(await heat.locator('tbody tr', { hasText: 'Bofællesskabet Søhøj' }).textContent()).toContain(
      'Ingen vurdering endnu',
    );
    // the legend comes from the model's thresholds, in shown values
    expect(await region.locator('ul.light-legend li').allTextContents()).toEqual([
      ' Grøn: 4,0–5,0',
      ' Gul: 3,0–3,9',
      ' Rød: 1,0–2,9',
    ]);
    // the dots app.css draws have the traffic lights' colours (and the light is in words beside them)
    const dots: Record<string, string> = await heat.evaluate((table) =>
      Object.fromEntries(
        [...table.querySelectorAll('td[class^="light-"]')].map((td) => [
          td.className.slice(6),
          getComputedStyle(td, '::before').backgroundColor,
        ]),
      ),
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(Object.keys(dots).length).toBeGreaterThan(0); // which lights show depends on the random region
    for (const [light, colour] of Object.entries(dots))
      expect(colour).toBe(rgb(TRAFFIC_LIGHTS[light as keyof typeof TRAFFIC_LIGHTS].colour));
    const cell = heat.locator('td[class^="light-"]').first();
    const light = (await cell.getAttribute('class'))!.slice('light-'.length) as keyof typeof TRAFFIC_LIGHTS;
    expect(await cell.textContent()).toMatch(new RegExp(`^\\d,\\d ${TRAFFIC_LIGHTS[light].label}$`));
    // cells are coloured by their light (a tint behind the number and the word)
    expect(await cell.evaluate((td) => getComputedStyle(td).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    // sorting by a theme is a link: lowest first, then highest first, unscored last
    const overallScores = async () =>
      (
        await heat
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.querySelector('td:last-child')?.textContent ?? ''))
      )
        .filter((x) => /^\d,\d/.test(x))
        .map((x) => Number(x.slice(0, 3).replace(',', '.')));
    await heat.getByRole('link', { name: /^Samlet score, sortér/ }).click();
    await region.waitForURL(/sorter=/);
    const ascending = await overallScores();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await heat.getByRole('columnheader', { name: /^Samlet score/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(await heat.locator('tbody tr').last().textContent()).toContain('Ingen vurdering endnu');
    await heat.getByRole('link', { name: /^Samlet score, sortér/ }).click();
    await region.waitForURL(/sorter=-/);
    const descending = await overallScores();
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(await axeViolations(region)).toEqual([]);
    await region.getByLabel('Kommune').selectOption('Randers');
    await region.getByRole('button', { name: 'Vis' }).click();
    await region.waitForURL(/municipality=Randers/);
    const names = await heat.locator('tbody th a').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.startsWith('Syntetisk tilbud')).length).toBeLessThan(8);
    expect(await axeViolations(region)).toEqual([]);
    await region.getByRole('link', { name: 'Overskredne besøg og frister' }).click();
    await region.waitForURL(/\/resultater\/region\/overskredet\?.*municipality=Randers/);
    expect(await region.getByLabel('Kommune').inputValue()).toBe('Randers');
    expect(await axeViolations(region)).toEqual([]);
    await ctx.close();
  });
});
