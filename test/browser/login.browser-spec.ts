import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '#libs/demo';
import { axeViolations, launchBrowser, loginInBrowser, seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('signing in as each role in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('has an axe check that does catch violations', async () => {
    const page = await browser.newPage();
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
    await page.close();
  });

  it('shows an accessible login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('reports a wrong password in Danish, accessibly, without signing in', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByLabel('E-mail').fill('region@tilsyn.demo');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Forkert e-mail eller adgangskode');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  for (const user of DEMO_USERS.slice(0, 3)) {
    it(`signs in ${user.role} and shows pages without WCAG 2.1 AA violations`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await loginInBrowser(page, t.baseUrl, user.email, DEMO_PASSWORD);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Velkommen, ${user.name}`);
      expect(await axeViolations(page)).toEqual([]);
      const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
      // the front page comes first in the menu, with the count of what waits
      await expect(menu.getByRole('link').first().getAttribute('href')).resolves.toBe('/');
      await menu.getByRole('link', { name: /^(Mine )?tilbud$/i }).click();
      await page.waitForURL('**/tilbud');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Log ud' }).click();
      await page.waitForURL('**/login');
      await page.goto(`${t.baseUrl}/tilbud`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    });
  }

  it("shows a leader only their own facilities and a 'not found' page for another's", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await loginInBrowser(page, t.baseUrl, 'leder@tilsyn.demo', DEMO_PASSWORD);
    await page.goto(`${t.baseUrl}/tilbud`);
    const names = await page.locator('table.data tbody td:first-child').allTextContents();
    expect(names).toEqual(['Bostedet Lærkereden', 'Botilbuddet Åbrinken']);
    await context.close();

    const regionContext = await browser.newContext();
    const regionPage = await regionContext.newPage();
    await loginInBrowser(regionPage, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
    await regionPage.goto(`${t.baseUrl}/tilbud?q=Søhøj`);
    const href = await regionPage.getByRole('link', { name: 'Bofællesskabet Søhøj' }).getAttribute('href');
    await regionContext.close();

    const leaderContext = await browser.newContext();
    const leaderPage = await leaderContext.newPage();
    await loginInBrowser(leaderPage, t.baseUrl, 'leder@tilsyn.demo', DEMO_PASSWORD);
    const res = await leaderPage.goto(`${t.baseUrl}${href}`);
    expect(res?.status()).toBe(404);
    await expect(leaderPage.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ikke fundet');
    expect(await axeViolations(leaderPage)).toEqual([]);
    await leaderContext.close();
  });
});
