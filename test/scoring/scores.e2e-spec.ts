import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '#libs/demo';
import { ScoresRepository, ScoringService, SyntheticRegion } from '#libs/scoring';
import { api, Role, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { createServerApp } from '../../apps/server/src/server-app.js';

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

  const ok = <T extends { status: number; text: string }>(res: T, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };
  const allFacilities = async () => ((await api(t, region, 'GET', '/api/v1/facilities')).json as { id: string }[]).map((f) => f.id);
  const storedEqualsRecomputed = async () => {
    const ids = await allFacilities();
    const [stored, recomputed] = await t.run(() => Promise.all([t.app.get(ScoresRepository).stored(ids), t.app.get(ScoringService).compute(ids)]));
    const key = (s: { facilityId: string; period: number; nodeId: string }) => `${s.facilityId}|${s.period}|${s.nodeId}`;
    const sorted = <T extends { facilityId: string; period: number; nodeId: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(stored.length).toBeGreaterThan(0);
    expect(sorted(stored)).toEqual(sorted(recomputed).map((r) => ({ ...r, score: expect.closeTo(r.score, 9) })));
    return stored;
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
    versionId = (await api(t, region, 'GET', '/api/v1/quality-models')).json.find((v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published').id;
  });
  afterAll(() => t?.close());

  it('stores scores in the transaction that publishes a visit', async () => {
    const visit = ok(await api(t, anna.token, 'POST', '/api/v1/visits', { facilityId, kind: 'announced', plannedDate: '2025-05-12', inspectorIds: [anna.id, bo.id], modelVersionId: versionId }), 'plan').json;
    visitId = visit.id;
    indicators = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators;
    for (const [n, i] of indicators.entries()) {
      const body = n === 1
        ? { assessment: 'not_relevant', version: 0 }
        : { assessment: 'rated', rating: n === 0 ? 2 : 4, version: 0, justification: `Beboerne fortæller om praksis for ${i.code}.`, evidence: [{ source: 'interview_resident', note: 'Fire beboere' }] };
      ok(await api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/answers/${i.id}`, body), `answer ${i.code}`);
    }
    ok(await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/findings`, { kind: 'recommendation', text: 'Beskriv målene i handleplanerne.', deadline: '2025-09-01', indicatorIds: [indicators[0].id] }), 'finding');
    const submitted = ok(await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/submit`, { version: visit.version }), 'submit').json;
    const approved = ok(await api(t, bo.token, 'POST', `/api/v1/visits/${visitId}/approve`, { version: submitted.version }), 'approve').json;
    expect(await t.run(() => t.app.get(ScoresRepository).stored([facilityId]))).toEqual([]);
    ok(await api(t, bo.token, 'POST', `/api/v1/visits/${visitId}/publish`, { version: approved.version }), 'publish');

    const stored = await storedEqualsRecomputed();
    expect(stored.find((s) => s.nodeId === indicators[0].id)).toMatchObject({ level: 'indicator', period: 2025, score: 2, light: 'red', visitScore: 2 });
    expect(stored.some((s) => s.nodeId === indicators[1].id)).toBe(false);
    expect(stored.find((s) => s.level === 'overall')).toMatchObject({ modelVersionId: versionId, period: 2025 });
  });

  it('refreshes the stored scores when a published answer is amended', async () => {
    const before = (await t.run(() => t.app.get(ScoresRepository).stored([facilityId]))).find((s) => s.level === 'overall')!.score;
    const answer = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[0].answer;
    ok(await api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/answers/${indicators[0].id}`, { assessment: 'rated', rating: 5, version: answer.version, justification: 'Rettet efter høring.', evidence: [{ source: 'interview_resident', note: 'To beboere' }], amendmentReason: 'Fejl i scoren' }), 'amend');
    const stored = await storedEqualsRecomputed();
    expect(stored.find((s) => s.nodeId === indicators[0].id)).toMatchObject({ score: 5, light: 'green' });
    expect(stored.find((s) => s.level === 'overall')!.score).toBeGreaterThan(before);
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
    expect(page.text).toContain('Beskriv målene i handleplanerne.');
    expect((await api(t, otherLeader, 'GET', `/resultater/tilbud/${facilityId}`)).status).toBe(404);
    expect((await api(t, otherLeader, 'GET', `/resultater/tilbud/${facilityId}/indikatorer/${indicators[0].id}`)).status).toBe(404);
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
    expect((await api(t, region, 'GET', '/resultater/region/overskredet?municipality=Randers')).text).not.toContain('Beskriv målene i handleplanerne.');
    const testrup = await api(t, region, 'GET', '/resultater/region?municipality=Testrup');
    expect(testrup.text).toContain('Bostedet Scoringslyst');
    expect(testrup.text).not.toContain('Syntetisk tilbud 0001<');
    expect((await api(t, leader, 'GET', '/resultater/region')).status).toBe(403);

    const csv = await api(t, region, 'GET', '/resultater/region/eksport/csv?municipality=Testrup');
    expect(csv.contentType).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Tilbud;Kommune;Tilbudstype;År;/);
    expect(lines.some((l) => l.startsWith('Bostedet Scoringslyst;Testrup;'))).toBe(true);
    expect(lines.every((l) => l.split(';')[1] === 'Kommune' || l.split(';')[1] === 'Testrup')).toBe(true);

    const res = await fetch(`${t.baseUrl}/resultater/region/eksport/xlsx`, { headers: { authorization: `Bearer ${region}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    // a header, our facility, the synthetic region (and any demo facility with a published visit)
    expect(book.worksheets[0].rowCount).toBeGreaterThanOrEqual(14);
  });
});
