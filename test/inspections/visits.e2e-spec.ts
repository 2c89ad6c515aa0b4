import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditService } from '#libs/auth';
import { api, Role, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

type Indicator = { id: string; code: string; answer: { version: number } | null };

describe('inspection visits: planning, checklist autosave, four-eyes workflow', () => {
  let t: TestApp;
  let anna: { id: string; token: string };
  let bo: { id: string; token: string };
  let outsider: string;
  let region: string;
  let leader: string;
  let otherLeader: string;
  let facilityId: string;
  let versionId: string;
  let visitId: string;
  let indicators: Indicator[];

  const user = async (role: Role, name: string) => {
    const u = await t.newUser(role, name);
    return { id: u.id, token: await tokenFor(t, u.email) };
  };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    anna = await user(Role.Inspector, 'Anna Andersen');
    bo = await user(Role.Inspector, 'Bo Bech');
    outsider = (await user(Role.Inspector, 'Ulla Udenfor')).token;
    region = (await user(Role.RegionStaff, 'Rita Region')).token;
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', 'tilsyn-demo');
    const facilities = (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items;
    facilityId = facilities[0].id;
    const versions = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items;
    versionId = versions.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    ).id;
  });
  afterAll(() => t.close());

  it('lets an inspector plan a visit against a published model version', async () => {
    expect(versionId).toMatch(/^[0-9a-f-]{36}$/);
    const res = await api(t, anna.token, 'POST', '/api/v1/visits', {
      facilityId,
      kind: 'unannounced',
      plannedDate: '2026-11-20',
      inspectorIds: [anna.id, bo.id],
      modelVersionId: versionId,
      method: 'Interview med leder og to medarbejdere',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: 'draft',
      kind: 'unannounced',
      inspectors: [{ name: 'Anna Andersen' }, { name: 'Bo Bech' }],
    });
    visitId = res.json.id;
  });

  it('refuses bad plans with every field named', async () => {
    const res = await api(t, anna.token, 'POST', '/api/v1/visits', {
      facilityId,
      kind: 'surprise',
      plannedDate: '2026-13-01',
      inspectorIds: [bo.id],
      modelVersionId: versionId,
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'plannedDate']);
    const notSelf = await api(t, anna.token, 'POST', '/api/v1/visits', {
      facilityId,
      kind: 'announced',
      plannedDate: '2026-12-01',
      inspectorIds: [bo.id],
      modelVersionId: versionId,
    });
    expect(notSelf.json.errors).toEqual([expect.objectContaining({ field: 'inspectorIds', rule: 'includesSelf' })]);
  });

  it('shows the visit to its inspectors and region staff only, not to other inspectors or leaders before publication', async () => {
    const res = await api(t, bo.token, 'GET', `/api/v1/visits/${visitId}`);
    expect(res.status).toBe(200);
    indicators = res.json.indicators;
    expect(indicators.length).toBeGreaterThan(10);
    expect((await api(t, region, 'GET', `/api/v1/visits/${visitId}`)).status).toBe(200);
    expect((await api(t, outsider, 'GET', `/api/v1/visits/${visitId}`)).status).toBe(404);
    expect((await api(t, leader, 'GET', `/api/v1/visits/${visitId}`)).status).toBe(404);
    expect((await api(t, leader, 'GET', '/api/v1/visits')).json.items).toEqual([]);
  });

  const save = (token: string, indicatorId: string, body: object) =>
    api(t, token, 'PUT', `/api/v1/visits/${visitId}/answers/${indicatorId}`, body);

  it('autosaves an answer with evidence and bumps its version', async () => {
    const first = await save(anna.token, indicators[0].id, {
      assessment: 'rated',
      rating: 4,
      justification: 'Beboerne fortæller om mål, de selv har sat.',
      version: 0,
      evidence: [
        { source: 'interview_resident', note: 'To beboere' },
        { source: 'documentation', note: 'Handleplaner' },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      rating: 4,
      version: 1,
      evidence: [{ source: 'interview_resident' }, { source: 'documentation' }],
    });
    const second = await save(anna.token, indicators[0].id, {
      assessment: 'rated',
      rating: 5,
      justification: 'Opdateret',
      version: 1,
    });
    expect(second.json).toMatchObject({ rating: 5, version: 2, evidence: [] });
  });

  it('keeps the evidence exactly as last sent, in order, and audits every save with what it was before', async () => {
    const indicator = indicators[10].id;
    const stored = async () =>
      (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[10].answer.evidence.map(
        (e: { source: string; note: string }) => `${e.source}:${e.note}`,
      );
    const sent = [
      [
        { source: 'interview_staff', note: 'Personalemøde om døgnrytme' },
        { source: 'observation', note: 'Fællesspisning' },
        { source: 'documentation', note: 'Pædagogiske planer' },
      ],
      [{ source: 'observation', note: 'Fællesspisning – igen' }],
      [
        { source: 'documentation', note: 'Pædagogiske planer' },
        { source: 'interview_staff', note: 'Personalemøde' },
      ],
      [],
    ];
    for (const [version, evidence] of sent.entries()) {
      const res = await save(anna.token, indicator, {
        assessment: 'rated',
        rating: 3 + (version % 2),
        justification: `Udgave ${version + 1} med æ, ø og å`,
        version,
        evidence,
      });
      expect(res.status).toBe(200);
      expect(await stored()).toEqual(evidence.map((e) => `${e.source}:${e.note}`));
    }
    const trail = await t.app.get(DataSource).query(
      `select e.before, e.after, e.actor_name as actor from audit_event e join visit_answer a on a.id::text = e.entity_id
          where a.visit_id = $1 and a.indicator_id = $2 and e.action = 'visit_answer.saved' order by e.id`,
      [visitId, indicator],
    );
    expect(trail).toHaveLength(4);
    expect(trail[0].before).toBeNull();
    expect(trail[1].before).toMatchObject({ version: 1, rating: 3, evidence: sent[0] });
    expect(trail[3].after).toMatchObject({
      version: 4,
      rating: 4,
      evidence: [],
      justification: 'Udgave 4 med æ, ø og å',
    });
    expect(trail.every((r: { actor: string }) => r.actor === 'Anna Andersen')).toBe(true);
  });

  it('lets exactly one of many simultaneous saves of the same version win, with its evidence whole', async () => {
    const indicator = indicators[11].id;
    const results = await Promise.all(
      ['Anna', 'Bo', 'Anna igen', 'Bo igen'].map((who, i) =>
        save(i % 2 ? bo.token : anna.token, indicator, {
          assessment: 'rated',
          rating: 4,
          justification: `${who} skrev dette`,
          version: 0,
          evidence: [
            { source: 'interview_resident', note: `${who} 1` },
            { source: 'observation', note: `${who} 2` },
          ],
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.json;
    const answer = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[11].answer;
    expect(answer).toMatchObject({ justification: winner.justification, version: 1, evidence: winner.evidence });
  });

  it('answers a stale write with 409 and the stored answer, and keeps the stored one', async () => {
    const stale = await save(bo.token, indicators[0].id, {
      assessment: 'rated',
      rating: 1,
      justification: 'Bos gamle udgave',
      version: 1,
    });
    expect([stale.status, stale.json.type]).toEqual([409, '/problems/stale-version']);
    expect(stale.json.current).toMatchObject({ rating: 5, justification: 'Opdateret', version: 2 });
    expect((await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[0].answer).toMatchObject({
      rating: 5,
    });
  });

  it('lets exactly one of two inspectors create the same first answer', async () => {
    const [a, b] = await Promise.all([
      save(anna.token, indicators[1].id, { assessment: 'rated', rating: 3, justification: 'Annas', version: 0 }),
      save(bo.token, indicators[1].id, { assessment: 'rated', rating: 2, justification: 'Bos', version: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('checks ratings against the model scale, and refuses CPR numbers', async () => {
    const off = await save(anna.token, indicators[2].id, { assessment: 'rated', rating: 7, version: 0 });
    expect(off.json.errors).toEqual([expect.objectContaining({ field: 'rating', rule: 'onScale' })]);
    const both = await save(anna.token, indicators[2].id, { assessment: 'not_relevant', rating: 3, version: 0 });
    expect(both.json.errors).toEqual([expect.objectContaining({ field: 'rating', rule: 'onlyWhenRated' })]);
    const cpr = await save(anna.token, indicators[2].id, {
      assessment: 'not_assessed',
      justification: 'Borger 010190-1234 sagde',
      version: 0,
    });
    expect(cpr.status).toBe(422);
    expect(cpr.json.errors).toEqual([
      { field: 'justification', rule: 'noCpr', message: 'må ikke indeholde et CPR-nummer' },
    ]);
    expect((await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[2].answer).toBeNull();
  });

  it('stores an evidence file with its SHA-256 and refuses other file types', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const form = new FormData();
    form.append('fil', new Blob([png], { type: 'image/png' }), 'foto af opslagstavle i stuen på Ærø.png');
    const res = await fetch(`${t.baseUrl}/api/v1/visits/${visitId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna.token}` },
      body: form,
    });
    const saved = await res.json();
    expect(res.status).toBe(201);
    expect(saved).toMatchObject({
      fileName: 'foto af opslagstavle i stuen på Ærø.png',
      contentType: 'image/png',
      size: png.length,
      sha256: (await import('node:crypto')).createHash('sha256').update(png).digest('hex'),
    });
    const back = await fetch(`${t.baseUrl}/api/v1/visits/${visitId}/attachments/${saved.id}`, {
      headers: { authorization: `Bearer ${bo.token}` },
    });
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);

    const text = new FormData();
    text.append('fil', new Blob(['<script>alert(1)</script>'], { type: 'image/png' }), 'x.png');
    const bad = await fetch(`${t.baseUrl}/api/v1/visits/${visitId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna.token}` },
      body: text,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].rule).toBe('fileType');
  });

  it('stores a checklist photo once per browser key, checked by content, and lets only photos into the report', async () => {
    const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(2048, 7)]);
    const thumb = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(64, 3)]);
    const clientKey = '6f1c3c1e-5f6b-4a53-9a51-3c4d2b1a0e99';
    const send = (photo: Buffer, key = clientKey, token = anna.token) => {
      const form = new FormData();
      form.append('clientKey', key);
      form.append('foto', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'IMG_1.jpg');
      form.append('miniature', new Blob([thumb], { type: 'image/jpeg' }), 'miniature.jpg');
      return fetch(`${t.baseUrl}/api/v1/visits/${visitId}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    };
    const first = await send(jpeg);
    expect(first.status).toBe(201);
    const photo = await first.json();
    expect(photo).toMatchObject({ contentType: 'image/jpeg', size: jpeg.length, fileName: 'IMG_1.jpg' });
    // A retry after a lost answer returns the stored photo instead of a copy
    const again = await send(jpeg);
    expect((await again.json()).id).toBe(photo.id);
    const rows = await t.app
      .get(DataSource)
      .query('select count(*)::int as n from visit_attachment where client_key = $1', [clientKey]);
    expect(rows[0].n).toBe(1);

    const notImage = await send(Buffer.from('%PDF-1.4 not a photo'), '0b9d5d8e-8a3c-4d5e-9f3a-1b2c3d4e5f60');
    expect(notImage.status).toBe(422);
    expect((await notImage.json()).errors).toEqual([
      { field: 'foto', rule: 'fileType', message: 'kun JPEG og PNG kan bruges som foto' },
    ]);
    const tooBig = await send(
      Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024)]),
      '1c9d5d8e-8a3c-4d5e-9f3a-1b2c3d4e5f61',
    );
    expect(tooBig.status).toBe(413);
    expect((await send(jpeg, 'not-a-uuid')).status).toBe(422);
    expect((await send(jpeg, '2c9d5d8e-8a3c-4d5e-9f3a-1b2c3d4e5f62', outsider)).status).toBe(404);

    const pdfForm = new FormData();
    pdfForm.append('fil', new Blob([Buffer.from('%PDF-1.4 referat')], { type: 'application/pdf' }), 'referat.pdf');
    const pdf = await (
      await fetch(`${t.baseUrl}/api/v1/visits/${visitId}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${anna.token}` },
        body: pdfForm,
      })
    ).json();
    const current = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators[10];
    const answer = (inReport: boolean, attachmentId: string) =>
      api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/answers/${current.id}`, {
        assessment: 'rated',
        rating: 3,
        evidence: [
          { source: 'observation', note: 'Køkkenet', attachmentId, inReport },
          { source: 'interview_leader', note: 'Lederen' },
          { source: 'interview_resident', note: 'To beboere' },
        ],
        version: current.answer?.version ?? 0,
      });
    const saved = await answer(true, photo.id);
    expect(saved.status).toBe(200);
    expect(saved.json.evidence).toHaveLength(3);
    expect(saved.json.evidence[0]).toEqual({
      source: 'observation',
      note: 'Køkkenet',
      attachmentId: photo.id,
      inReport: true,
    });
    const notPhoto = await answer(true, pdf.id);
    expect(notPhoto.status).toBe(422);
    expect(notPhoto.json.errors).toEqual([
      { field: 'evidence[0].inReport', rule: 'photo', message: 'kun et foto kan vises i rapporten' },
    ]);
  });

  it('requires an owner and a deadline on orders and recommendations, and links findings to indicators', async () => {
    const noDeadline = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/findings`, {
      kind: 'order',
      text: 'Magtanvendelser skal indberettes',
      indicatorIds: [indicators[0].id],
    });
    expect(noDeadline.json.errors).toEqual([
      expect.objectContaining({
        field: 'deadline',
        rule: 'requiredForFollowUp',
        message: 'et påbud skal have en frist',
      }),
      expect.objectContaining({ field: 'owner', rule: 'requiredForFollowUp' }),
    ]);
    const recommendation = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/findings`, {
      kind: 'recommendation',
      text: 'Inddrag beboerne i handleplanerne',
      owner: 'Afdelingsleder',
      indicatorIds: [],
    });
    expect(recommendation.json.errors).toEqual([
      expect.objectContaining({ field: 'deadline', message: 'en anbefaling skal have en frist' }),
    ]);
    const ok = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/findings`, {
      kind: 'order',
      text: 'Magtanvendelser skal indberettes',
      owner: 'Forstander',
      deadline: '2027-02-01',
      indicatorIds: [indicators[0].id],
    });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ kind: 'order', deadline: '2027-02-01', indicatorIds: [indicators[0].id] });
  });

  it('refuses submission while indicators are unanswered, naming them', async () => {
    const visit = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.visit;
    const res = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/submit`, { version: visit.version });
    expect(res.status).toBe(422);
    expect(res.json.detail).toContain(indicators[3].code);
  });

  it('goes through submit → four-eyes approval → høring → publication, then locks the answers', async () => {
    const current = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.indicators as Indicator[];
    for (const i of current.filter((x) => !x.answer)) {
      expect(
        (await save(anna.token, i.id, { assessment: 'rated', rating: 4, justification: 'Set ved besøget', version: 0 }))
          .status,
      ).toBe(200);
    }
    let visit = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.visit;
    // the written overall assessment and one per theme are part of the checklist, required before submitting
    const unwritten = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/submit`, { version: visit.version });
    expect(unwritten.status).toBe(422);
    expect(unwritten.json.errors).toEqual([
      { field: 'overallAssessment', rule: 'isNotEmpty', message: 'mangler den samlede vurdering' },
      expect.objectContaining({ field: 'themeAssessments', rule: 'isNotEmpty' }),
    ]);
    const themes = (await api(t, anna.token, 'GET', `/api/v1/visits/${visitId}`)).json.themeAssessments as {
      standardId: string;
      code: string;
    }[];
    expect(unwritten.json.errors[1].message).toBe(
      `mangler vurdering af tema ${themes.map((th) => th.code).join(', ')}`,
    );
    const outside = await api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/assessments`, {
      overall: 'Godt.',
      themes: [{ standardId: visitId, text: 'Ikke et tema' }],
    });
    expect(outside.json.errors).toEqual([expect.objectContaining({ field: 'themes[0].standardId', rule: 'inScope' })]);
    const written = await api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/assessments`, {
      overall: '  Tilbuddet har en god kvalitet.\n\nKonklusion: egnet.  ',
      themes: themes.map((th) => ({ standardId: th.standardId, text: `Tema ${th.code} er vurderet ved besøget.` })),
    });
    expect(written.status).toBe(200);
    expect(written.json.overall).toBe('Tilbuddet har en god kvalitet.\n\nKonklusion: egnet.');
    expect((await api(t, region, 'GET', `/api/v1/visits/${visitId}`)).json.visit.overallAssessment).toBe(
      written.json.overall,
    );
    const submitted = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/submit`, { version: visit.version });
    expect(submitted.json.status).toBe('submitted');
    // locked with the rest of the checklist once submitted
    expect(
      (await api(t, anna.token, 'PUT', `/api/v1/visits/${visitId}/assessments`, { overall: 'Ændret' })).status,
    ).toBe(409);

    const closed = await save(anna.token, current[0].id, { assessment: 'rated', rating: 1, version: 2 });
    expect([closed.status, closed.json.type]).toEqual([409, '/problems/visit-not-editable']);
    const selfApproval = await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/approve`, {
      version: submitted.json.version,
    });
    expect([selfApproval.status, selfApproval.json.type]).toEqual([403, '/problems/four-eyes-required']);
    expect(selfApproval.json.detail).toContain('fire øjne');

    const returned = await api(t, bo.token, 'POST', `/api/v1/visits/${visitId}/return`, {
      version: submitted.json.version,
      comment: 'Uddyb begrundelsen for 1a',
    });
    expect(returned.json).toMatchObject({ status: 'returned', returnComment: 'Uddyb begrundelsen for 1a' });
    visit = (await api(t, anna.token, 'POST', `/api/v1/visits/${visitId}/submit`, { version: returned.json.version }))
      .json;
    const approved = await api(t, bo.token, 'POST', `/api/v1/visits/${visitId}/approve`, { version: visit.version });
    expect(approved.json.status).toBe('approved');

    // an approved draft is not the final report: it goes to the facility for partshøring first
    const straight = await api(t, region, 'POST', `/api/v1/visits/${visitId}/publish`, {
      version: approved.json.version,
    });
    expect([straight.status, straight.json.type]).toEqual([409, '/problems/visit-step-refused']);
    expect(straight.json.detail).toBe('Besøget kan ikke offentliggøres, når det har status "Godkendt"');
    const byInspector = await api(t, bo.token, 'POST', `/api/v1/visits/${visitId}/send_for_hearing`, {
      version: approved.json.version,
    });
    expect([byInspector.status, byInspector.json.type]).toEqual([403, '/problems/visit-step-forbidden']);
    expect(byInspector.json.detail).toBe('Kun regionens medarbejdere sender rapporten i høring');
    const sent = await api(t, region, 'POST', `/api/v1/visits/${visitId}/send_for_hearing`, {
      version: approved.json.version,
    });
    expect(sent.json).toMatchObject({ status: 'in_hearing', hearing: { deadline: expect.any(String) } });
    // default deadline: 14 days
    expect(Date.parse(sent.json.hearing.deadline) - Date.parse(sent.json.hearing.sentAt.slice(0, 10))).toBe(
      14 * 86_400_000,
    );

    // the leader reads the draft and answers per theme and overall
    const draft = await api(t, leader, 'GET', `/api/v1/visits/${visitId}`);
    expect(draft.status).toBe(200);
    expect((await api(t, otherLeader, 'GET', `/api/v1/visits/${visitId}`)).status).toBe(404);
    const early = await api(t, region, 'POST', `/api/v1/visits/${visitId}/publish`, { version: sent.json.version });
    expect(early.status).toBe(422);
    expect(early.json.errors).toEqual([expect.objectContaining({ field: 'reason', rule: 'requiredBeforeDeadline' })]);
    const theme = draft.json.indicators[0].standardId;
    const answer = await api(t, leader, 'POST', `/api/v1/visits/${visitId}/hearing-answer`, {
      version: sent.json.version,
      overall: 'Vi er overordnet enige.',
      themes: [{ standardId: theme, text: 'Beboerne har selv sat mål; se handleplanerne.' }],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe('hearing_answered');
    const comments = (await api(t, region, 'GET', `/api/v1/visits/${visitId}/hearing-comments`)).json.items;
    expect(comments.map((c: { subject: string }) => c.subject)).toEqual([
      'Hele udkastet',
      expect.stringMatching(/^Tema 1: /),
    ]);
    const unresolved = await api(t, region, 'POST', `/api/v1/visits/${visitId}/publish`, {
      version: answer.json.version,
    });
    expect(unresolved.json.errors).toEqual([
      expect.objectContaining({
        field: 'outcomes',
        rule: 'allRecorded',
        message: '2 kommentarer mangler en afgørelse',
      }),
    ]);
    // region staff may amend the draft in høring; the inspectors may not
    expect((await save(anna.token, current[0].id, { assessment: 'rated', rating: 5, version: 2 })).status).toBe(409);
    expect(
      (
        await save(region, current[0].id, {
          assessment: 'rated',
          rating: 5,
          justification: 'Rettet efter høring',
          version: 2,
        })
      ).status,
    ).toBe(200);
    for (const [n, c] of comments.entries()) {
      const res = await api(t, region, 'PUT', `/api/v1/visits/${visitId}/hearing-comments/${c.id}`, {
        version: c.version,
        outcome: n ? 'changed' : 'not_changed',
        reason: n ? 'Scoren for 1a er hævet til 5.' : 'Ingen ændring nødvendig.',
      });
      expect(res.json).toMatchObject({ outcome: n ? 'changed' : 'not_changed' });
    }
    const published = await api(t, region, 'POST', `/api/v1/visits/${visitId}/publish`, {
      version: answer.json.version,
    });
    expect(published.json.status).toBe('published');

    const steps: { action: string }[] = await t.app
      .get(DataSource)
      .query(`select action from audit_event where entity_id = $1 and action like 'visit.%' order by id`, [visitId]);
    expect(steps.map((s) => s.action)).toEqual([
      'visit.planned',
      'visit.assessments_saved',
      'visit.submitted',
      'visit.returned',
      'visit.submitted',
      'visit.approved',
      'visit.sent_for_hearing',
      'visit.hearing_answered',
      'visit.published',
    ]);
  });

  it("puts the published visit's orders in the facility's follow-up plan at once, with owner and deadline", async () => {
    const plan = (await api(t, leader, 'GET', `/opfoelgning/besoeg/${visitId}`)).text;
    expect(plan).not.toContain('Ikke i en opfølgningsplan');
    const items: { text: string; owner: string; deadline: string }[] = await t.app.get(DataSource).query(
      `select i.text, i.owner, to_char(i.deadline, 'YYYY-MM-DD') as deadline from follow_up_item i
         join follow_up_section s on s.id = i.section_id join follow_up_plan p on p.id = s.plan_id where p.visit_id = $1`,
      [visitId],
    );
    expect(items).toEqual([{ text: 'Magtanvendelser skal indberettes', owner: 'Forstander', deadline: '2027-02-01' }]);
  });

  it('shows a published visit to the leader of the facility, read-only, and not to other leaders', async () => {
    const res = await api(t, leader, 'GET', `/api/v1/visits/${visitId}`);
    expect(res.status).toBe(200);
    expect(res.json.findings).toHaveLength(1);
    expect((await api(t, otherLeader, 'GET', `/api/v1/visits/${visitId}`)).status).toBe(404);
    expect((await save(leader, indicators[0].id, { assessment: 'rated', rating: 1, version: 2 })).status).toBe(403);
  });

  it('accepts a correction of a published visit only as an amendment with a reason, kept in the audit trail', async () => {
    const without = await save(anna.token, indicators[0].id, {
      assessment: 'rated',
      rating: 4,
      justification: 'Rettet',
      version: 3,
    });
    expect(without.json.errors).toEqual([expect.objectContaining({ field: 'amendmentReason' })]);
    const amended = await save(anna.token, indicators[0].id, {
      assessment: 'rated',
      rating: 4,
      justification: 'Rettet',
      version: 3,
      amendmentReason: 'Tastefejl i scoren',
    });
    expect(amended.json).toMatchObject({ rating: 4, version: 4 });
    const answerEvents: { entity_id: string }[] = await t.app
      .get(DataSource)
      .query(`select entity_id from audit_event where action = 'visit_answer.amended'`);
    expect(answerEvents).toHaveLength(1);
    const trail = await t.run(() => t.app.get(AuditService).history('visit_answer', answerEvents[0].entity_id));
    expect(trail.map((e) => e.action)).toEqual([
      'visit_answer.saved',
      'visit_answer.saved',
      'visit_answer.saved', // region staff's amendment during høring
      'visit_answer.amended',
    ]);
    expect(trail[3]).toMatchObject({
      actorName: 'Anna Andersen',
      before: expect.objectContaining({ rating: 5 }),
      after: expect.objectContaining({ rating: 4, amendmentReason: 'Tastefejl i scoren' }),
    });
  });
});
