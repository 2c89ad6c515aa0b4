import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { pdfFacts } from '../reporting/pdf-facts.js';
import { type Team, team } from '../reporting/published-visit.js';

const AGREEMENT =
  'gruppe;gruppenr;tema;temanr;mål;målnr;nr;aktivitet\r\n' +
  'Byrådets vision;A.;Sundhed og trivsel;1);Flere beboere motionerer;1.1;a);Gåklub to gange om ugen\r\n' +
  'Byrådets vision;A.;Sundhed og trivsel;1);Flere beboere motionerer;1.1;b);Samarbejde med idrætsforeningen\r\n' +
  'Udvalgets egne mål;B.;Kompetencer;2);Alle kender reglerne om magtanvendelse;2.1;a);Temadag for alle medarbejdere\r\n';

interface Agreement {
  id: string;
  name: string;
  themes: {
    theme: string;
    themeNumber: string;
    group: { title: string; number: string } | null;
    goals: {
      goal: string;
      goalNumber: string;
      activities: { id: string; number: string; activity: string; version: number }[];
    }[];
  }[];
  activities: {
    id: string;
    number: string;
    activity: string;
    version: number;
    statusSentence: string;
    history: unknown[];
  }[];
}

describe('development agreements as written: groups above theme, own numbering, rows changed after creation, status categories', () => {
  let t: TestApp;
  let crew: Team;
  let leader: string;
  let agreement: Agreement;

  const importAgreement = async (body: Record<string, string>, text: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(body)) form.append(k, v);
    form.append('fil', new Blob([new Uint8Array(iconv.encode(text, 'windows-1252'))]), 'aftale.csv');
    const res = await fetch(`${t.baseUrl}/api/v1/follow-up/agreements/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${crew.region}` },
      body: form,
    });
    return { status: res.status, json: await res.json() };
  };
  const reload = async () => {
    agreement = (await api(t, crew.region, 'GET', `/api/v1/follow-up/agreements/${agreement.id}`)).json;
    return agreement;
  };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    crew = await team(t);
    leader = await tokenFor(t, 'leder@tilsyn.demo', 'tilsyn-demo');
  });
  afterAll(() => t?.close());

  it('imports an agreement with a group above theme and its own numbering; several per year when named differently', async () => {
    const res = await importAgreement(
      { facilityId: crew.facilityId, year: '2027', name: 'Socialpsykiatri' },
      AGREEMENT,
    );
    expect(res.status).toBe(201);
    agreement = res.json;
    expect(
      agreement.themes.map((th) => [
        th.group?.number ?? '',
        th.group?.title ?? '',
        th.themeNumber,
        th.theme,
        th.goals[0].goalNumber,
      ]),
    ).toEqual([
      ['A.', 'Byrådets vision', '1)', 'Sundhed og trivsel', '1.1'],
      ['B.', 'Udvalgets egne mål', '2)', 'Kompetencer', '2.1'],
    ]);
    expect(agreement.activities.map((a) => a.number)).toEqual(['a)', 'b)', 'a)']);
    const same = await importAgreement(
      { facilityId: crew.facilityId, year: '2027', name: 'Socialpsykiatri' },
      AGREEMENT,
    );
    expect(same.status).toBe(422);
    expect(same.json.errors[0]).toMatchObject({ field: 'name', rule: 'unique' });
    const other = await importAgreement({ facilityId: crew.facilityId, year: '2027', name: 'Handicap' }, AGREEMENT);
    expect(other.status).toBe(201);
    const list = (await api(t, leader, 'GET', '/api/v1/follow-up/agreements')).json.items;
    expect(list.map((a: { name: string }) => a.name).sort()).toEqual(['Handicap', 'Socialpsykiatri']);
  });

  it('adds, changes, moves and removes rows after creation, each in the audit trail; any number of rows', async () => {
    const row = {
      theme: 'Kompetencer',
      themeNumber: '2)',
      goal: 'Alle kender reglerne om magtanvendelse',
      goalNumber: '2.1',
      number: 'b)',
      activity: 'E-læring om magtanvendelse',
      groupTitle: 'Udvalgets egne mål',
      groupNumber: 'B.',
    };
    expect((await api(t, leader, 'POST', `/api/v1/follow-up/agreements/${agreement.id}/activities`, row)).status).toBe(
      403,
    );
    for (let n = 0; n < 12; n++)
      expect(
        (
          await api(t, crew.region, 'POST', `/api/v1/follow-up/agreements/${agreement.id}/activities`, {
            ...row,
            number: `x${n}`,
          })
        ).status,
      ).toBe(201);
    await reload();
    expect(agreement.activities).toHaveLength(15);
    const first = agreement.activities[0];
    const edited = await api(t, crew.region, 'PUT', `/api/v1/follow-up/activities/${first.id}`, {
      ...row,
      groupTitle: 'Byrådets vision',
      groupNumber: 'A.',
      theme: 'Sundhed og trivsel',
      themeNumber: '1)',
      goal: 'Flere beboere motionerer',
      goalNumber: '1.1',
      number: 'a)',
      activity: 'Gåklub tre gange om ugen',
      version: first.version,
    });
    expect(edited.status).toBe(200);
    const stale = await api(t, crew.region, 'PUT', `/api/v1/follow-up/activities/${first.id}`, {
      ...row,
      version: first.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.current.activity).toBe('Gåklub tre gange om ugen');

    const second = agreement.activities[1];
    expect(
      (await api(t, crew.region, 'POST', `/api/v1/follow-up/activities/${second.id}/move`, { direction: 'up' })).status,
    ).toBe(200);
    await reload();
    expect(agreement.activities.slice(0, 2).map((a) => a.number)).toEqual(['b)', 'a)']);
    expect(
      (await api(t, crew.region, 'POST', `/api/v1/follow-up/activities/${second.id}/move`, { direction: 'up' })).status,
    ).toBe(422);

    const last = agreement.activities.at(-1)!;
    expect((await api(t, crew.region, 'DELETE', `/api/v1/follow-up/activities/${last.id}`)).status).toBe(200);
    await reload();
    expect(agreement.activities).toHaveLength(14);
    const trail: { action: string }[] = await t.app
      .get(DataSource)
      .query(`select action from audit_event where action like 'development_activity.%' order by occurred_at`);
    expect(new Set(trail.map((a) => a.action))).toEqual(
      new Set([
        'development_activity.added',
        'development_activity.edited',
        'development_activity.moved',
        'development_activity.removed',
      ]),
    );
  });

  it('keeps a status category and text with history; the report reads like the status note', async () => {
    const a = agreement.activities.find((x) => x.activity === 'Gåklub tre gange om ugen')!;
    const bad = await api(t, leader, 'PUT', `/api/v1/follow-up/activities/${a.id}/status`, {
      statusCategory: 'næsten',
      statusText: 'x',
      version: a.version,
    });
    expect(bad.status).toBe(422);
    const first = await api(t, leader, 'PUT', `/api/v1/follow-up/activities/${a.id}/status`, {
      statusCategory: 'i gang',
      statusText: 'Gåklubben er startet.\n\nOtte beboere deltager.',
      version: a.version,
    });
    expect(first.status).toBe(200);
    const second = await api(t, leader, 'PUT', `/api/v1/follow-up/activities/${a.id}/status`, {
      statusCategory: 'realiseret',
      statusText: 'Gåklubben går tre gange om ugen.',
      version: first.json.version,
    });
    expect(second.json).toMatchObject({ statusCategory: 'realiseret' });
    await reload();
    const after = agreement.activities.find((x) => x.id === a.id)!;
    expect(after.statusSentence).toBe('Status: realiseret.');
    expect(after.history).toEqual([
      expect.objectContaining({ statusCategory: 'realiseret', text: 'Gåklubben går tre gange om ugen.' }),
      expect.objectContaining({ statusCategory: 'i gang' }),
    ]);
    const pdf = await fetch(`${t.baseUrl}/api/v1/follow-up/agreements/${agreement.id}/report.pdf`, {
      headers: { authorization: `Bearer ${leader}` },
    });
    const savedAs = /filename\*=UTF-8''([^;]+)/.exec(pdf.headers.get('content-disposition') ?? '')?.[1] ?? '';
    expect(decodeURIComponent(savedAs)).toMatch(/^Udviklingsaftale – .+ – \d{4}\.pdf$/);
    const facts = await pdfFacts(new Uint8Array(await pdf.arrayBuffer()));
    const text = facts.pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('A. Byrådets vision');
    expect(text).toContain('1) Sundhed og trivsel');
    expect(text).toContain('Gåklubben går tre gange om ugen. Status: realiseret.');
    expect(facts.pages.length).toBeLessThanOrEqual(3);
  });
});
