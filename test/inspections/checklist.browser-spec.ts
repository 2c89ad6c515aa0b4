import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/demo';
import {
  api,
  axeViolations,
  launchBrowser,
  loginInBrowser,
  Role,
  seedDemo,
  startTestApp,
  type TestApp,
  textBecomes,
  tokenFor,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

type Answer = { rating: number | null; justification: string; version: number } | null;

describe('checklist on a tablet: autosave, dropped connection, conflicts', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inspectorToken: string;
  let colleague: string;
  let visitId: string;
  let indicators: { id: string; code: string }[];

  const answers = async (): Promise<Answer[]> =>
    (await api(t, inspectorToken, 'GET', `/api/v1/visits/${visitId}`)).json.indicators.map(
      (i: { answer: Answer }) => i.answer,
    );
  const section = (n: number) => page.locator(`.indicator[data-indicator-id="${indicators[n].id}"]`);
  const status = () => page.locator('#sync-status');

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    const region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    inspectorToken = await tokenFor(t, 'inspektor@tilsyn.demo', DEMO_PASSWORD);
    const inspector = (await api(t, inspectorToken, 'GET', '/api/v1/auth/me')).json;
    const partner = await t.newUser(Role.Inspector, 'Kim Kollega');
    colleague = await tokenFor(t, partner.email);
    const facility = (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items[0];
    const version = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    visitId = (
      await api(t, region, 'POST', '/api/v1/visits', {
        facilityId: facility.id,
        kind: 'announced',
        plannedDate: '2026-11-23',
        inspectorIds: [inspector.id, partner.id],
        modelVersionId: version.id,
      })
    ).json.id;
    indicators = (await api(t, inspectorToken, 'GET', `/api/v1/visits/${visitId}`)).json.indicators;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true }); // tablet portrait
    page = await context.newPage();
    await loginInBrowser(page, t.baseUrl, 'inspektor@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the visit and its checklist without accessibility violations', async () => {
    await page.goto(`${t.baseUrl}/besoeg/${visitId}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Udfyld tjekliste' }).click();
    await page.waitForURL(`**/besoeg/${visitId}/tjekliste`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('saves an answer by itself as the inspector works', async () => {
    await section(0).getByLabel('4 –').check();
    await section(0).getByLabel(`Begrundelse for ${indicators[0].code}`).fill('Beboerne har selv formuleret mål');
    await section(0).getByLabel('Kilde').first().selectOption('interview_resident');
    expect(await textBecomes(status(), 'Alle svar er gemt.')).toBe('Alle svar er gemt.');
    const [first] = await answers();
    expect(first).toMatchObject({
      rating: 4,
      justification: 'Beboerne har selv formuleret mål',
      evidence: [{ source: 'interview_resident', note: '', attachmentId: null }],
    });
  });

  it('sends a change made while the previous save was on its way', async () => {
    // hold the first save of this indicator until the inspector has changed the answer again
    const path = `**/api/v1/visits/${visitId}/answers/${indicators[3].id}`;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route(path, async (route) => {
      if (held++ === 0) await released;
      await route.continue();
    });
    try {
      await section(3).getByLabel('3 –').check();
      await section(3).getByLabel(`Begrundelse for ${indicators[3].code}`).fill('Første udkast');
      const deadline = Date.now() + 10_000;
      while (held === 0 && Date.now() < deadline) await page.waitForTimeout(50);
      expect(held).toBe(1);
      await section(3).getByLabel('Kilde').first().selectOption('documentation');
      await page.waitForTimeout(100); // the change is made while the first save is held
      release();
      expect(await textBecomes(status(), 'Alle svar er gemt.', 15000)).toBe('Alle svar er gemt.');
      expect((await answers())[3]).toMatchObject({
        rating: 3,
        justification: 'Første udkast',
        evidence: [{ source: 'documentation', note: '', attachmentId: null }],
      });
    } finally {
      await page.unroute(path);
    }
  });

  it('keeps answers given without network, counts them, and sends them when the connection returns', async () => {
    await context.setOffline(true);
    await section(1).getByLabel('3 –').check();
    await section(2).getByLabel('Ikke relevant').check();
    await section(2).getByLabel(`Begrundelse for ${indicators[2].code}`).fill('Tilbuddet har ingen børn');
    expect(await textBecomes(status(), /^2 svar er ikke sendt endnu/)).toContain('(ingen forbindelse)');
    // Kept in IndexedDB, by visit and user, until sent
    const kept = () =>
      page.evaluate(
        (visit) =>
          new Promise<string[]>((resolve) => {
            const open = indexedDB.open('tilsyn');
            open.onsuccess = () => {
              const all = open.result.transaction('answers').objectStore('answers').getAll();
              all.onsuccess = () =>
                resolve(
                  (all.result as { visitId: string; indicatorId: string }[])
                    .filter((r) => r.visitId === visit)
                    .map((r) => r.indicatorId)
                    .sort(),
                );
            };
          }),
        visitId,
      );
    const deadline = Date.now() + 5000;
    while ((await kept()).length < 2 && Date.now() < deadline) await page.waitForTimeout(100);
    expect(await kept()).toEqual([indicators[1].id, indicators[2].id].sort());
    const during = await answers();
    expect([during[1], during[2]]).toEqual([null, null]);

    await context.setOffline(false);
    expect(await textBecomes(status(), 'Alle svar er gemt.', 15000)).toBe('Alle svar er gemt.');
    const after = await answers();
    expect(after[1]).toMatchObject({ rating: 3 });
    expect(after[2]).toMatchObject({ rating: null, justification: 'Tilbuddet har ingen børn' });
  });

  it('never overwrites a colleague: a stale save shows both and lets the inspector choose', async () => {
    const stored = (await answers())[0]!;
    const theirs = await api(t, colleague, 'PUT', `/api/v1/visits/${visitId}/answers/${indicators[0].id}`, {
      assessment: 'rated',
      rating: 2,
      justification: 'Kollegaens vurdering',
      version: stored.version,
    });
    expect(theirs.status).toBe(200);

    await section(0).getByLabel(`Begrundelse for ${indicators[0].code}`).fill('Min nye tekst');
    const alert = section(0).getByRole('alert');
    expect(await textBecomes(alert, /Kollegaens vurdering/)).toContain('Dit svar er ikke gemt');
    expect((await answers())[0]).toMatchObject({ rating: 2, justification: 'Kollegaens vurdering' });
    expect(await axeViolations(page)).toEqual([]);

    await alert.getByRole('button', { name: 'Gem mit svar' }).click();
    expect(await textBecomes(status(), 'Alle svar er gemt.')).toBe('Alle svar er gemt.');
    expect((await answers())[0]).toMatchObject({
      rating: 4,
      justification: 'Min nye tekst',
      version: theirs.json.version + 1,
    });
  });
});
