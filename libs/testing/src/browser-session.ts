import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/demo';
import { launchBrowser, loginInBrowser } from './browser.js';
import { type AppFactory, seedDemo, startTestApp, type TestApp } from './test-app.js';

/** The app with the demo data, and a Chromium page signed in as the demo user `email`. */
export async function startBrowserSession(
  factory: AppFactory,
  email: string,
): Promise<{ t: TestApp; browser: Browser; page: Page; close(): Promise<void> }> {
  const t = await startTestApp(factory);
  await seedDemo(t);
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await loginInBrowser(page, t.baseUrl, email, DEMO_PASSWORD);
  return {
    t,
    browser,
    page,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
