import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DemoVisitSeed } from '#libs/demo';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('demo visit for npm start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
  });
  afterAll(() => t.close());

  it('publishes one fully rated visit through the real workflow, once', async () => {
    expect(await t.app.get(DemoVisitSeed).run()).toBe(true);
    expect(await t.app.get(DemoVisitSeed).run()).toBe(false);
    const leader = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
    const [visit] = (await api(t, leader, 'GET', '/api/v1/visits')).json.items;
    expect(visit).toMatchObject({ facilityName: 'Bostedet Lærkereden', status: 'published' });
    const full = (await api(t, leader, 'GET', `/api/v1/visits/${visit.id}`)).json;
    expect(full.indicators.every((i: { answer: { rating: number } | null }) => i.answer && i.answer.rating >= 3)).toBe(
      true,
    );
    expect(full.findings.map((f: { kind: string }) => f.kind)).toEqual(['recommendation', 'order']);
    expect(full.visit.approvedById).not.toBe(full.visit.submittedById);
  });

  it("closes a resident survey there whose results count in the facility's scores beside the visit", async () => {
    const region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const [round] = (await api(t, region, 'GET', '/api/v1/survey-rounds')).json.items;
    expect(round).toMatchObject({ facilityName: 'Bostedet Lærkereden', status: 'closed', invited: 9, responded: 7 });
    const [{ count }] = await t.app.get(DataSource).query(
      `select count(*)::int from score_node s join facility f on f.id = s.facility_id
        where f.name = 'Bostedet Lærkereden' and s.level = 'indicator' and s.latest and s.visit_score is not null and s.survey_score is not null`,
    );
    expect(count).toBeGreaterThan(3);
  });
});
