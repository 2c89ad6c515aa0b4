import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { FollowUpStructure1796400000000 } from '../../migrations/1796400000000-FollowUpStructure.js';
import { type Team, team } from '../reporting/published-visit.js';
import { municipalPlanCsv } from './municipal-plan.js';

interface Section {
  id: string;
  depth: number;
  number: string;
  title: string;
  text: string;
  holdsStatus: boolean;
  statusLabel: string | null;
  statusSentence: string;
  version: number;
  items: {
    id: string;
    number: string;
    text: string;
    statusOnSection: boolean;
    statusLabel: string;
    statusSentence: string;
    statusText: string;
    done: boolean;
    version: number;
  }[];
}

describe('follow-up plans as municipalities write them: nested headings, section and split statuses, round trip', () => {
  let t: TestApp;
  let crew: Team;
  let leader: string;
  let planId: string;
  let statuses: { id: string; label: string; done: boolean }[];
  const statusId = (label: string) => statuses.find((s) => s.label === label)!.id;

  const upload = async (token: string, path: string, body: Record<string, string>, name: string, data: BlobPart) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(body)) form.append(k, v);
    form.append('fil', new Blob([data]), name);
    const res = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, json: await res.json() };
  };
  const plan = async (token = crew.region) =>
    (await api(t, token, 'GET', `/api/v1/follow-up/plans/${planId}`)).json as { sections: Section[] };
  const exported = async (format: 'csv' | 'xlsx') =>
    Buffer.from(
      await (
        await fetch(`${t.baseUrl}/api/v1/follow-up/plans/${planId}/export/${format}`, {
          headers: { authorization: `Bearer ${crew.region}` },
        })
      ).arrayBuffer(),
    );

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
    statuses = (await api(t, leader, 'GET', '/api/v1/follow-up/statuses')).json.items;
  });
  afterAll(() => t?.close());

  it('imports a municipal plan from Windows-1252: 4 headings, 14 areas, 25 recommendations, numbers as written', async () => {
    const res = await upload(
      crew.region,
      '/api/v1/follow-up/plans/import',
      { facilityId: crew.facilityId, title: 'Opfølgning på tilsyn med botilbud 2026' },
      'plan.csv',
      new Uint8Array(iconv.encode(municipalPlanCsv(), 'windows-1252')),
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ sections: 18, items: 25, readAs: 'Windows-1252' });
    planId = res.json.id;
    const { sections } = await plan();
    expect(sections.filter((s) => s.depth === 1).map((s) => `${s.number} ${s.title}`)).toEqual([
      '1. Overordnede initiativer',
      '2. Socialpsykiatri',
      '3. Handicapområdet',
      '4. Organisation og ledelse',
    ]);
    expect(sections.filter((s) => s.depth === 2)).toHaveLength(14);
    expect(sections.map((s) => s.number)).toContain('2.1.');
    expect(sections[0].text).toBe(
      'Afsnittet samler anbefalinger, der går på tværs af kommunens botilbud.\n\nStatus gives for hvert område.',
    );
    const medicine = sections.find((s) => s.title === 'Medicinhåndtering')!;
    expect(medicine).toMatchObject({ holdsStatus: true, statusLabel: 'ikke påbegyndt' });
    expect(medicine.items.map((i) => [i.number, i.text.slice(0, 11), i.statusOnSection])).toEqual([
      ['', 'Anbefaling:', true],
      ['', 'Anbefaling:', true],
    ]);
    const textOnly = sections.find((s) => s.title === 'Ledelse')!;
    expect(textOnly).toMatchObject({ number: '4.3', items: [], holdsStatus: false });
    expect(textOnly.text).toContain('ledelsesgrundlaget');
  });

  it('refuses a structured file with every error by row and column, keeping nothing', async () => {
    const before = (await api(t, crew.region, 'GET', '/api/v1/follow-up/plans')).json.items.length;
    const bad =
      'type;niveau;nr;titel;tekst;ansvarlig;status\r\n' +
      'anbefaling;;1;;Før første overskrift;;\r\n' +
      'overskrift;1;1.;Første;;;\r\n' +
      'overskrift;3;1.1.1;For dybt;;;\r\n' +
      'overskrift;2;1.1;Område;;;i gang\r\n' +
      'anbefaling;;1;;Også status her;;i gang\r\n' +
      'anbefaling;;2;;Ukendt status;;næsten færdig\r\n' +
      'overskrift;2;1.2;Delt;;;imødekommet | Voksne: i gang\r\n' +
      'rubrik;;;;;;\r\n';
    const res = await upload(
      crew.region,
      '/api/v1/follow-up/plans/import',
      { facilityId: crew.facilityId, title: 'Fejl' },
      'plan.csv',
      bad,
    );
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual([
      'række 2, type',
      'række 4, niveau',
      'række 6, status',
      'række 7, status',
      'række 8, status',
      'række 9, type',
    ]);
    expect(res.json.errors[1].message).toContain('mangler en overskrift på niveau 2');
    expect((await api(t, crew.region, 'GET', '/api/v1/follow-up/plans')).json.items).toHaveLength(before);
  });

  it('takes one status for a whole area, written on the area; not on its recommendations', async () => {
    const medicine = (await plan()).sections.find((s) => s.title === 'Medicinhåndtering')!;
    const onItem = await api(t, leader, 'PUT', `/api/v1/follow-up/items/${medicine.items[0].id}/status`, {
      statusId: statusId('i gang'),
      text: 'x',
      version: medicine.items[0].version,
    });
    expect(onItem.status).toBe(422);
    expect(onItem.json.errors[0].message).toContain('føres samlet for afsnit 1.2 Medicinhåndtering');

    const body = {
      statusId: statusId('i gang'),
      text: 'Proceduren er skrevet.\n\nRevisionen følger i foråret.',
      version: medicine.version,
    };
    expect(
      (await api(t, crew.anna.token, 'PUT', `/api/v1/follow-up/sections/${medicine.id}/status`, body)).status,
    ).toBe(403);
    const saved = await api(t, leader, 'PUT', `/api/v1/follow-up/sections/${medicine.id}/status`, body);
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ statusSentence: 'Status: i gang.', version: medicine.version + 1 });
    const stale = await api(t, crew.region, 'PUT', `/api/v1/follow-up/sections/${medicine.id}/status`, body);
    expect(stale.status).toBe(409);
    expect(stale.json.current).toMatchObject({ statusText: body.text, version: medicine.version + 1 });
    const after = (await plan()).sections.find((s) => s.id === medicine.id)!;
    expect(after.items.every((i) => i.statusLabel === 'i gang' && i.statusText === body.text)).toBe(true);
    const [audit] = await t.app
      .get(DataSource)
      .query(`select action, before, after from audit_event where entity_id = $1`, [medicine.id]);
    expect(audit).toMatchObject({
      action: 'follow_up_section.status_reported',
      before: { status: 'ikke påbegyndt' },
      after: { status: 'i gang', text: body.text },
    });
  });

  it('splits a status by target group: met for one, in progress for another; met only when all parts are', async () => {
    const item = (await plan()).sections.find((s) => s.number === '3.1')!.items[0];
    const split = (parts: [string, string][], version: number) =>
      api(t, leader, 'PUT', `/api/v1/follow-up/items/${item.id}/status`, {
        parts: parts.map(([group, label]) => ({ group, statusId: statusId(label) })),
        text: 'Piktogrammer bruges i alle boliger for børn og unge; voksenområdet følger.',
        version,
      });
    const twice = await split(
      [
        ['Børn og unge', 'imødekommet'],
        ['børn og unge', 'i gang'],
      ],
      item.version,
    );
    expect(twice.status).toBe(422);
    expect(twice.json.errors[0]).toMatchObject({ field: 'parts[1].group', rule: 'uniqueGroup' });
    const saved = await split(
      [
        ['Børn og unge', 'imødekommet'],
        ['Voksne', 'i gang'],
      ],
      item.version,
    );
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      statusLabel: 'i gang',
      done: false,
      statusSentence: 'Status: imødekommet for Børn og unge; i gang for Voksne.',
    });
    const met = await split(
      [
        ['Børn og unge', 'imødekommet'],
        ['Voksne', 'imødekommet'],
      ],
      saved.json.version,
    );
    expect(met.json).toMatchObject({ statusLabel: 'imødekommet', done: true });
    const history = (await api(t, leader, 'GET', `/api/v1/follow-up/items/${item.id}`)).json.history;
    expect(history.map((h: { sentence: string }) => h.sentence)).toEqual([
      'Status: imødekommet for Børn og unge; imødekommet for Voksne.',
      'Status: imødekommet for Børn og unge; i gang for Voksne.',
    ]);
  });

  it('exports the structure; edited in Excel and read back it updates statuses and texts, audited, all or nothing', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await exported('xlsx')) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 11)).toEqual([
      'id',
      'type',
      'niveau',
      'nr',
      'titel',
      'tekst',
      'ansvarlig',
      'frist',
      'status',
      'statustekst',
      'version',
    ]);
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (pred: (r: ExcelJS.Row) => boolean) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((r) => {
        if (!found && pred(r)) found = r;
      });
      return found!;
    };
    expect(sheet.rowCount).toBe(1 + 18 + 25);
    const recovery = rowOf((r) => r.getCell(col('nr')).text === '2.1.1.');
    recovery.getCell(col('status')).value = 'planlagt';
    recovery.getCell(col('statustekst')).value = 'Temadag om recovery i marts.\n\nAlle teams deltager.';
    const area = rowOf((r) => r.getCell(col('titel')).text === 'Beboernes økonomi');
    area.getCell(col('status')).value = 'Socialpsykiatri: i gang | Handicap: planlagt';
    area.getCell(col('statustekst')).value = 'Reglerne er gennemgået på personalemøder.';
    const wording = rowOf((r) => r.getCell(col('nr')).text === '4.2.2');
    wording.getCell(col('tekst')).value = 'Nye medarbejdere får et introduktionsforløb på fire uger.';
    const edited = Buffer.from(await book.xlsx.writeBuffer());

    // a leader may send statuses back but not new wording
    const byLeader = await upload(
      leader,
      `/api/v1/follow-up/plans/${planId}/import`,
      {},
      'plan.xlsx',
      new Uint8Array(edited),
    );
    expect(byLeader.status).toBe(422);
    expect(byLeader.json.errors).toEqual([
      expect.objectContaining({ field: `række ${wording.number}, tekst`, rule: 'regionOnly' }),
    ]);

    const ok = await upload(
      crew.region,
      `/api/v1/follow-up/plans/${planId}/import`,
      {},
      'plan.xlsx',
      new Uint8Array(edited),
    );
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ changed: 3, statuses: 2, texts: 1 });
    const { sections } = await plan();
    const recoveryItem = sections.find((s) => s.number === '2.1.')!.items[0];
    expect(recoveryItem).toMatchObject({
      statusLabel: 'planlagt',
      statusText: 'Temadag om recovery i marts.\n\nAlle teams deltager.',
    });
    expect(sections.find((s) => s.title === 'Beboernes økonomi')).toMatchObject({
      statusSentence: 'Status: i gang for Socialpsykiatri; planlagt for Handicap.',
    });
    expect(sections.find((s) => s.number === '4.2')!.items[1].text).toBe(
      'Nye medarbejdere får et introduktionsforløb på fire uger.',
    );
    const trail = await t.app
      .get(DataSource)
      .query(`select action, entity_id from audit_event where action like '%updated_from_file' order by occurred_at`);
    expect(trail.map((a: { action: string }) => a.action).sort()).toEqual([
      'follow_up_item.updated_from_file',
      'follow_up_item.updated_from_file',
      'follow_up_section.updated_from_file',
    ]);

    // the same file again: its versions are old now, so nothing is read
    const stale = await upload(
      crew.region,
      `/api/v1/follow-up/plans/${planId}/import`,
      {},
      'plan.xlsx',
      new Uint8Array(edited),
    );
    expect(stale.status).toBe(422);
    expect(stale.json.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual(
      expect.arrayContaining([`række ${recovery.number}, version:stale`, `række ${area.number}, version:stale`]),
    );

    // the CSV export reads back too, unchanged: nothing to do
    const csv = await exported('csv');
    const again = await upload(
      crew.region,
      `/api/v1/follow-up/plans/${planId}/import`,
      {},
      'plan.csv',
      new Uint8Array(csv),
    );
    expect(again.json).toMatchObject({ changed: 0, readAs: 'UTF-8 med BOM' });
  });

  it('migrates down to flat sections with each item holding a status, and up again', async () => {
    const ds = t.app.get(DataSource);
    const runner = ds.createQueryRunner();
    const migration = new FollowUpStructure1796400000000();
    const count = async () =>
      (
        await ds.query(
          `select count(*)::int as n from follow_up_item i join follow_up_section s on s.id = i.section_id where s.plan_id = $1`,
          [planId],
        )
      )[0].n;
    expect(await count()).toBe(25);
    try {
      await runner.startTransaction();
      await migration.down(runner);
      const flat = await runner.query(
        `select s.number, s.title, (select count(*)::int from follow_up_item i where i.section_id = s.id and i.status_id is not null) as items
           from follow_up_section s where s.plan_id = $1 order by s.position`,
        [planId],
      );
      expect(flat).toHaveLength(18);
      expect(flat.find((s: { title: string }) => s.title === 'Medicinhåndtering')).toMatchObject({ items: 2 });
      const numbers = await runner.query(
        `select i.number from follow_up_item i join follow_up_section s on s.id = i.section_id where s.title = 'Medicinhåndtering' and s.plan_id = $1 order by i.position`,
        [planId],
      );
      expect(numbers.map((n: { number: string }) => n.number)).toEqual(['1', '2']);
      await migration.up(runner);
      expect(
        (await runner.query(`select count(*)::int as n from follow_up_section where plan_id = $1`, [planId]))[0].n,
      ).toBe(18);
      await runner.rollbackTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await count()).toBe(25);
  });
});
