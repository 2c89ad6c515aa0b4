import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { today as danishToday } from '#libs/core';
import { DEMO_PASSWORD } from '#libs/demo';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { pdfFacts } from '../reporting/pdf-facts.js';

describe('survey PDFs through the reports engine: invitation letters and the results report', () => {
  let t: TestApp;
  let region: string;
  let otherLeader: string;
  let roundId: string;

  const pdf = async (method: string, path: string, token: string, body?: object) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      data: new Uint8Array(await res.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', DEMO_PASSWORD);
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
  });
  afterAll(() => t.close());

  it('prints one letter per new code, with the code, the answer address and a QR code; the codes work and are stored nowhere', async () => {
    const res = await pdf('POST', `/api/v1/survey-rounds/${roundId}/letters`, region, { count: 3, unit: 'Hus Vest' });
    expect(res.status).toBe(201);
    expect(res.type).toBe('application/pdf');
    const facts = await pdfFacts(res.data);
    expect(facts.pages).toHaveLength(3);
    expect(facts.language).toBe('da');
    // the code is printed letter-spaced, so it is extracted with spaces between its characters
    const codes = facts.pages.map((text) => text.match(/Din kode:\n([^\n]+)/)?.[1].replace(/ /g, ''));
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(new Set(codes).size).toBe(3);
    for (const text of facts.pages) {
      expect(text).toContain('Bostedet Lærkereden Hus Vest'); // the page header
      expect(text).toContain(`${t.baseUrl}/svar`);
      expect(text).toContain('Koden kan kun bruges én gang');
    }
    const stored = JSON.stringify(await t.app.get(DataSource).query(`select * from survey_invitation`));
    for (const code of codes) expect(stored).not.toContain(code!.replace('-', ''));
    expect(
      (await api(t, undefined, 'POST', '/api/v1/survey-responses', { code: codes[0], answers: { B01: 5 } })).status,
    ).toBe(201);
    expect((await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}`)).json).toMatchObject({
      invited: 3,
      responded: 1,
    });
  });

  it('refuses a bad request for letters without storing codes', async () => {
    const res = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/letters`, { count: 0 });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ field: 'count' })]);
    expect((await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}`)).json.invited).toBe(3);
  });

  it('prints the results report, with no figures below 5 respondents', async () => {
    const few = await pdfFacts((await pdf('GET', `/api/v1/survey-rounds/${roundId}/report`, region)).data);
    expect(few.title).toBe('Hvordan har du det, hvor du bor? · Bostedet Lærkereden');
    expect(few.tagged).toBe(true);
    expect(few.pages.join('')).toContain('Resultaterne vises først, når mindst 5 har svaret');

    const codes = (await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/invitations`, { count: 5 })).json
      .codes;
    for (const code of codes)
      await api(t, undefined, 'POST', '/api/v1/survey-responses', { code, answers: { B01: 4, B10: 'yes' } });
    const res = await pdf('GET', `/api/v1/survey-rounds/${roundId}/report`, region);
    expect(res.type).toBe('application/pdf');
    const text = (await pdfFacts(res.data)).pages.join('\n');
    expect(text).toContain('6 har svaret');
    expect(text).toMatch(/B01 Hvordan har du det med at bo\s+her\?[\s\S]*Meget godt: 1 \(17 %\)[\s\S]*4,2/);
    expect(text).toContain('færre end 5 svar');
    expect((await pdf('GET', `/api/v1/survey-rounds/${roundId}/report`, otherLeader)).status).toBe(404);
  });
});
