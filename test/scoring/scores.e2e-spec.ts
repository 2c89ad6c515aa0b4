import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { today as danishToday } from '#libs/core';
import { DEMO_PASSWORD, SyntheticRegion } from '#libs/demo';
import { ScoresRepository, ScoringService } from '#libs/scoring';
import { api, Role, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { assessVisit } from '../../bench/lib/published-visit.js';

type Indicator = { id: string; code: string };

describe('scores: stored aggregates, leader dashboard, region overview', () => {
  let t: TestApp;
  let region: string;
  let leader: string;
  let otherLeader: string;
  let anna: { id: string; token: string };
  let bo: { id: string; token: string };
  let facilityId: string;
  let versionId: string;
  let visitId: string;
  let indicators: Indicator[];
  let firstStatus: string;
  const today = danishToday();
  const year = Number(today.slice(0, 4));

  const ok = <T extends { status: number; text: string }>(res: T, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };
  const allFacilities = async () =>
    ((await api(t, region, 'GET', '/api/v1/facilities')).json.items as { id: string }[]).map((f) => f.id);
  const storedEqualsRecomputed = async () => {
    const ids = await allFacilities();
    const [stored, recomputed] = await t.run(() =>
      Promise.all([t.app.get(ScoresRepository).stored(ids), t.app.get(ScoringService).compute(ids)]),
    );
    const key = (s: { facilityId: string; period: number; nodeId: string }) =>
      `${s.facilityId}|${s.period}|${s.nodeId}`;
    const sorted = <T extends { facilityId: string; period: number; nodeId: string }>(xs: T[]) =>
      [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(stored.length).toBeGreaterThan(0);
    expect(sorted(stored)).toEqual(sorted(recomputed).map((r) => ({ ...r, score: expect.closeTo(r.score, 9) })));
    return stored;
  };

  /** Plans, answers, submits, approves and publishes a visit; `answer` gives each indicator's body (null: leave it). */
  const publishVisit = async (
    plannedDate: string,
    answer: (i: Indicator, n: number) => object | null,
    findings: (items: Indicator[]) => object[] = () => [],
  ) => {
    const visit = ok(
      await api(t, anna.token, 'POST', '/api/v1/visits', {
        facilityId,
        kind: 'announced',
        plannedDate,
        inspectorIds: [anna.id, bo.id],
        modelVersionId: versionId,
      }),
      'plan',
    ).json;
    const items: Indicator[] = (await api(t, anna.token, 'GET', `/api/v1/visits/${visit.id}`)).json.indicators;
    for (const [n, i] of items.entries()) {
      const body = answer(i, n);
      if (body)
        ok(
          await api(t, anna.token, 'PUT', `/api/v1/visits/${visit.id}/answers/${i.id}`, { version: 0, ...body }),
          `answer ${i.code}`,
        );
    }
    for (const f of findings(items))
      ok(await api(t, anna.token, 'POST', `/api/v1/visits/${visit.id}/findings`, f), 'finding');
    await assessVisit(t.baseUrl, anna.token, visit.id);
    const submitted = ok(
      await api(t, anna.token, 'POST', `/api/v1/visits/${visit.id}/submit`, { version: visit.version }),
      'submit',
    ).json;
    const approved = ok(
      await api(t, bo.token, 'POST', `/api/v1/visits/${visit.id}/approve`, { version: submitted.version }),
      'approve',
    ).json;
    const publish = async () => {
      const inHearing = ok(
        await api(t, region, 'POST', `/api/v1/visits/${visit.id}/send_for_hearing`, { version: approved.version }),
        'send for høring',
      ).json;
      return ok(
        await api(t, region, 'POST', `/api/v1/visits/${visit.id}/publish`, {
          version: inHearing.version,
          reason: 'Tilbuddet har ingen bemærkninger.',
        }),
        'publish',
      );
    };
    return { id: visit.id as string, items, publish };
  };
  const rated = (rating: number, code: string) => ({
    assessment: 'rated',
    rating,
    justification: `Beboerne fortæller om praksis for ${code}.`,
    evidence: [{ source: 'interview_resident', note: 'Fire beboere' }],
  });

  const indicatorId = (code: string) => indicators.find((i) => i.code === code)!.id;
  /** The open recommendations table of a dashboard page: type, text and follow-up per row. */
  const openFollowUps = (html: string) => {
    const table = html.slice(html.indexOf('<caption class="visually-hidden">Åbne anbefalinger og påbud</caption>'));
    const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
    return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
      const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, c]) => c.replace(/<[^>]+>/g, '').trim());
      return [cells[0], cells[1], cells[4]];
    });
  };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    leader = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', DEMO_PASSWORD);
    const inspector = async (name: string) => {
      const u = await t.newUser(Role.Inspector, name);
      return { id: u.id, token: await tokenFor(t, u.email) };
    };
    anna = await inspector('Anna Ærøsen');
    bo = await inspector('Bo Østergård');
    // a facility of its own, so demo data never mixes into the figures asserted here
    const [lene] = await t.app.get(DataSource).query(`select id from app_user where email = 'leder@tilsyn.demo'`);
    facilityId = (await t.newFacility('Bostedet Scoringslyst', [lene.id])).id;
    firstStatus = (await api(t, region, 'GET', '/api/v1/follow-up/statuses')).json.items.find(
      (s: { done: boolean; active: boolean }) => !s.done && s.active,
    ).label;
    versionId = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    ).id;
  });
  afterAll(() => t?.close());

  it('stores scores in the transaction that publishes a visit', async () => {
    const visit = await publishVisit(
      '2025-05-12',
      (i, n) =>
        n === 1
          ? { assessment: 'not_relevant', justification: 'Tilbuddet har ingen nattevagt.' }
          : rated(n === 0 ? 2 : 4, i.code),
      (items) => [
        {
          kind: 'recommendation',
          text: 'Beskriv målene i handleplanerne.',
          owner: 'Afdelingsleder',
          deadline: '2025-09-01',
          indicatorIds: [items[0].id],
        },
      ],
    );
    visitId = visit.id;
    indicators = visit.items;
    expect(await t.run(() => t.app.get(ScoresRepository).stored([facilityId]))).toEqual([]);
    await visit.publish();

    const stored = await storedEqualsRecomputed();
    expect(stored.find((s) => s.nodeId === indicators[0].id)).toMatchObject({
      level: 'indicator',
      period: 2025,
      score: 2,
      light: 'red',
      visitScore: 2,
    });
    expect(stored.some((s) => s.nodeId === indicators[1].id)).toBe(false);
    expect(stored.find((s) => s.level === 'overall')).toMatchObject({ modelVersionId: versionId, period: 2025 });
  });

  it('refreshes the stored scores when a published answer is amended', async () => {
    const before = (await t.run(() => t.app.get(ScoresRepository).stored([facilityId]))).find(
      (s) => s.level === 'overall',
    )!.score;
    const answer = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[0].answer;
    ok(
      await api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/answers/${indicators[0].id}`, {
        assessment: 'rated',
        rating: 5,
        version: answer.version,
        justification: 'Rettet efter høring.',
        evidence: [{ source: 'interview_resident', note: 'To beboere' }],
        amendmentReason: 'Fejl i scoren',
      }),
      'amend',
    );
    const stored = await storedEqualsRecomputed();
    expect(stored.find((s) => s.nodeId === indicators[0].id)).toMatchObject({ score: 5, light: 'green' });
    expect(stored.find((s) => s.level === 'overall')!.score).toBeGreaterThan(before);
  });

  it('adds a closed survey round to the scores when it closes, leaving out indicators fewer than 5 answered', async () => {
    const round = ok(
      await api(t, region, 'POST', '/api/v1/survey-rounds', {
        facilityId,
        questionnaireKey: 'beboere',
        modelVersionId: versionId,
        periodStart: today,
        periodEnd: `${year}-12-31`,
      }),
      'round',
    ).json;
    const codes: string[] = ok(
      await api(t, region, 'POST', `/api/v1/survey-rounds/${round.id}/invitations`, { count: 6 }),
      'codes',
    ).json.codes;
    // 4a is asked by B02–B04 (mean 4 on the survey's 1–5, which is socialtilsyn's own scale); 5a by B01, answered by 3 only
    for (const [n, code] of codes.entries())
      ok(
        await api(t, undefined, 'POST', '/api/v1/survey-responses', {
          code,
          answers: { B02: 5, B03: 4, B04: 3, ...(n < 3 ? { B01: 5 } : {}) },
        }),
        'answer',
      );
    const thisYear = async () =>
      (await t.run(() => t.app.get(ScoresRepository).stored([facilityId]))).filter((s) => s.period === year);
    expect(await thisYear()).toEqual([]); // an open round does not count yet

    ok(await api(t, region, 'POST', `/api/v1/survey-rounds/${round.id}/close`, { version: round.version }), 'close');
    const stored = await storedEqualsRecomputed();
    expect(stored.find((s) => s.period === year && s.nodeId === indicatorId('4a'))).toMatchObject({
      level: 'indicator',
      score: 4,
      visitScore: null,
      surveyScore: 4,
      latest: false,
    });
    expect(stored.some((s) => s.period === year && s.nodeId === indicatorId('5a'))).toBe(false);
    // a survey alone does not replace the visited year as the facility's current assessment
    expect(stored.filter((s) => s.level === 'overall' && s.latest).map((s) => s.period)).toEqual([2025]);
    const dashboard = (await api(t, leader, 'GET', `/resultater/tilbud/${facilityId}`)).text;
    expect(dashboard).toContain('<h2>Aktuelle scorer (2025)</h2>');
    expect(dashboard).toContain(`<th scope="col">${year}</th>`); // the survey's year is in the trend
    // the indicator's evidence trail names the survey behind its score
    const trail = (await api(t, leader, 'GET', `/resultater/tilbud/${facilityId}/indikatorer/${indicatorId('4a')}`))
      .text;
    expect(trail).toContain(
      '6 har svaret på indikatorens spørgsmål, gennemsnit 4,0 på skalaen 1–5, svarende til 4,0 på modellens skala',
    );
    expect(trail).toContain(`href="/undersoegelser/${round.id}"`);
  });

  it("combines a year's visit and survey under the model's rule, and that year becomes current", async () => {
    const visit = await publishVisit(
      `${year}-02-02`,
      (i) => (i.code === '4a' ? rated(2, i.code) : { assessment: 'not_relevant', justification: 'Uden for temaet.' }),
      () => [
        {
          kind: 'order',
          text: 'Hold beboermøder hver måned.',
          owner: 'Forstander',
          deadline: `${year}-01-15`,
          indicatorIds: [indicatorId('4a')],
        },
      ],
    );
    await visit.publish();
    const stored = await storedEqualsRecomputed();
    // socialtilsyn's criterion rule is the mean: (2 + 4) / 2
    expect(stored.find((s) => s.period === year && s.nodeId === indicatorId('4a'))).toMatchObject({
      score: 3,
      visitScore: 2,
      surveyScore: 4,
      latest: true,
    });
    expect(stored.filter((s) => s.level === 'overall' && s.latest).map((s) => s.period)).toEqual([year]);
  });

  it('generates a synthetic region whose stored scores equal a recomputation from scratch', async () => {
    const result = await t.run(() => t.app.get(SyntheticRegion).generate({ facilities: 12, years: 3, lastYear: 2025 }));
    expect(result.facilities).toBe(12);
    expect(result.visits).toBe(12 * 4);
    expect(result.answers).toBeGreaterThan(result.visits * 10);
    const stored = await storedEqualsRecomputed();
    expect(stored.filter((s) => s.level === 'overall' && s.latest).length).toBeGreaterThanOrEqual(13);
  });

  it("shows the leader their facility's scores, region quartiles, trend, findings; other leaders get 404", async () => {
    const page = await api(t, leader, 'GET', `/resultater/tilbud/${facilityId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Resultater for Bostedet Scoringslyst');
    expect(page.text).toContain('Regionens median');
    expect(page.text).toMatch(/\(1\d tilbud\)/);
    expect(page.text).toMatch(/Grøn|Gul|Rød/);
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('Samlet score pr. år – tal');
    // publication put both visits' recommendations and orders in follow-up plans: open until met, with their status
    expect(openFollowUps(page.text)).toEqual([
      ['Anbefaling', 'Beskriv målene i handleplanerne.', firstStatus],
      ['Påbud', 'Hold beboermøder hver måned.', firstStatus],
    ]);
    expect((await api(t, otherLeader, 'GET', `/resultater/tilbud/${facilityId}`)).status).toBe(404);
    expect(
      (await api(t, otherLeader, 'GET', `/resultater/tilbud/${facilityId}/indikatorer/${indicators[0].id}`)).status,
    ).toBe(404);
  });

  it('drills down to an indicator: scores per year and the evidence trail with justification and sources', async () => {
    const page = await api(t, leader, 'GET', `/resultater/tilbud/${facilityId}/indikatorer/${indicators[0].id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Rettet efter høring.');
    expect(page.text).toContain('Interview med borgere');
    expect(page.text).toContain(indicators[0].code);
  });

  it('gives region staff a heat map with filters, overdue findings and CSV/XLSX export; leaders are refused', async () => {
    const all = await api(t, region, 'GET', '/resultater/region');
    expect(all.status).toBe(200);
    expect(all.text).toContain('Syntetisk tilbud 0001');
    expect(all.text).toContain('Bostedet Scoringslyst');
    const overdue = await api(t, region, 'GET', '/resultater/region/overskredet?municipality=Testrup');
    expect(overdue.status).toBe(200);
    expect(overdue.text).toContain('Beskriv målene i handleplanerne.');
    expect(overdue.text).toContain('Hold beboermøder hver måned.');
    expect((await api(t, region, 'GET', '/resultater/region/overskredet?municipality=Randers')).text).not.toContain(
      'Beskriv målene i handleplanerne.',
    );
    const testrup = await api(t, region, 'GET', '/resultater/region?municipality=Testrup');
    expect(testrup.text).toContain('Bostedet Scoringslyst');
    expect(testrup.text).not.toContain('Syntetisk tilbud 0001<');
    expect((await api(t, leader, 'GET', '/resultater/region')).status).toBe(403);

    const csv = await api(t, region, 'GET', '/resultater/region/eksport/csv?municipality=Testrup');
    expect(csv.contentType).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Tilbud;Kommune;Tilbudstype;År;/);
    expect(lines.some((l) => l.startsWith('Bostedet Scoringslyst;Testrup;'))).toBe(true);
    expect(lines.every((l) => l.split(';')[1] === 'Kommune' || l.split(';')[1] === 'Testrup')).toBe(true);

    const res = await fetch(`${t.baseUrl}/resultater/region/eksport/xlsx`, {
      headers: { authorization: `Bearer ${region}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    // a header, our facility, the synthetic region (and any demo facility with a published visit)
    expect(book.worksheets[0].rowCount).toBeGreaterThanOrEqual(14);
  });

  it('a recommendation reported as met leaves the dashboard and the overdue list', async () => {
    const plan = ok(await api(t, region, 'POST', `/api/v1/follow-up/plans/from-visit/${visitId}`), 'plan').json;
    const item = (await api(t, leader, 'GET', `/api/v1/follow-up/plans/${plan.id}`)).json.sections[0].items[0];
    const met = (await api(t, region, 'GET', '/api/v1/follow-up/statuses')).json.items.find(
      (s: { done: boolean; active: boolean }) => s.done && s.active,
    );
    ok(
      await api(t, leader, 'PUT', `/api/v1/follow-up/items/${item.id}/status`, {
        statusId: met.id,
        text: 'Målene står nu i alle handleplaner.',
        version: item.version,
      }),
      'report status',
    );
    expect(openFollowUps((await api(t, leader, 'GET', `/resultater/tilbud/${facilityId}`)).text)).toEqual([
      ['Påbud', 'Hold beboermøder hver måned.', firstStatus],
    ]);
    const overdue = (await api(t, region, 'GET', '/resultater/region/overskredet?municipality=Testrup')).text;
    expect(overdue).not.toContain('Beskriv målene i handleplanerne.');
    expect(overdue).toContain('Hold beboermøder hver måned.');
  });
});
