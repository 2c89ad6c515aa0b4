import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '#libs/demo';
import {
  api,
  axeViolations,
  cuttableConnection,
  launchBrowser,
  loginInBrowser,
  seedDemo,
  startTestApp,
  type TestApp,
  textBecomes,
  tokenFor,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

type Evidence = { source: string; note: string; attachmentId: string | null; inReport: boolean };
type Indicator = {
  id: string;
  code: string;
  answer: { assessment: string; rating: number | null; justification: string; evidence: Evidence[] } | null;
};

/** The "done when": a whole morning's work on a tablet with no network, sent once it returns. */
describe('checklist on a tablet with no network', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inspectorToken: string;
  let visitId: string;
  let indicators: Indicator[];
  let photo: Buffer;
  let line: Awaited<ReturnType<typeof cuttableConnection>>;

  const url = () => `${line.url}/besoeg/${visitId}/tjekliste`;
  /** No network for page and service worker alike: emulated in Chromium, and the connection cut. */
  const goOffline = async (offline: boolean) => {
    line.set(offline);
    await context.setOffline(offline);
  };
  const stored = async (): Promise<Indicator[]> =>
    (await api(t, inspectorToken, 'GET', `/api/v1/visits/${visitId}`)).json.indicators;
  const section = (n: number) => page.locator(`.indicator[data-indicator-id="${indicators[n].id}"]`);
  const status = () => page.locator('#sync-status');
  const attachmentRows = async () =>
    (
      await t.app
        .get(DataSource)
        .query(
          'select content_type, size, sha256, thumbnail is not null as thumb from visit_attachment where visit_id = $1',
          [visitId],
        )
    ).map((r: { content_type: string; size: number; sha256: string; thumb: boolean }) => r);

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    const region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    inspectorToken = await tokenFor(t, 'inspektor@tilsyn.demo', DEMO_PASSWORD);
    const inspector = (await api(t, inspectorToken, 'GET', '/api/v1/auth/me')).json;
    const facility = (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items[0];
    const version = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    visitId = (
      await api(t, region, 'POST', '/api/v1/visits', {
        facilityId: facility.id,
        kind: 'unannounced',
        plannedDate: '2026-12-02',
        inspectorIds: [inspector.id],
        modelVersionId: version.id,
      })
    ).json.id;
    indicators = await stored();
    line = await cuttableConnection(t.baseUrl);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
    page = await context.newPage();
    // A camera picture far above 2 MB: 4000 × 3000 pixels of noise, as a high-quality JPEG.
    photo = Buffer.from(
      await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 4000;
        canvas.height = 3000;
        const g = canvas.getContext('2d')!;
        const image = g.createImageData(4000, 3000);
        for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : Math.random() * 256;
        g.putImageData(image, 0, 0);
        return canvas.toDataURL('image/jpeg', 0.98).split(',')[1];
      }),
      'base64',
    );
    await loginInBrowser(page, line.url, 'inspektor@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await line?.close();
    await t?.close();
  });

  it('is an installable web app: a manifest, and a service worker served with the right headers', async () => {
    const manifest = await fetch(`${t.baseUrl}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(await manifest.json()).toMatchObject({ start_url: '/besoeg', display: 'standalone' });
    const worker = await fetch(`${t.baseUrl}/sw.js`);
    expect(worker.headers.get('content-type')).toContain('text/javascript');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('opens the checklist once online and keeps it for use without network', async () => {
    await page.goto(url());
    await page.waitForSelector('.checklist[data-kept]', { timeout: 15_000 });
    expect(await page.locator('.progress').textContent()).toMatch(/^0 af 31/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reloads with no network, takes ten answers with two sources each and a photo, and keeps them', async () => {
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    await goOffline(true);
    await page.reload();
    await page.waitForSelector('.checklist[data-ready]');
    expect(await textBecomes(page.locator('#net-state'), 'Uden net')).toBe('Uden net');

    for (let n = 0; n < 10; n++) {
      const s = section(n);
      await s.getByText(String((n % 5) + 1), { exact: true }).click(); // the rating target itself
      await s.getByLabel(`Begrundelse for ${indicators[n].code}`).fill(`Begrundelse ${n}`);
      if (n === 0) {
        await s.locator('.photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
        const photoRow = s.locator('.evidence-row[data-photo-key]');
        await photoRow.locator('img').waitFor();
        await photoRow.getByLabel('Note').fill('Fælleskøkkenet');
        await photoRow.getByLabel('Med i rapporten').check();
        await s.getByLabel('Kilde').first().selectOption('interview_leader');
        await s.getByLabel('Note').first().fill('Leder om mål');
      } else {
        await s.getByLabel('Kilde').first().selectOption('interview_leader');
        await s.getByLabel('Note').first().fill(`Leder ${n}`);
        await s.getByRole('button', { name: `Tilføj kilde til ${indicators[n].code}` }).click();
        await s.getByLabel('Kilde').nth(1).selectOption('interview_resident');
        await s.getByLabel('Note').nth(1).fill(`To beboere ${n}`);
      }
    }
    expect(await page.locator('.progress').textContent()).toMatch(/^10 af 31/);
    expect(await textBecomes(status(), '10 svar er ikke sendt endnu (ingen forbindelse)')).toBeTruthy();
    await page.waitForFunction(async () => (await window.TilsynStore.count('answers')) === 10);
    expect(await axeViolations(page)).toEqual([]);
    expect((await stored()).filter((i) => i.answer)).toHaveLength(0);
  });

  it('reopens with no network after the page was closed, with every unsent answer and the photo', async () => {
    await page.close();
    page = await context.newPage();
    await page.goto(url());
    await page.waitForSelector('.checklist[data-ready]');
    expect(await textBecomes(status(), '10 svar er ikke sendt endnu (ingen forbindelse)')).toBeTruthy();
    expect(await section(0).locator('.evidence-row img').count()).toBe(1);
    expect(await section(3).getByLabel('Note').nth(1).inputValue()).toBe('To beboere 3');
    expect(await section(0).getByLabel('Med i rapporten').isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sends everything once the network returns: 10 answers, 20 evidence items and the photo, each once', async () => {
    await goOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    expect(await textBecomes(status(), 'Alle svar er gemt.', 20_000)).toBe('Alle svar er gemt.');
    expect(await textBecomes(page.locator('#net-state'), 'Online')).toBe('Online');

    const answers = (await stored()).filter((i) => i.answer);
    expect(answers.map((i) => i.code)).toEqual(indicators.slice(0, 10).map((i) => i.code));
    expect(answers.map((i) => i.answer!.rating)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    expect(answers.flatMap((i) => i.answer!.evidence)).toHaveLength(20);
    const files = await attachmentRows();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ content_type: 'image/jpeg', thumb: true });
    expect(files[0].size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const withPhoto = answers[0].answer!.evidence.filter((e) => e.attachmentId);
    expect(withPhoto).toEqual([
      expect.objectContaining({ source: 'observation', note: 'Fælleskøkkenet', inReport: true }),
    ]);

    // Nothing is left to send twice: a reload online sends nothing and stores nothing more.
    await page.reload();
    await page.waitForSelector('.checklist[data-ready]');
    expect(await textBecomes(status(), 'Alle svar er gemt.')).toBe('Alle svar er gemt.');
    expect(await section(0).locator('.evidence-row[data-attachment-id] img').count()).toBe(1);
    expect(await page.evaluate(() => window.TilsynStore.count('answers'))).toBe(0);
    expect(await page.evaluate(() => window.TilsynStore.count('photos'))).toBe(0);
    expect(await attachmentRows()).toHaveLength(1);
    expect((await stored()).flatMap((i) => i.answer?.evidence ?? [])).toHaveLength(20);
  });

  it('shows the photo marked for the report beside its indicator in the tilsyn report data', async () => {
    const { ReportDataService, REPORT_READER } = await import('#libs/reporting');
    const data = await t.run(() => t.app.get(ReportDataService).build(REPORT_READER, visitId));
    const all = data.standards.flatMap((s) => [...s.criteria.flatMap((c) => c.indicators), ...s.indicators]);
    const first = all.find((i) => i.code === indicators[0].code)!;
    expect(first.photos).toEqual([
      { src: expect.stringMatching(/^data:image\/jpeg;base64,/), caption: `${indicators[0].code}: Fælleskøkkenet` },
    ]);
    expect(all.filter((i) => i.photos.length)).toHaveLength(1);
  });

  it('fetches another visit for use without network from its visit page, without opening it', async () => {
    const region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const me = (await api(t, inspectorToken, 'GET', '/api/v1/auth/me')).json;
    const other = (
      await api(t, region, 'POST', '/api/v1/visits', {
        facilityId: (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items[0].id,
        kind: 'announced',
        plannedDate: '2026-12-09',
        inspectorIds: [me.id],
        modelVersionId: (await api(t, inspectorToken, 'GET', `/api/v1/visits/${visitId}`)).json.visit.model.id,
      })
    ).json;
    await page.goto(`${line.url}/besoeg/${other.id}`);
    await page.getByRole('button', { name: 'Hent til brug uden net' }).click();
    expect(await textBecomes(page.locator('#fetch-offline-state'), /hentet/)).toBe(
      'Tjeklisten er hentet og kan åbnes uden net.',
    );
    expect(await axeViolations(page)).toEqual([]);

    await goOffline(true);
    await page.goto(`${line.url}/besoeg/${other.id}/tjekliste`);
    await page.waitForSelector('.checklist[data-ready]');
    expect(await page.locator('h1').textContent()).toBe('Tjekliste – Bostedet Lærkereden');
    // A page that was not kept says so, and lists the checklists that can be opened
    await page.goto(`${line.url}/besoeg/${other.id}`);
    expect(await page.locator('h1').textContent()).toBe('Ingen forbindelse');
    expect(await page.locator('#kept-checklists a').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await goOffline(false);
    await page.goto(url());
  });

  it('clears everything kept in the browser when the inspector logs out', async () => {
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL('**/login');
    expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('tilsyn');
  });
});

declare global {
  interface Window {
    TilsynStore: { count(store: string): Promise<number> };
  }
}
