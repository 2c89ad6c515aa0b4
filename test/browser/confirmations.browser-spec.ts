import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { addDays, today } from '#libs/core';
import { DEMO_PASSWORD } from '#libs/demo';
import { api, axeViolations, startBrowserSession, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

/**
 * Retiring a quality model and closing a survey cannot be undone: each goes through a confirmation
 * page (a plain form, no JavaScript needed) that asks why, and the reason is in the audit trail.
 */
describe('confirmation with a reason: retire a quality model, close a survey', () => {
  let t: TestApp;
  let page: Page;
  let close: () => Promise<void>;
  let region: string;

  const audit = async (entityId: string, action: string) =>
    (
      await t.app
        .get(DataSource)
        .query(`select after from audit_event where entity_id = $1 and action = $2`, [entityId, action])
    ).map((r: { after: { reason?: string } }) => r.after.reason);

  beforeAll(async () => {
    ({ t, page, close } = await startBrowserSession(createServerApp, 'region@tilsyn.demo'));
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    // the pages must work without JavaScript
    await page.context().route('**/*.js', (route) => route.abort());
  });
  afterAll(() => close?.());

  it('closes a survey only after a confirmation with a reason', async () => {
    const facilityId = (await api(t, region, 'GET', '/api/v1/facilities?q=Åbrinken')).json.items[0].id;
    const versionId = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (x: { status: string }) => x.status === 'published',
    ).id;
    const round = (
      await api(t, region, 'POST', '/api/v1/survey-rounds', {
        facilityId,
        questionnaireKey: 'beboere',
        modelVersionId: versionId,
        periodStart: today(),
        periodEnd: addDays(today(), 30),
      })
    ).json;
    expect(round.id).toBeDefined();
    await page.goto(`${t.baseUrl}/undersoegelser/${round.id}`);
    await page.getByRole('link', { name: 'Luk undersøgelsen …' }).click();
    await page.waitForURL(`**/undersoegelser/${round.id}/luk`);
    expect(await page.locator('main').textContent()).toContain('Botilbuddet Åbrinken');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Luk undersøgelsen' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Begrundelse: en lukning kan ikke fortrydes; skriv begrundelsen',
    );
    expect((await api(t, region, 'GET', `/api/v1/survey-rounds/${round.id}`)).json.status).toBe('open');

    await page.getByLabel('Hvorfor lukkes undersøgelsen?').fill('Alle beboere har svaret');
    await page.getByRole('button', { name: 'Luk undersøgelsen' }).click();
    await page.waitForURL(`**/undersoegelser/${round.id}`);
    expect(await page.getByRole('status').textContent()).toContain('Undersøgelsen er lukket.');
    expect((await api(t, region, 'GET', `/api/v1/survey-rounds/${round.id}`)).json.status).toBe('closed');
    expect(await audit(round.id, 'survey_round.closed')).toEqual(['Alle beboere har svaret']);
  });

  it('retires a published quality model only after a confirmation with a reason', async () => {
    const versions: { id: string; key: string; status: string; number: number }[] = (
      await api(t, region, 'GET', '/api/v1/quality-models')
    ).json.items;
    const v = versions.find((x) => x.key === 'socialtilsyn' && x.status === 'published')!;
    await page.goto(`${t.baseUrl}/kvalitetsmodeller/${v.id}`);
    await page.getByRole('link', { name: 'Udfas …' }).click();
    await page.waitForURL(`**/kvalitetsmodeller/${v.id}/udfas`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Udfas kvalitetsmodel');
    expect(await page.locator('main').textContent()).toContain('Det kan ikke fortrydes');
    expect(await axeViolations(page)).toEqual([]);

    // still published after the first click
    expect((await api(t, region, 'GET', `/api/v1/quality-models/${v.id}`)).json.status).toBe('published');

    await page.getByRole('button', { name: 'Udfas versionen' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Begrundelse: en udfasning kan ikke fortrydes; skriv begrundelsen',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect((await api(t, region, 'GET', `/api/v1/quality-models/${v.id}`)).json.status).toBe('published');

    await page.getByLabel('Hvorfor udfases versionen?').fill('Erstattet af den reviderede model fra 2027');
    await page.getByRole('button', { name: 'Udfas versionen' }).click();
    await page.waitForURL(`**/kvalitetsmodeller/${v.id}`);
    expect(await page.getByRole('status').textContent()).toContain(`Version ${v.number} er udgået.`);
    expect((await api(t, region, 'GET', `/api/v1/quality-models/${v.id}`)).json.status).toBe('retired');
    expect(await audit(v.id, 'quality_model.retired')).toEqual(['Erstattet af den reviderede model fra 2027']);
  });
});
