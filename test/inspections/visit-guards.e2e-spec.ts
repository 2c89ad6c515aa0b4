import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { addDays, today as danishToday } from '#libs/core';
import { api, seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { assessVisit } from '../../bench/lib/published-visit.js';
import { type Team, team } from '../reporting/published-visit.js';

type Indicator = {
  id: string;
  code: string;
  standardId: string;
  standardTitle: string;
  answer: { version: number } | null;
};

describe('workflow guards: visit date, justifications, theme scope, confirmed cancellation', () => {
  let t: TestApp;
  let crew: Team;
  const today = danishToday();

  const plan = async (body: object = {}) =>
    api(t, crew.anna.token, 'POST', '/api/v1/visits', {
      facilityId: crew.facilityId,
      kind: 'unannounced',
      plannedDate: today,
      inspectorIds: [crew.anna.id, crew.bo.id],
      modelVersionId: crew.versionId,
      ...body,
    });
  const checklist = async (id: string) => (await api(t, crew.anna.token, 'GET', `/api/v1/visits/${id}`)).json;
  const answerAll = async (id: string, body: (i: Indicator, n: number) => object) => {
    for (const [n, i] of ((await checklist(id)).indicators as Indicator[]).entries()) {
      const res = await api(t, crew.anna.token, 'PUT', `/api/v1/visits/${id}/answers/${i.id}`, {
        version: i.answer?.version ?? 0,
        ...body(i, n),
      });
      expect(res.status).toBe(200);
    }
    await assessVisit(t.baseUrl, crew.anna.token, id);
  };
  const audit = (id: string, action: string) =>
    t.app
      .get(DataSource)
      .query(`select after from audit_event where entity_id = $1 and action = $2 order by id`, [id, action]);

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
  });
  afterAll(() => t?.close());

  it('refuses to submit a visit before its date, and corrects the date of a visit held another day with a reason', async () => {
    const visit = (await plan({ kind: 'announced', plannedDate: addDays(today, 7) })).json;
    await answerAll(visit.id, () => ({ assessment: 'rated', rating: 4, justification: 'Set' }));
    const early = await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/submit`, {
      version: visit.version,
    });
    expect(early.status).toBe(422);
    expect(early.json.detail).toMatch(/^Besøget er dateret \d+\.\d+\.\d{4} og kan ikke indsendes før den dag$/);
    expect(early.json.errors).toEqual([expect.objectContaining({ field: 'plannedDate', rule: 'notBeforeVisit' })]);

    const correct = (body: object) =>
      api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/date`, { version: visit.version, ...body });
    expect((await correct({ plannedDate: addDays(today, -1), reason: '' })).json.errors).toEqual([
      expect.objectContaining({ field: 'reason', rule: 'isNotEmpty' }),
    ]);
    expect((await correct({ plannedDate: addDays(today, 3), reason: 'Flyttet' })).json.errors).toEqual([
      expect.objectContaining({ field: 'plannedDate', rule: 'notInFuture' }),
    ]);
    const corrected = await correct({ plannedDate: addDays(today, -1), reason: 'Besøget blev rykket en dag frem' });
    expect(corrected.json.plannedDate).toBe(addDays(today, -1));
    expect(await audit(visit.id, 'visit.date_corrected')).toEqual([
      { after: expect.objectContaining({ note: 'Besøget blev rykket en dag frem', plannedDate: addDays(today, -1) }) },
    ]);
    const submitted = await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/submit`, {
      version: corrected.json.version,
    });
    expect(submitted.json.status).toBe('submitted');
    // the planning page counts it as the facility's latest visit now
    const planning = (await api(t, crew.region, 'GET', '/api/v1/visit-planning')).json.items.find(
      (r: { facilityId: string; kind: string }) => r.facilityId === crew.facilityId && r.kind === 'announced',
    );
    expect(planning.lastVisit).toBe(addDays(today, -1));
  });

  it('requires a justification for low ratings and "Ikke relevant" before submission (threshold from the model)', async () => {
    const visit = (await plan({ kind: 'announced' })).json;
    await answerAll(visit.id, (_, n) =>
      n === 0
        ? { assessment: 'rated', rating: 2 }
        : n === 1
          ? { assessment: 'not_relevant' }
          : n === 2
            ? { assessment: 'rated', rating: 3 }
            : { assessment: 'rated', rating: 4, justification: 'Set' },
    );
    const codes = ((await checklist(visit.id)).indicators as Indicator[]).map((i) => i.code);
    const res = await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/submit`, {
      version: visit.version,
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      {
        field: 'answers',
        rule: 'justificationRequired',
        message: `mangler begrundelse (score 2 eller lavere, eller "Ikke relevant") for ${codes[0]}, ${codes[1]}`,
      },
    ]);
    const model = (await api(t, crew.region, 'GET', `/api/v1/quality-models/${crew.versionId}`)).json;
    expect(model.justifyAtOrBelow).toBe(2);
  });

  it('scopes an unannounced visit to chosen themes: only their indicators, named in the report', async () => {
    const all = (await checklist((await plan({ kind: 'announced' })).json.id)).indicators as Indicator[];
    const themes = [...new Set(all.map((i) => i.standardId))];
    const announced = await plan({ kind: 'announced', themeIds: [themes[1]] });
    expect(announced.json.errors).toEqual([expect.objectContaining({ field: 'themeIds', rule: 'onlyUnannounced' })]);

    const visit = (await plan({ themeIds: [themes[1], themes[3]] })).json;
    expect(visit.themes.map((th: { id: string }) => th.id)).toEqual([themes[1], themes[3]]);
    const scoped = (await checklist(visit.id)).indicators as Indicator[];
    expect(scoped.map((i) => i.id)).toEqual(
      all.filter((i) => [themes[1], themes[3]].includes(i.standardId)).map((i) => i.id),
    );
    const outside = all.find((i) => i.standardId === themes[0])!;
    const refused = await api(t, crew.anna.token, 'PUT', `/api/v1/visits/${visit.id}/answers/${outside.id}`, {
      assessment: 'rated',
      rating: 4,
      version: 0,
    });
    expect(refused.json.errors).toEqual([expect.objectContaining({ field: 'indicatorId', rule: 'inScope' })]);

    await answerAll(visit.id, () => ({ assessment: 'rated', rating: 4, justification: 'Set' }));
    const submitted = await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/submit`, {
      version: visit.version,
    });
    expect(submitted.json.status).toBe('submitted');
    const preview = await api(t, crew.anna.token, 'GET', `/rapporter/besoeg/${visit.id}/forhaandsvisning`);
    expect(preview.text).toContain('Besøget var afgrænset til:');
    expect(preview.text).toContain(visit.themes[0].title);
    expect(preview.text).not.toContain(all.find((i) => i.standardId === themes[0])!.standardTitle);
  });

  it('cancels only with a reason, kept in the audit trail, after a confirmation page that works without JavaScript', async () => {
    const visit = (await plan()).json;
    const page = await api(t, crew.anna.token, 'GET', `/besoeg/${visit.id}/aflys`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<form method="post" action="/besoeg/${visit.id}/aflys"`);
    expect(page.text).toContain('Hvorfor aflyses besøget?');
    const without = await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/cancel`, {
      version: visit.version,
    });
    expect(without.json.errors).toEqual([expect.objectContaining({ field: 'reason', rule: 'isNotEmpty' })]);
    const cancelled = await api(t, crew.anna.token, 'POST', `/api/v1/visits/${visit.id}/cancel`, {
      version: visit.version,
      reason: 'Tilbuddet var lukket pga. vandskade',
    });
    expect(cancelled.json.status).toBe('cancelled');
    expect(await audit(visit.id, 'visit.cancelled')).toEqual([
      { after: expect.objectContaining({ note: 'Tilbuddet var lukket pga. vandskade', status: 'cancelled' }) },
    ]);
  });
});
