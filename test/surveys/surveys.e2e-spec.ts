import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { today as danishToday } from '#libs/core';
import { DEMO_PASSWORD } from '#libs/demo';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

const UNUSABLE = 'Koden kan ikke bruges. Tjek, at du har skrevet den rigtigt. Hver kode kan kun bruges én gang.';

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('satisfaction surveys: rounds, anonymous single-use answers, suppressed results', () => {
  let t: TestApp;
  let db: DataSource;
  let region: string;
  let inspector: string;
  let leader: string;
  let otherLeader: string;
  const facility: Record<string, string> = {};
  let versionId: string;
  const today = danishToday();
  const period = { periodStart: today, periodEnd: addDays(today, 30) };

  const start = async (facilityId: string, extra: object = {}) => {
    const res = await api(t, region, 'POST', '/api/v1/survey-rounds', {
      facilityId,
      questionnaireKey: 'beboere',
      modelVersionId: versionId,
      ...period,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.json as { id: string; version: number };
  };
  const issue = async (roundId: string, count: number, unit?: string): Promise<string[]> => {
    const res = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/invitations`, { count, unit });
    expect(res.status).toBe(201);
    return res.json.codes;
  };
  const submit = (code: string, answers: object) =>
    api(t, undefined, 'POST', '/api/v1/survey-responses', { code, answers });
  const results = async (roundId: string, token = region) =>
    (await api(t, token, 'GET', `/api/v1/survey-rounds/${roundId}/results`)).json;
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].count);

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    db = t.app.get(DataSource);
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    inspector = await tokenFor(t, 'inspektor@tilsyn.demo', DEMO_PASSWORD);
    leader = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', DEMO_PASSWORD);
    for (const f of (await api(t, region, 'GET', '/api/v1/facilities')).json.items)
      facility[f.name.split(' ')[1]] = f.id;
    versionId = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    ).id;
  });
  afterAll(() => t.close());

  it('offers the residents and relatives questionnaires', async () => {
    const res = await api(t, inspector, 'GET', '/api/v1/survey-questionnaires');
    expect(res.json.items).toEqual([
      expect.objectContaining({ key: 'beboere', audience: 'residents', questions: 15 }),
      expect.objectContaining({ key: 'paaroerende', audience: 'relatives' }),
    ]);
  });

  it('starts a round with every question mapped to indicators of the published version', async () => {
    const round = await start(facility.Lærkereden);
    expect(round).toMatchObject({
      status: 'open',
      invited: 0,
      responded: 0,
      responseRate: null,
      facility: { name: 'Bostedet Lærkereden', units: ['Hus Vest', 'Hus Øst'] },
    });
    const mapped: { code: string; version_id: string }[] = await db.query(
      `select i.code, i.version_id from survey_round r, jsonb_array_elements(r.questionnaire->'questions') q, jsonb_array_elements(q->'indicators') x
         join quality_indicator i on i.id = (x->>'id')::uuid where r.id = $1`,
      [round.id],
    );
    expect(new Set(mapped.map((m) => m.version_id))).toEqual(new Set([versionId]));
    expect(mapped.map((m) => m.code)).toEqual(expect.arrayContaining(['4a', '4b', '5a', '2c', '11a']));
  });

  it('refuses a bad round with every field named, and a second round within 2 years unless confirmed', async () => {
    const bad = await api(t, region, 'POST', '/api/v1/survey-rounds', {
      facilityId: facility.Kløverengen,
      questionnaireKey: 'ukendt',
      modelVersionId: versionId,
      periodStart: today,
      periodEnd: addDays(today, -1),
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['periodEnd', 'questionnaireKey']);

    await start(facility.Kløverengen);
    const again = await api(t, region, 'POST', '/api/v1/survey-rounds', {
      facilityId: facility.Kløverengen,
      questionnaireKey: 'beboere',
      modelVersionId: versionId,
      ...period,
    });
    expect(again.status).toBe(422);
    expect(again.json.errors).toEqual([expect.objectContaining({ field: 'confirmRecent', rule: 'recentRound' })]);
    expect(again.json.detail).toContain('2–3 år');
    await start(facility.Kløverengen, { confirmRecent: true });
    // another questionnaire is another series
    await start(facility.Kløverengen, { questionnaireKey: 'paaroerende' });
  });

  it('lets only region staff start rounds and print invitations', async () => {
    const body = { facilityId: facility.Søhøj, questionnaireKey: 'beboere', modelVersionId: versionId, ...period };
    expect((await api(t, inspector, 'POST', '/api/v1/survey-rounds', body)).status).toBe(403);
    expect((await api(t, otherLeader, 'POST', '/api/v1/survey-rounds', body)).status).toBe(403);
    const round = await start(facility.Søhøj);
    expect(
      (await api(t, otherLeader, 'POST', `/api/v1/survey-rounds/${round.id}/invitations`, { count: 2 })).status,
    ).toBe(403);
  });

  it('issues single-use codes that are stored only as hashes and never audited', async () => {
    const round = await start(facility.Åbrinken);
    const codes = await issue(round.id, 3);
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const everything =
      JSON.stringify(await db.query(`select * from survey_invitation`)) +
      JSON.stringify(await db.query(`select * from audit_event`));
    for (const c of codes) {
      expect(everything).not.toContain(c);
      expect(everything).not.toContain(c.replace('-', ''));
    }
    expect(
      (
        await db.query(`select after from audit_event where action = 'survey_invitations.issued' and entity_id = $1`, [
          round.id,
        ])
      )[0].after,
    ).toEqual({ count: 3, unit: null, batchId: expect.any(String), batchNumber: 1 });
    const unit = await api(t, region, 'POST', `/api/v1/survey-rounds/${round.id}/invitations`, {
      count: 1,
      unit: 'Hus Nord',
    });
    expect(unit.json.errors).toEqual([expect.objectContaining({ field: 'unit' })]);
  });

  describe('answering', () => {
    let roundId: string;
    let codes: string[];

    beforeAll(async () => {
      roundId = (await api(t, region, 'GET', `/api/v1/survey-rounds?facilityId=${facility.Lærkereden}`)).json.items[0]
        .id;
      codes = [...(await issue(roundId, 6, 'Hus Vest')), ...(await issue(roundId, 3, 'Hus Øst'))];
    });

    it('opens the questionnaire with a code typed any way, keeps a draft and resumes it', async () => {
      const typed = codes[0].toLowerCase().replace('-', ' ');
      const open = await api(t, undefined, 'POST', '/api/v1/survey-responses/open', { code: typed });
      expect(open.status).toBe(200);
      expect(open.json).toMatchObject({
        facilityName: 'Bostedet Lærkereden',
        title: 'Hvordan har du det, hvor du bor?',
        answers: {},
      });
      expect(open.json.questions).toHaveLength(15);
      expect(open.json.questions[0]).not.toHaveProperty('indicators');

      expect(
        (
          await api(t, undefined, 'PUT', '/api/v1/survey-responses/draft', {
            code: typed,
            answers: { B01: 4, B10: 'yes', B15: 'Haven er dejlig' },
          })
        ).status,
      ).toBe(204);
      const resumed = await api(t, undefined, 'POST', '/api/v1/survey-responses/open', { code: codes[0] });
      expect(resumed.json.answers).toEqual({
        B01: { score: 4 },
        B10: { choice: 'yes' },
        B15: { text: 'Haven er dejlig' },
      });

      const cpr = await api(t, undefined, 'PUT', '/api/v1/survey-responses/draft', {
        code: codes[0],
        answers: { B15: 'Mit cpr er 010190-1234' },
      });
      expect(cpr.status).toBe(422);
      expect(cpr.json.errors).toEqual([expect.objectContaining({ field: 'q_B15', rule: 'noCpr' })]);
      const wrong = await api(t, undefined, 'PUT', '/api/v1/survey-responses/draft', {
        code: codes[0],
        answers: { B01: 6, B10: 'måske', X99: 1 },
      });
      expect(wrong.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['q_B01', 'q_B10', 'q_X99']);
    });

    it('refuses an unknown code in Danish', async () => {
      const res = await api(t, undefined, 'POST', '/api/v1/survey-responses/open', { code: 'AAAAA-AAAAA' });
      expect(res.status).toBe(422);
      expect(res.json.detail).toBe(UNUSABLE);
      expect(res.json.errors).toEqual([{ field: 'kode', rule: 'usable', message: UNUSABLE }]);
    });

    it('takes one submission per code: a second gets the answer an unknown code gets, and stores nothing', async () => {
      const answers = { B01: 5, B02: 4, B08: 'dont_know', B10: 'yes', B14: 5, B15: 'Haven er dejlig' };
      expect((await submit(codes[0], answers)).status).toBe(201);
      const again = await submit(codes[0], answers);
      expect(again.status).toBe(422);
      expect(again.json.detail).toBe(UNUSABLE);
      expect(again.json.errors).toEqual([{ field: 'kode', rule: 'usable', message: UNUSABLE }]);
      expect(await count(`select count(*) from survey_response where round_id = $1`, [roundId])).toBe(1);
      expect(await count(`select count(*) from survey_draft`)).toBe(0);
      expect((await api(t, undefined, 'POST', '/api/v1/survey-responses/open', { code: codes[0] })).status).toBe(422);
      expect((await submit(codes[1], {})).json.errors).toEqual([expect.objectContaining({ rule: 'atLeastOne' })]);
    });

    it('stores one submission when the same code is sent several times at once (double-click)', async () => {
      const all = await Promise.all(
        Array.from({ length: 4 }, () => submit(codes[1], { B01: 4, B02: 5, B10: 'no', B14: 4, B15: 'God mad' })),
      );
      expect(all.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
      expect(await count(`select count(*) from survey_response where round_id = $1`, [roundId])).toBe(2);
      expect(
        await count(
          `select count(*) from survey_answer a join survey_response r on r.id = a.response_id where r.round_id = $1`,
          [roundId],
        ),
      ).toBe(11);
    });

    it('shows no figure while fewer than 5 have answered, and no export', async () => {
      await submit(codes[2], { B01: 3, B02: 3, B10: 'dont_know', B15: 'Larm om natten' });
      await submit(codes[3], { B01: 4, B02: 4, B10: 'yes', B14: 3 });
      const r = await results(roundId);
      expect(r.round).toMatchObject({ invited: 9, responded: 4, responseRate: 0.444 });
      expect(r.results).toEqual({ respondents: 4, shown: false, questions: [], indicators: [], breakdowns: [] });
      const csv = await api(t, region, 'GET', `/api/v1/survey-rounds/${roundId}/export/csv`);
      expect(csv.status).toBe(409);
      expect(csv.json.detail).toContain('mindst 5');
    });

    it('staff enter an interview and a paper form with the respondent code, marked as such', async () => {
      const other = (await api(t, region, 'GET', `/api/v1/survey-rounds?facilityId=${facility.Åbrinken}`)).json.items[0]
        .id;
      const foreign = await issue(other, 1);
      const wrongRound = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/responses`, {
        mode: 'paper',
        code: foreign[0],
        answers: { B01: 2 },
      });
      expect(wrongRound.status).toBe(422);
      expect(
        (
          await api(t, inspector, 'POST', `/api/v1/survey-rounds/${roundId}/responses`, {
            mode: 'paper',
            code: codes[6],
            answers: { B01: 2 },
          })
        ).status,
      ).toBe(403);
      const paper = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/responses`, {
        mode: 'paper',
        code: codes[6],
        answers: { B01: 2, B02: 2, B10: 'no', B15: 'Savner min hund' },
      });
      expect(paper.status).toBe(201);
      const interview = await api(t, region, 'POST', `/api/v1/survey-rounds/${roundId}/responses`, {
        mode: 'interview',
        code: codes[7],
        answers: { B01: 5, B02: 5, B10: 'yes', B15: 'Alt er godt' },
      });
      expect(interview.status).toBe(201);
      expect(
        await db.query(
          `select mode, unit, count(*)::int from survey_response where round_id = $1 group by mode, unit order by mode, unit`,
          [roundId],
        ),
      ).toEqual([
        { mode: 'interview', unit: 'Hus Øst', count: 1 },
        { mode: 'paper', unit: 'Hus Øst', count: 1 },
        { mode: 'web', unit: 'Hus Vest', count: 4 },
      ]);
      // the code is spent: the respondent cannot also answer on the web
      expect((await submit(codes[6], { B01: 5 })).status).toBe(422);
    });

    it('leaves nothing that joins a used code to its answers', async () => {
      const columns = async (table: string) =>
        (await db.query(
          `select column_name, data_type from information_schema.columns where table_name = $1 order by ordinal_position`,
          [table],
        )) as { column_name: string; data_type: string }[];
      expect((await columns('survey_response')).map((c) => c.column_name)).toEqual(['id', 'round_id', 'mode', 'unit']);
      expect((await columns('survey_answer')).map((c) => c.column_name)).toEqual([
        'response_id',
        'question_code',
        'score',
        'choice',
        'text',
      ]);
      for (const c of [...(await columns('survey_response')), ...(await columns('survey_answer'))])
        expect(c.data_type).not.toMatch(/time|date/);
      expect((await columns('survey_invitation')).map((c) => c.column_name)).toEqual([
        'id',
        'round_id',
        'code_hash',
        'unit',
        'used',
        'batch_id',
        'position',
      ]);
      // a used code leaves its letters batch: which letter was answered is not kept either
      expect(
        await db.query(
          `select count(*)::int as n from survey_invitation where used and (batch_id is not null or position is not null)`,
        ),
      ).toEqual([{ n: 0 }]);
      expect((await db.query(`select count(*)::int as n from survey_invitation where used`))[0].n).toBeGreaterThan(0);
      const links = await db.query(
        `select conrelid::regclass::text as source, confrelid::regclass::text as target from pg_constraint
          where contype = 'f' and (conrelid::regclass::text like 'survey_%' or confrelid::regclass::text like 'survey_%')`,
      );
      expect(
        links.filter(
          (l: { source: string; target: string }) =>
            [l.source, l.target].sort().join() === 'survey_invitation,survey_response',
        ),
      ).toEqual([]);
      expect(
        links
          .filter((l: { source: string; target: string }) => l.source === 'survey_answer')
          .map((l: { target: string }) => l.target),
      ).toEqual(['survey_response']);

      // Same transaction, same xmin: the restamp must have rewritten every used invitation since. It
      // runs after the respondent's answer is acknowledged, so it is waited for (a few seconds at most).
      const linked = () => count(`select count(*) from survey_invitation i join survey_response r on r.xmin = i.xmin`);
      for (const deadline = Date.now() + 10_000; (await linked()) > 0 && Date.now() < deadline; )
        await new Promise((r) => setTimeout(r, 50));
      expect(await linked()).toBe(0);
      expect(await count(`select count(*) from survey_invitation i join survey_answer a on a.xmin = i.xmin`)).toBe(0);
      expect(
        await count(`select count(distinct xmin::text) from survey_invitation where round_id = $1 and used`, [roundId]),
      ).toBe(1);
      expect(await count(`select count(*) from survey_invitation i join survey_response r on r.id = i.id`)).toBe(0);
    });

    it('shows figures from 5 respondents, per question, indicator and breakdown only where at least 5 answered', async () => {
      await submit(codes[4], { B01: 5, B02: 5, B10: 'yes', B15: 'Søde medarbejdere' });
      const { results: r, round } = await results(roundId);
      expect(round.responded).toBe(7);
      expect(r.shown).toBe(true);
      const q = (code: string) => r.questions.find((x: { code: string }) => x.code === code);
      // B01: 5, 4, 3, 4, 2, 5, 5
      expect(q('B01')).toMatchObject({ n: 7, suppressed: false, mean: 4 });
      expect(q('B01').options.map((o: { count: number }) => o.count)).toEqual([0, 1, 1, 2, 3, 0]);
      // B10: yes, no, dont_know, yes, no, yes, yes
      expect(q('B10')).toMatchObject({ n: 7, yesShare: 0.6667 });
      // only 3 answered B14, 1 answered B08
      expect(q('B14')).toMatchObject({ n: null, suppressed: true, mean: null, options: [] });
      expect(q('B08')).toMatchObject({ suppressed: true });
      // six wrote something: shown, alphabetically (not in the order they came)
      expect(q('B15')).toMatchObject({
        suppressed: false,
        texts: ['Alt er godt', 'God mad', 'Haven er dejlig', 'Larm om natten', 'Savner min hund', 'Søde medarbejdere'],
      });

      const ind = (code: string) => r.indicators.find((x: { code: string }) => x.code === code);
      // 2c is only B10: yes=5, no=1 over the six ja/nej answers → (4·5 + 2·1) / 6
      expect(ind('2c')).toMatchObject({ n: 6, mean: 3.67, score: 3.67 });
      // 5a: B01, B08 (ved ikke: left out), B14 over seven respondents
      expect(ind('5a')).toMatchObject({ n: 7, suppressed: false, mean: 4, score: 4 });
      expect(ind('11c')).toMatchObject({ suppressed: true, mean: null });

      // web 5, interview 1, paper 1: the small ones are hidden, and web too, or the other two together could be worked out
      const byMode = r.breakdowns.find((b: { dimension: string }) => b.dimension === 'mode');
      expect(byMode.categories.map((c: { n: number | null }) => c.n)).toEqual([null, null, null]);
      expect(
        byMode.rows.every((row: { cells: { mean: number | null }[] }) => row.cells.every((c) => c.mean === null)),
      ).toBe(true);
      // Hus Vest 5, Hus Øst 2
      const byUnit = r.breakdowns.find((b: { dimension: string }) => b.dimension === 'unit');
      expect(byUnit.categories).toEqual([
        expect.objectContaining({ label: 'Hus Vest', n: null, suppressed: true }),
        expect.objectContaining({ label: 'Hus Øst', n: null, suppressed: true }),
      ]);
    });

    it('exports the anonymous answers as CSV and XLSX, in no telling order, without small groups', async () => {
      const res = await fetch(`${t.baseUrl}/api/v1/survey-rounds/${roundId}/export/csv`, {
        headers: { authorization: `Bearer ${leader}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('.csv');
      const rows: string[][] = parse(await res.text(), { delimiter: ';', bom: true });
      expect(rows[0].slice(0, 4)).toEqual([
        'Svar nr.',
        'Svarform',
        'Afdeling',
        'B01 Hvordan har du det med at bo her?',
      ]);
      expect(rows).toHaveLength(8);
      expect(new Set(rows.slice(1).map((r) => r[1] + r[2]))).toEqual(new Set(['']));
      expect(rows.flat().join()).toContain('Søde medarbejdere');
      for (const c of codes) expect(rows.flat().join()).not.toContain(c.slice(0, 5));

      const xlsx = await fetch(`${t.baseUrl}/api/v1/survey-rounds/${roundId}/export/xlsx`, {
        headers: { authorization: `Bearer ${inspector}` },
      });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      expect(book.getWorksheet('Svar')!.rowCount).toBe(8);
    });

    it('shows results to region staff, inspectors and the facility leader only, 404 to other leaders', async () => {
      expect((await api(t, leader, 'GET', `/api/v1/survey-rounds/${roundId}/results`)).status).toBe(200);
      expect((await api(t, inspector, 'GET', `/api/v1/survey-rounds/${roundId}/results`)).status).toBe(200);
      expect((await api(t, otherLeader, 'GET', `/api/v1/survey-rounds/${roundId}/results`)).status).toBe(404);
      expect((await api(t, otherLeader, 'GET', `/api/v1/survey-rounds/${roundId}/export/csv`)).status).toBe(404);
      expect(
        (await api(t, otherLeader, 'GET', '/api/v1/survey-rounds')).json.items.map(
          (r: { facilityName: string }) => r.facilityName,
        ),
      ).toEqual(['Bofællesskabet Søhøj']);
      const page = await fetch(`${t.baseUrl}/undersoegelser/${roundId}`, {
        headers: { authorization: `Bearer ${otherLeader}`, accept: 'text/html' },
      });
      expect(page.status).toBe(404);
      expect((await api(t, leader, 'POST', `/api/v1/survey-rounds/${roundId}/close`, { version: 1 })).status).toBe(403);
    });

    it('compares with the previous round and the region (three facilities or more, no free text)', async () => {
      // the round above becomes last cycle's; a new one runs now, and two neighbours run alongside
      await db.query(
        `update survey_round set period_start = '2023-09-01', period_end = '2023-10-31', status = 'closed' where id = $1`,
        [roundId],
      );
      const current = await start(facility.Lærkereden);
      for (const code of await issue(current.id, 5))
        expect((await submit(code, { B01: 2, B10: 'no' })).status).toBe(201);
      const neighbour = (await api(t, region, 'GET', `/api/v1/survey-rounds?facilityId=${facility.Søhøj}`)).json
        .items[0].id;
      for (const code of await issue(neighbour, 5))
        expect((await submit(code, { B01: 5, B10: 'yes', B15: 'Søhøj er et godt sted' })).status).toBe(201);
      // two neighbours are not yet a region: one could be worked out from the other
      expect((await results(current.id)).region).toBeNull();
      const third = (await api(t, region, 'GET', `/api/v1/survey-rounds?facilityId=${facility.Åbrinken}`)).json.items[0]
        .id;
      for (const code of await issue(third, 5)) expect((await submit(code, { B01: 3, B10: 'yes' })).status).toBe(201);

      const r = await results(current.id);
      expect(r.previous).toMatchObject({ id: roundId, periodStart: '2023-09-01' });
      expect(r.previous.results.questions.find((q: { code: string }) => q.code === 'B01').mean).toBe(4);
      expect(r.region.rounds).toBe(3);
      expect(r.region.results.questions.find((q: { code: string }) => q.code === 'B01').mean).toBe(3.33);
      expect(r.region.results.indicators.find((i: { code: string }) => i.code === '2c')).toMatchObject({
        n: 15,
        mean: 3.67,
      });
      // other facilities' comments stay on their own pages
      expect(r.region.results.questions.find((q: { code: string }) => q.code === 'B15')).toMatchObject({
        suppressed: false,
        texts: [],
      });
      expect(r.region.results.breakdowns).toEqual([]);
      expect((await results(neighbour)).region.rounds).toBe(3);
    });
  });

  it('withdraws an unused code (a lost letter) so it no longer answers or counts as invited; a used code stays', async () => {
    const round = await start(facility.Søhøj, { confirmRecent: true, questionnaireKey: 'paaroerende' });
    const [lost, answered] = await issue(round.id, 2);
    expect((await submit(answered, { P01: 4 })).status).toBe(201);
    await api(t, undefined, 'PUT', '/api/v1/survey-responses/draft', { code: lost, answers: { P01: 2 } });
    const cancel = (code: string, token = region) =>
      api(t, token, 'POST', `/api/v1/survey-rounds/${round.id}/invitations/cancel`, { code });
    expect((await cancel(lost, otherLeader)).status).toBe(403);
    expect((await cancel(answered)).status).toBe(409);
    const unknown = await cancel('AAAAA-AAAAA');
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ field: 'code', rule: 'exists' })]);
    const done = await cancel(lost.toLowerCase().replace('-', ' ')); // typed as read from the letter
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ invited: 1, responded: 1 });
    const refused = await submit(lost, { P01: 2 });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toBe(UNUSABLE);
    expect(
      await count(
        `select count(*) from survey_draft d join survey_invitation i on i.code_hash = d.code_hash where i.round_id = $1`,
        [round.id],
      ),
    ).toBe(0);
    expect(
      (
        await db.query(
          `select after from audit_event where action = 'survey_invitation.cancelled' and entity_id = $1`,
          [round.id],
        )
      )[0].after,
    ).toEqual({ invited: 1 });
  });

  it('stops answers and deletes drafts when the round is closed', async () => {
    const round = await start(facility.Kløverengen, { confirmRecent: true, questionnaireKey: 'paaroerende' });
    const [code] = await issue(round.id, 1);
    await api(t, undefined, 'PUT', '/api/v1/survey-responses/draft', { code, answers: { P01: 4 } });
    expect(await count(`select count(*) from survey_draft`)).toBe(1);
    const stale = await api(t, region, 'POST', `/api/v1/survey-rounds/${round.id}/close`, { version: 99 });
    expect(stale.status).toBe(409);
    const closed = await api(t, region, 'POST', `/api/v1/survey-rounds/${round.id}/close`, { version: round.version });
    expect(closed.json.status).toBe('closed');
    expect(await count(`select count(*) from survey_draft`)).toBe(0);
    const late = await submit(code, { P01: 4 });
    expect(late.status).toBe(409);
    expect(late.json.detail).toContain('Undersøgelsen er slut');
    expect((await api(t, region, 'POST', `/api/v1/survey-rounds/${round.id}/invitations`, { count: 1 })).status).toBe(
      409,
    );
  });

  it('lets many respondents behind one address answer at the same time', async () => {
    const round = (await api(t, region, 'GET', `/api/v1/survey-rounds?facilityId=${facility.Åbrinken}`)).json.items[0];
    const codes = await issue(round.id, 40);
    const all = await Promise.all(codes.map((code) => submit(code, { B01: 4 })));
    expect(all.every((r) => r.status === 201)).toBe(true);
  });

  it('slows down guessing: after 20 refused codes a minute, 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await api(t, undefined, 'POST', '/api/v1/survey-responses/open', {
            code: `ZZZZZ-ZZZ${String(i).padStart(2, '0')}`,
          })
        ).status,
      );
    expect(statuses[0]).toBe(422);
    expect(statuses.at(-1)).toBe(429);
  });
});
