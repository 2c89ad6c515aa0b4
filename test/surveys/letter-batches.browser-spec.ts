import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
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
import { pdfFacts } from '../reporting/pdf-facts.js';

/** The codes printed on a letters PDF, one per page. */
const codesIn = async (pdf: Buffer) =>
  (await pdfFacts(pdf)).pages.map(
    (p) => /Din kode:\s*([0-9A-Z\s]{5,12}-[0-9A-Z\s]{5,12})\n/.exec(p)?.[1].replace(/\s/g, '') ?? '',
  );

/**
 * Letters as recorded batches: generate, lose the file, download again (the codes not used yet),
 * void (the unused codes withdrawn), as region staff do it in the browser.
 */
describe('survey letters: generate, lose the file, download again, void', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let region: string;
  let roundId: string;
  const invitations = async () =>
    Number(
      (await t.app.get(DataSource).query(`select count(*) from survey_invitation where round_id = $1`, [roundId]))[0]
        .count,
    );
  const download = async (click: () => Promise<unknown>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), pdf: readFileSync((await file.path())!) };
  };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const facility = (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items[0];
    const version = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    roundId = (
      await api(t, region, 'POST', '/api/v1/survey-rounds', {
        facilityId: facility.id,
        questionnaireKey: 'beboere',
        modelVersionId: version.id,
        periodStart: danishToday(),
        periodEnd: danishToday(),
      })
    ).json.id;
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await loginInBrowser(page, t.baseUrl, 'region@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records each batch of letters and prints it again with the codes not yet used', async () => {
    await page.goto(`${t.baseUrl}/undersoegelser/${roundId}`);
    await page.getByLabel('Antal breve (højst 500)').fill('3');
    const first = await download(() => page.getByRole('button', { name: 'Lav breve (PDF)' }).click());
    expect(first.name).toMatch(/^Invitationer – Bostedet Lærkereden – .+ – sæt 1 – \d{4}-\d{2}-\d{2}\.pdf$/);
    const codes = await codesIn(first.pdf);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    expect(codes.every((c) => /^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(c))).toBe(true);

    // the file is lost: the round page lists the batch, who made it and when, and what is unused
    await page.goto(`${t.baseUrl}/undersoegelser/${roundId}`);
    const row = page.locator('#breve tbody tr').first();
    expect(await row.textContent()).toMatch(/^\s*1.*Rikke.*3.*Hele tilbuddet.*3/s);
    expect(await axeViolations(page)).toEqual([]);
    expect(await invitations()).toBe(3);

    // one letter was answered on paper before the file went missing
    const paper = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/responses`, {
      mode: 'paper',
      code: codes[1],
      answers: { B01: 4, B02: 5 },
    });
    expect(paper.status).toBe(201);

    await page.reload();
    const again = await download(() => page.getByRole('link', { name: 'Hent brevene igen (sæt 1)' }).click());
    expect(again.name).toBe(first.name);
    // the same codes, the used one left out; generating again did not invite anyone twice
    expect(await codesIn(again.pdf)).toEqual([codes[0], codes[2]]);
    expect(await invitations()).toBe(3);
    const batches = (await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}/letter-batches`)).json.items;
    expect(batches).toEqual([
      expect.objectContaining({ number: 1, count: 3, unit: null, unused: 2, voidedAt: null, withdrawn: 0 }),
    ]);
  });

  it('voids a batch through a confirmation page: its unused codes are withdrawn and no longer count', async () => {
    await page.goto(`${t.baseUrl}/undersoegelser/${roundId}`);
    await page.getByRole('link', { name: 'Annullér sæt 1' }).click();
    await page.waitForURL(/\/breve\/[0-9a-f-]{36}\/annuller$/);
    expect(await page.locator('main').textContent()).toContain('2 af brevenes koder er ikke brugt');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/Hvorfor/).fill('Filen gik tabt');
    await page.getByRole('button', { name: 'Annullér brevene' }).click();
    await page.waitForURL(/\/undersoegelser\/[0-9a-f-]{36}#breve$/);
    expect(await page.locator('main').textContent()).toContain('2 ubrugte koder er trukket tilbage');
    expect(await page.locator('#breve tbody tr').first().textContent()).toContain('Annulleret');
    expect(await page.getByRole('link', { name: 'Hent brevene igen (sæt 1)' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // the answered letter stays; the two unused codes are gone, so the round counts one invited
    expect(await invitations()).toBe(1);
    const batch = (await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}/letter-batches`)).json.items[0];
    expect(batch).toMatchObject({
      withdrawn: 2,
      unused: 0,
      voidReason: 'Filen gik tabt',
      voidedByName: 'Rikke Regionsen',
    });
    const reprint = await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}/letter-batches/${batch.id}/letters`);
    expect(reprint.status).toBe(409);
    const twice = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/letter-batches/${batch.id}/void`, {});
    expect(twice.status).toBe(409);
    const audit = await t.app
      .get(DataSource)
      .query(`select action from audit_event where entity_id = $1 and action like 'survey_invitations.%' order by id`, [
        roundId,
      ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'survey_invitations.issued',
      'survey_invitations.reprinted',
      'survey_invitations.voided',
    ]);
  });
});
