import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { setClock } from '#libs/core';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { pdfFacts } from '../reporting/pdf-facts.js';
import { publishedVisit, type Team, team } from '../reporting/published-visit.js';

const PLAN_CSV =
  'afsnit;afsnitstitel;nr;anbefaling;frist;ansvarlig\n' +
  '1.1;Fysiske rammer;1;<script>alert(1)</script> Fællesstuen gøres tilgængelig;1-1-2020;Forstander\n' +
  '1.1;Fysiske rammer;2;Haven får belysning;2027-06-01;Pedel\n' +
  '1.2;Kompetencer;1;Kursus i magtanvendelse for alle;;Souschef\n';

/** The name a browser saves a download under (RFC 5987 filename*). */
const savedAs = (res: Response) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '');

describe('follow-up of recommendations: plans, status, reports, agreements', () => {
  let t: TestApp;
  let crew: Team;
  let leader: string;
  let otherLeader: string;
  let planId: string;
  let excelPlanId: string;
  let items: { id: string; number: string; sectionNumber: string; version: number }[];
  let statuses: { id: string; label: string; done: boolean }[];

  const upload = async (token: string, body: Record<string, string>, file: { name: string; data: BlobPart }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(body)) form.append(k, v);
    form.append('fil', new Blob([file.data]), file.name);
    const res = await fetch(`${t.baseUrl}/api/v1/follow-up/plans/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, json: await res.json() };
  };
  const statusId = (label: string) => statuses.find((s) => s.label === label)!.id;
  const item = (section: string, number: string) =>
    items.find((i) => i.sectionNumber === section && i.number === number)!;
  const download = (token: string, path: string) =>
    fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
    otherLeader = await tokenFor(t, 'leder2@tilsyn.demo', 'tilsyn-demo');
    statuses = (await api(t, leader, 'GET', '/api/v1/follow-up/statuses')).json.items;
  });
  afterAll(() => t.close());

  it('ships the status list with only imødekommet counting as met', () => {
    expect(statuses.map((s) => s.label)).toEqual([
      'ikke påbegyndt',
      'vurderes',
      'planlagt',
      'delvist planlagt',
      'i gang',
      'delvist imødekommet',
      'imødekommet',
      'imødekommes løbende',
    ]);
    expect(statuses.filter((s) => s.done).map((s) => s.label)).toEqual(['imødekommet']);
  });

  it('imports a plan all-or-nothing, with every error by row and column', async () => {
    const bad = await upload(
      crew.region,
      { facilityId: crew.facilityId, title: 'Opfølgningsplan 2026' },
      { name: 'plan.csv', data: `${PLAN_CSV}1.2;Andet;1;;32-13-2027;\n` },
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual([
      'række 5, anbefaling',
      'række 5, frist',
      'række 5, afsnitstitel',
      'række 5, nr',
    ]);
    expect((await api(t, crew.region, 'GET', '/api/v1/follow-up/plans')).json.items).toEqual([]);

    expect(
      (await upload(leader, { facilityId: crew.facilityId, title: 'x' }, { name: 'plan.csv', data: PLAN_CSV })).status,
    ).toBe(403);
    const ok = await upload(
      crew.region,
      { facilityId: crew.facilityId, title: 'Opfølgningsplan 2026' },
      { name: 'plan.csv', data: PLAN_CSV },
    );
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ sections: 2, items: 3 });
    planId = ok.json.id;
    const plan = (await api(t, leader, 'GET', `/api/v1/follow-up/plans/${planId}`)).json;
    expect(plan.sections.map((s: { number: string; title: string }) => `${s.number} ${s.title}`)).toEqual([
      '1.1 Fysiske rammer',
      '1.2 Kompetencer',
    ]);
    items = plan.sections.flatMap((s: { items: unknown[] }) => s.items);
    expect(items.every((i) => (i as unknown as { statusLabel: string }).statusLabel === 'ikke påbegyndt')).toBe(true);
  });

  it('imports the same plan from an Excel sheet', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Plan').addRows(
      PLAN_CSV.trim()
        .split('\n')
        .map((line) => line.split(';')),
    );
    const res = await upload(
      crew.region,
      { facilityId: crew.facilityId, title: 'Fra Excel' },
      { name: 'plan.xlsx', data: new Uint8Array(Buffer.from(await book.xlsx.writeBuffer())) },
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ sections: 2, items: 3 });
  });

  it('imports a plan saved by Danish Excel (Windows-1252) with every æ, ø, å kept, and says so', async () => {
    const text =
      'afsnit;afsnitstitel;nr;anbefaling;frist;ansvarlig\r\n' +
      '2.1;Sundhed og trivsel;1;Beboernes ønsker om måltider følges – “også” i weekenden;;Køkkenleder\r\n';
    const res = await upload(
      crew.region,
      { facilityId: crew.facilityId, title: 'Ærøskøbing-planen' },
      { name: 'plan.csv', data: new Uint8Array(iconv.encode(text, 'windows-1252')) },
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ sections: 1, items: 1, readAs: 'Windows-1252' });
    excelPlanId = res.json.id;
    const plan = (await api(t, crew.region, 'GET', `/api/v1/follow-up/plans/${res.json.id}`)).json;
    expect(plan.sections[0]).toMatchObject({
      title: 'Sundhed og trivsel',
      items: [
        expect.objectContaining({
          text: 'Beboernes ønsker om måltider følges – “også” i weekenden',
          owner: 'Køkkenleder',
        }),
      ],
    });

    const broken = Buffer.concat([
      iconv.encode(text, 'windows-1252'),
      Buffer.from('2.1;Sundhed;2;Gr\x81d;;\r\n', 'latin1'),
    ]);
    const refused = await upload(
      crew.region,
      { facilityId: crew.facilityId, title: 'Ødelagt' },
      { name: 'plan.csv', data: new Uint8Array(broken) },
    );
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual([expect.objectContaining({ field: 'række 3', rule: 'encoding' })]);
  });

  it('lets the facility leader write status; other leaders get 404, inspectors 403', async () => {
    const target = item('1.1', '2');
    const body = { statusId: statusId('i gang'), text: 'Elektrikeren kommer i uge 12.', version: target.version };
    expect((await api(t, otherLeader, 'GET', `/api/v1/follow-up/plans/${planId}`)).status).toBe(404);
    expect((await api(t, otherLeader, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, body)).status).toBe(404);
    expect((await api(t, crew.anna.token, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, body)).status).toBe(
      403,
    );
    const saved = await api(t, leader, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, body);
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      statusLabel: 'i gang',
      statusText: 'Elektrikeren kommer i uge 12.',
      version: target.version + 1,
    });

    const stale = await api(t, crew.region, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, {
      ...body,
      text: 'Andet',
    });
    expect(stale.status).toBe(409);
    expect(stale.json.current).toMatchObject({
      statusText: 'Elektrikeren kommer i uge 12.',
      version: target.version + 1,
    });
    expect(
      (await api(t, leader, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, { ...body, text: 'CPR 010203-1234' }))
        .status,
    ).toBe(422);

    const withHistory = (await api(t, leader, 'GET', `/api/v1/follow-up/items/${target.id}`)).json;
    expect(withHistory.history).toEqual([
      expect.objectContaining({ statusLabel: 'i gang', text: 'Elektrikeren kommer i uge 12.' }),
    ]);
    const audit = await t.app
      .get(DataSource)
      .query(`select action, before, after from audit_event where entity_id = $1`, [target.id]);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'follow_up_item.status_reported',
        before: expect.objectContaining({ status: 'ikke påbegyndt' }),
        after: expect.objectContaining({ status: 'i gang' }),
      }),
    ]);
  });

  it('lists overdue recommendations: region staff all, leaders only their own', async () => {
    const overdue = (await api(t, crew.region, 'GET', '/api/v1/follow-up/overdue')).json.items;
    expect(overdue.map((i: { deadline: string; facilityName: string }) => [i.deadline, i.facilityName])).toEqual([
      ['2020-01-01', 'Bostedet Lærkereden'],
      ['2020-01-01', 'Bostedet Lærkereden'],
    ]);
    expect((await api(t, leader, 'GET', '/api/v1/follow-up/overdue')).json.items).toHaveLength(2);
    expect((await api(t, otherLeader, 'GET', '/api/v1/follow-up/overdue')).json.items).toEqual([]);
  });

  it('counts a deadline as passed from midnight Danish time, not from midnight UTC', async () => {
    const overdueDeadlines = async () =>
      (await api(t, crew.region, 'GET', '/api/v1/follow-up/overdue')).json.items
        .filter((i: { overdue: boolean }) => i.overdue)
        .map((i: { deadline: string }) => i.deadline);
    try {
      setClock(new Date('2027-06-01T21:59:00Z')); // 23:59 on 1 June in Denmark: the deadline day itself
      expect(await overdueDeadlines()).not.toContain('2027-06-01');
      setClock(new Date('2027-06-01T22:30:00Z')); // 00:30 on 2 June in Denmark, still 1 June in UTC
      expect(await overdueDeadlines()).toContain('2027-06-01');
    } finally {
      setClock(null);
    }
  });

  it('shows a met recommendation in the next status report once more, then leaves it out', async () => {
    const met = item('1.2', '1');
    expect(
      (
        await api(t, leader, 'PUT', `/api/v1/follow-up/items/${met.id}/status`, {
          statusId: statusId('imødekommet'),
          text: 'Alle har været på kursus.',
          version: met.version,
        })
      ).status,
    ).toBe(200);
    const numbers = (data: { sections: { number: string; items: { number: string }[] }[] }) =>
      data.sections.flatMap((s) => s.items.map((i) => `${s.number}/${i.number}`));

    const draft = (await api(t, leader, 'GET', `/api/v1/follow-up/plans/${planId}/status-report`)).json;
    expect(numbers(draft)).toEqual(['1.1/1', '1.1/2', '1.2/1']);
    expect(draft.lastShownCount).toBe(1);
    // the draft as a PDF, to read through before it is issued
    const draftPdf = await download(leader, `/api/v1/follow-up/plans/${planId}/status-report.pdf`);
    expect(draftPdf.status).toBe(200);
    expect(savedAs(draftPdf)).toMatch(/^Statusnotat \(udkast\) – .+ – \d{4}-\d{2}-\d{2}\.pdf$/);
    const facts = await pdfFacts(new Uint8Array(await draftPdf.arrayBuffer()));
    expect(facts.title).toContain('Statusrapport Udkast');
    expect(facts.pages.join(' ').replace(/\s+/g, ' ')).toContain('Alle har været på kursus.');
    expect((await download(otherLeader, `/api/v1/follow-up/plans/${planId}/status-report.pdf`)).status).toBe(404);

    expect(
      (await api(t, leader, 'POST', `/api/v1/follow-up/plans/${planId}/status-reports`, { period: '2026-2' })).status,
    ).toBe(403);
    const issued = await api(t, crew.region, 'POST', `/api/v1/follow-up/plans/${planId}/status-reports`, {
      period: '2026-2',
    });
    expect(issued.status).toBe(201);
    expect(
      (await api(t, crew.region, 'POST', `/api/v1/follow-up/plans/${planId}/status-reports`, { period: '2026-2' }))
        .status,
    ).toBe(422);

    const next = (await api(t, leader, 'GET', `/api/v1/follow-up/plans/${planId}/status-report`)).json;
    expect(numbers(next)).toEqual(['1.1/1', '1.1/2']);
    const asIssued = (
      await api(t, leader, 'GET', `/api/v1/follow-up/plans/${planId}/status-report?reportId=${issued.json.id}`)
    ).json;
    expect(numbers(asIssued)).toEqual(['1.1/1', '1.1/2', '1.2/1']);
    expect(asIssued.periodLabel).toBe('2. halvår 2026');

    const pdf = await download(leader, `/api/v1/follow-up/plans/${planId}/status-reports/${issued.json.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(savedAs(pdf)).toMatch(/^Statusnotat – .+ – \d{4}-\d{2}-\d{2}\.pdf$/);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('previews the status report as HTML with user text escaped', async () => {
    const res = await download(leader, `/opfoelgning/planer/${planId}/statusrapport`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Fællesstuen gøres tilgængelig');
    expect(html).not.toContain('<script>');
    expect(html).toContain('1.1 Fysiske rammer');
    expect(html).toContain('Elektrikeren kommer i uge 12.');
  });

  it('keeps a status text as written, paragraphs and pasted bullets, up to 20,000 characters', async () => {
    const plan = (await api(t, crew.region, 'GET', `/api/v1/follow-up/plans/${excelPlanId}`)).json;
    const target = plan.sections[0].items[0];
    const written =
      'Køkkenet har holdt møde med beboerne.\r\n\r\nDet er aftalt:\r\n\uf0b7\tWeekendmenu med beboernes ønsker\r\n' +
      '\uf0b7\tFælles indkøb hver fredag\r\n\r\nNæste status gives i juni.';
    const long = `${written}\n\n${'æ'.repeat(20_000 - written.length - 2)}`;
    const put = (text: string, version: number) =>
      api(t, leader, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, {
        statusId: statusId('i gang'),
        text,
        version,
      });
    const tooLong = await put(`${long}æ`, target.version);
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.errors).toEqual([expect.objectContaining({ field: 'text', rule: 'maxLength' })]);
    const saved = await put(long, target.version);
    expect(saved.status).toBe(200);
    expect(saved.json.statusText).toBe(long);

    const paragraphs =
      '<p>Køkkenet har holdt møde med beboerne.</p><p>Det er aftalt:</p>' +
      '<ul><li>Weekendmenu med beboernes ønsker</li><li>Fælles indkøb hver fredag</li></ul><p>Næste status gives i juni.</p>';
    const page = await (await download(leader, `/opfoelgning/planer/${excelPlanId}`)).text();
    expect(page).toContain(paragraphs);
    const report = await (await download(leader, `/opfoelgning/planer/${excelPlanId}/statusrapport`)).text();
    expect(report).toContain(paragraphs);
  });

  it('exports the plan with its structure (headings, recommendations, id, version, status) as CSV and XLSX', async () => {
    const bytes = Buffer.from(
      await (await download(leader, `/api/v1/follow-up/plans/${planId}/export/csv`)).arrayBuffer(),
    );
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM, so Excel reads æøå
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id;type;niveau;nr;titel;tekst;ansvarlig;frist;status;statustekst;version;tilbud;opdateret;opdateret af',
    );
    expect(lines.slice(1, 7).map((l) => l.split(';').slice(1, 5).join(';'))).toEqual([
      'overskrift;1;1.1;Fysiske rammer',
      'anbefaling;;1;',
      'anbefaling;;2;',
      'overskrift;1;1.2;Kompetencer',
      'anbefaling;;1;',
      '',
    ]);
    expect(lines[3]).toContain(';Haven får belysning;Pedel;2027-06-01;i gang;Elektrikeren kommer i uge 12.;2;');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await download(leader, `/api/v1/follow-up/plans/${planId}/export/xlsx`)).arrayBuffer());
    expect(book.worksheets[0].getRow(6).getCell(9).text).toBe('imødekommet');
    expect((await download(otherLeader, `/api/v1/follow-up/plans/${planId}/export/csv`)).status).toBe(404);
  });

  it("puts a published visit's recommendations and orders in a follow-up plan at once; asking again gives the same plan", async () => {
    const visitId = await publishedVisit(t, crew, {
      date: '2026-09-01',
      findingText: 'Magtanvendelser indberettes inden for 24 timer.',
    });
    expect((await api(t, leader, 'POST', `/api/v1/follow-up/plans/from-visit/${visitId}`)).status).toBe(403);
    // the visit page's follow-up link leads the leader straight to the plan made on publication
    const made = await api(t, crew.region, 'POST', `/api/v1/follow-up/plans/from-visit/${visitId}`);
    expect(made.json.created).toBe(false);
    const after = await fetch(`${t.baseUrl}/opfoelgning/besoeg/${visitId}`, {
      headers: { authorization: `Bearer ${leader}` },
      redirect: 'manual',
    });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe(`/opfoelgning/planer/${made.json.id}`);
    expect((await api(t, otherLeader, 'GET', `/opfoelgning/besoeg/${visitId}`)).status).toBe(404);
    const trail: { action: string; actor_name: string }[] = await t.app
      .get(DataSource)
      .query(`select action, actor_name from audit_event where entity_id = $1`, [made.json.id]);
    expect(trail).toEqual([{ action: 'follow_up_plan.created_from_visit', actor_name: 'Rita Region' }]);
    const plan = (await api(t, leader, 'GET', `/api/v1/follow-up/plans/${made.json.id}`)).json;
    expect(plan.visitId).toBe(visitId);
    expect(plan.sections[0].items).toEqual([
      expect.objectContaining({
        number: '1.1',
        text: 'Magtanvendelser indberettes inden for 24 timer.',
        deadline: '2027-02-01',
        owner: 'Forstander',
      }),
    ]);
  });

  it("lets region staff correct a recommendation's wording, owner and deadline, keeping its status; leaders may not", async () => {
    const plan = (await api(t, crew.region, 'GET', `/api/v1/follow-up/plans/${planId}`)).json;
    const item = plan.sections[0].items[0];
    const body = {
      text: 'Fællesstuen gøres tilgængelig for kørestole og rollatorer',
      owner: 'Pedel',
      deadline: '2027-03-01',
      version: item.version,
    };
    expect((await api(t, leader, 'PUT', `/api/v1/follow-up/items/${item.id}`, body)).status).toBe(403);
    const bad = await api(t, crew.region, 'PUT', `/api/v1/follow-up/items/${item.id}`, {
      ...body,
      deadline: '1. marts',
      text: ' ',
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['deadline', 'text']);
    const edited = await api(t, crew.region, 'PUT', `/api/v1/follow-up/items/${item.id}`, body);
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      text: body.text,
      owner: 'Pedel',
      deadline: '2027-03-01',
      statusLabel: item.statusLabel,
      statusText: item.statusText,
      version: item.version + 1,
    });
    const stale = await api(t, crew.region, 'PUT', `/api/v1/follow-up/items/${item.id}`, { ...body, deadline: '' });
    expect(stale.status).toBe(409);
    expect(stale.json.current).toMatchObject({ deadline: '2027-03-01' });
    const cleared = await api(t, crew.region, 'PUT', `/api/v1/follow-up/items/${item.id}`, {
      ...body,
      deadline: '',
      version: edited.json.version,
    });
    expect(cleared.json.deadline).toBeNull();
    const [audit] = await t.app
      .get(DataSource)
      .query(
        `select before, after from audit_event where action = 'follow_up_item.edited' and entity_id = $1 order by occurred_at limit 1`,
        [item.id],
      );
    expect(audit.before).toMatchObject({ text: item.text, deadline: item.deadline });
    expect(audit.after).toMatchObject({ text: body.text, deadline: '2027-03-01' });
  });

  it('keeps the status list configurable by region staff only', async () => {
    expect((await api(t, leader, 'POST', '/api/v1/follow-up/statuses', { label: 'udsat', done: false })).status).toBe(
      403,
    );
    const added = await api(t, crew.region, 'POST', '/api/v1/follow-up/statuses', { label: 'Udsat', done: false });
    expect(added.json).toMatchObject({ label: 'udsat', position: 9, active: true });
    expect(
      (await api(t, crew.region, 'POST', '/api/v1/follow-up/statuses', { label: 'udsat', done: false })).status,
    ).toBe(422);
    const retired = await api(t, crew.region, 'PUT', `/api/v1/follow-up/statuses/${added.json.id}`, {
      label: 'udsat',
      done: false,
      active: false,
      version: added.json.version,
    });
    expect(retired.json.active).toBe(false);
    expect(
      (
        await api(t, crew.region, 'PUT', `/api/v1/follow-up/statuses/${added.json.id}`, {
          label: 'udsat',
          done: true,
          version: added.json.version,
        })
      ).status,
    ).toBe(409);
    const target = (await api(t, leader, 'GET', `/api/v1/follow-up/items/${item('1.1', '1').id}`)).json;
    expect(
      (
        await api(t, leader, 'PUT', `/api/v1/follow-up/items/${target.id}/status`, {
          statusId: added.json.id,
          text: 'x',
          version: target.version,
        })
      ).status,
    ).toBe(422);
  });

  it('follows up development agreements: theme → goals → activities with status text', async () => {
    const body = {
      facilityId: crew.facilityId,
      year: 2026,
      activities: [
        { theme: 'Sundhed og trivsel', goal: 'Flere beboere deltager i motion', activity: 'Gåklub to gange om ugen' },
        {
          theme: 'Sundhed og trivsel',
          goal: 'Flere beboere deltager i motion',
          activity: 'Samarbejde med lokal idrætsforening',
        },
        { theme: 'Kompetencer', goal: 'Alle kender <b>låneregler</b>', activity: 'Temadag' },
      ],
    };
    expect((await api(t, leader, 'POST', '/api/v1/follow-up/agreements', body)).status).toBe(403);
    const agreement = (await api(t, crew.region, 'POST', '/api/v1/follow-up/agreements', body)).json;
    expect(
      agreement.themes.map((th: { theme: string; goals: { activities: unknown[] }[] }) => [
        th.theme,
        th.goals.length,
        th.goals[0].activities.length,
      ]),
    ).toEqual([
      ['Sundhed og trivsel', 1, 2],
      ['Kompetencer', 1, 1],
    ]);
    expect((await api(t, crew.region, 'POST', '/api/v1/follow-up/agreements', body)).status).toBe(422);

    const activity = agreement.themes[0].goals[0].activities[0];
    expect(
      (
        await api(t, otherLeader, 'PUT', `/api/v1/follow-up/activities/${activity.id}/status`, {
          statusText: 'x',
          version: activity.version,
        })
      ).status,
    ).toBe(404);
    const saved = await api(t, leader, 'PUT', `/api/v1/follow-up/activities/${activity.id}/status`, {
      statusText: 'Gåklubben er i gang med 8 deltagere.',
      version: activity.version,
    });
    expect(saved.json).toMatchObject({
      statusText: 'Gåklubben er i gang med 8 deltagere.',
      version: activity.version + 1,
    });
    const stale = await api(t, crew.region, 'PUT', `/api/v1/follow-up/activities/${activity.id}/status`, {
      statusText: 'y',
      version: activity.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.current.statusText).toBe('Gåklubben er i gang med 8 deltagere.');

    const html = await (await download(leader, `/opfoelgning/udviklingsaftaler/${agreement.id}/rapport`)).text();
    expect(html).toContain('Gåklubben er i gang med 8 deltagere.');
    expect(html).toContain('Alle kender &lt;b&gt;låneregler&lt;/b&gt;');
    expect((await download(otherLeader, `/opfoelgning/udviklingsaftaler/${agreement.id}/rapport`)).status).toBe(404);
  });
});
