import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '#libs/config';
import { DEMO_PASSWORD, DemoVisitSeed } from '#libs/demo';
import {
  api,
  createTestDatabase,
  Role,
  seedDemo,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestDatabase,
  tokenFor,
} from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

/** The bad requests of the probe behind issue 12, each a 4xx naming its field (never a 500). */
describe('bad input', () => {
  let t: TestApp;
  let db: DataSource;
  let region: string;
  const fieldsOf = (res: { json: { errors?: { field: string; rule: string }[] } }) =>
    (res.json.errors ?? []).map((e) => `${e.field}:${e.rule}`);

  beforeAll(async () => {
    t = await startTestApp(createServerApp, { LOGIN_RATE_LIMIT: '3' });
    await seedDemo(t);
    await t.run(() => t.app.get(DemoVisitSeed).run());
    db = t.app.get(DataSource);
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  const facility = { name: 'Bostedet Nul', address: 'Vej 1', municipality: 'Aarhus', typeCode: 'sel-108' };

  it('refuses NUL in a JSON body, a query, a path parameter and an imported cell, naming where', async () => {
    const body = await api(t, region, 'POST', '/api/v1/facilities', { ...facility, units: ['A', 'B\u0000'] });
    expect([body.status, fieldsOf(body)]).toEqual([422, ['units[1]:noNul']]);
    expect(body.contentType).toContain('application/problem+json');

    const query = await api(t, region, 'GET', '/api/v1/facilities?q=%00');
    expect([query.status, fieldsOf(query)]).toEqual([422, ['q:noNul']]);
    const path = await api(t, region, 'PATCH', '/api/v1/facility-types/%00', { minAnnounced: 1 });
    expect([path.status, fieldsOf(path)]).toEqual([422, ['code:noNul']]);
    for (const page of ['/tilbud?q=%00', '/resultater/region?type=%00']) {
      const res = await fetch(`${t.baseUrl}${page}`, { headers: { authorization: `Bearer ${region}` } });
      expect([page, res.status]).toEqual([page, 422]);
      expect(await res.text()).toContain('NUL');
    }

    const imported = await fetch(`${t.baseUrl}/api/v1/facilities/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${region}`, 'content-type': 'text/csv' },
      body: 'navn;adresse;kommune;tilbudstype\nA;Vej 1;Aarhus;sel-108\nB\u0000;Vej 2;Aarhus;sel-108\n',
    });
    expect(imported.status).toBe(422);
    expect((await imported.json()).errors).toEqual([expect.objectContaining({ field: 'linje 3', rule: 'noNul' })]);

    // an uploaded file is read by the import, which names the cell
    const form = new FormData();
    form.set('facilityId', (await db.query(`select id from facility limit 1`))[0].id);
    form.set('year', '2026');
    form.set('fil', new Blob(['tema;mål;aktivitet\nRammer;Mål\u0000;Maling\n']), 'aftale.csv');
    const file = await fetch(`${t.baseUrl}/api/v1/follow-up/agreements/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${region}` },
      body: form,
    });
    expect(file.status).toBe(422);
    expect((await file.json()).errors).toEqual([
      expect.objectContaining({ field: 'række 2, kolonne mål', rule: 'noNul' }),
    ]);
    // all or nothing: the good row of the refused import is not stored either
    expect(Number((await db.query(`select count(*) from facility where name = 'A'`))[0].count)).toBe(0);
  });

  it('refuses JSON nested 5,000 levels deep with a 422, on every kind of body', async () => {
    const deep = `${'{"a":['.repeat(2500)}1${']}'.repeat(2500)}`;
    for (const [method, path] of [
      ['POST', '/api/v1/facilities'],
      ['POST', '/api/v1/survey-responses'],
      [
        'POST',
        `/api/v1/quality-models/${(await db.query(`select id from quality_model_version limit 1`))[0].id}/standards`,
      ],
    ]) {
      const res = await api(t, region, method, path, `{"name":${deep}}`);
      expect([path, res.status, fieldsOf(res)[0]]).toEqual([
        path,
        422,
        expect.stringMatching(/^name(\.a\[0\])+(\.a)?:maxDepth$/),
      ]);
    }
  });

  it('keeps integers to what the column holds, dates real and in range, and lists non-null', async () => {
    const places = await api(t, region, 'POST', '/api/v1/facilities', { ...facility, places: 2147483648 });
    expect(fieldsOf(places)).toEqual(['places:max']);
    expect(places.json.errors[0].message).toBe('må højst være 2147483647');
    const [facilityId] = (await db.query(`select id from facility limit 1`)).map((r: { id: string }) => r.id);
    const year = await api(t, region, 'POST', '/api/v1/follow-up/agreements', {
      facilityId,
      year: 2147483648,
      activities: [{ theme: 'Rammer', goal: 'Mål', activity: 'Maling' }],
    });
    expect(fieldsOf(year)).toEqual(['year:max']);
    for (const list of ['targetGroups', 'units', 'leaderIds']) {
      const res = await api(t, region, 'POST', '/api/v1/facilities', { ...facility, [list]: null });
      expect([res.status, fieldsOf(res)]).toEqual([422, [`${list}:isArray`]]);
    }

    const [{ id: modelVersionId }] = await db.query(`select id from quality_model_version where status = 'published'`);
    const [{ id: inspector }] = await db.query(`select id from app_user where role = 'inspector' limit 1`);
    const visit = await api(t, region, 'POST', '/api/v1/visits', {
      facilityId,
      kind: 'announced',
      plannedDate: '0000-01-01',
      inspectorIds: [inspector],
      modelVersionId,
    });
    expect([visit.status, fieldsOf(visit)]).toEqual([422, ['plannedDate:isDateOnly']]);
    expect(visit.json.errors[0].message).toBe('skal være en dato (ÅÅÅÅ-MM-DD) mellem 1900 og 2200');
    for (const periodStart of ['2026-02-30', '2027-02-29']) {
      const round = await api(t, region, 'POST', '/api/v1/survey-rounds', {
        facilityId,
        questionnaireKey: 'beboere',
        modelVersionId,
        periodStart,
        periodEnd: '2027-04-30',
      });
      expect([round.status, fieldsOf(round)]).toEqual([422, ['periodStart:isDateOnly']]);
    }
  });

  it('limits the indicators one finding can name', async () => {
    const [{ id: visitId }] = await db.query(`select id from visit limit 1`);
    const ids = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const res = await api(t, region, 'POST', `/api/v1/visits/${visitId}/findings`, {
      kind: 'recommendation',
      text: 'For mange',
      indicatorIds: ids,
    });
    expect([res.status, fieldsOf(res)]).toEqual([422, ['indicatorIds:arrayMaxSize']]);
  });

  it('answers quality-model edits without a JSON body with a 4xx, not a 500', async () => {
    const [{ id }] = await db.query(`select id from quality_model_version limit 1`);
    for (const step of ['publish', 'retire', 'standards', 'criteria', 'indicators']) {
      const none = await fetch(`${t.baseUrl}/api/v1/quality-models/${id}/${step}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${region}` },
      });
      const text = await fetch(`${t.baseUrl}/api/v1/quality-models/${id}/${step}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${region}`, 'content-type': 'text/plain' },
        body: 'version=1',
      });
      expect([step, none.status >= 400 && none.status < 500, text.status]).toEqual([step, true, 422]);
      expect((await text.json()).errors).toEqual([expect.objectContaining({ field: 'body', rule: 'isObject' })]);
    }
  });

  it('gives concurrent "plan from visit" requests the one plan', async () => {
    const [{ id: visitId }] = await db.query(`select id from visit where status = 'published' limit 1`);
    const all = await Promise.all(
      Array.from({ length: 4 }, () => api(t, region, 'POST', `/api/v1/follow-up/plans/from-visit/${visitId}`)),
    );
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(all.map((r) => r.json.id)).size).toBe(1);
    expect(
      Number((await db.query(`select count(*) from follow_up_plan where visit_id = $1`, [visitId]))[0].count),
    ).toBe(1);
  });

  it('sends signed-in pages and API answers with Cache-Control: no-store, static files cacheable', async () => {
    for (const path of ['/login', '/tilbud', '/api/v1/auth/me', '/api/v1/facilities']) {
      const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${region}` } });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
    }
    expect((await fetch(`${t.baseUrl}/static/app.css`)).headers.get('cache-control')).toContain('max-age');
  });

  describe('login', () => {
    const login = (email: string, password: string, forwardedFor = '203.0.113.9') =>
      fetch(`${t.baseUrl}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email, password }),
      });

    it('redirects only to a path on this site after login', async () => {
      const user = await t.newUser(Role.Inspector);
      for (const next of ['/\\evil.invalid/', '//evil.invalid', 'https://evil.invalid', '/\t/evil.invalid']) {
        const page = await fetch(`${t.baseUrl}/login?next=${encodeURIComponent(next)}`);
        const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
        const html = await page.text();
        expect(html).toContain('name="next" value="/"');
        const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
        const res = await fetch(`${t.baseUrl}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({ _csrf: csrf, email: user.email, password: TEST_PASSWORD, next }),
        });
        expect([next, res.status, res.headers.get('location')]).toEqual([next, 303, '/']);
      }
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY says so, and locks an account per address, not everyone', async () => {
      const [victim, bystander] = [await t.newUser(Role.Inspector), await t.newUser(Role.Inspector)];
      const statuses: number[] = [];
      // a new made-up address each time: without TRUST_PROXY it is not believed
      for (let i = 0; i < 4; i++) statuses.push((await login(victim.email, 'wrong', `198.51.100.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await login(bystander.email, TEST_PASSWORD)).status).toBe(201);

      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
      expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    });
  });
});

/** A TCP hop between the app and PostgreSQL that can be cut, as when the database goes down. */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port = 0) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen();
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
    restore: () => listen(port),
  };
}

describe('database unavailable', () => {
  let t: TestApp;
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await cuttableProxy({ host: url.hostname, port: Number(url.port) });
    url.host = `127.0.0.1:${proxy.port}`;
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    t = await startTestApp((config) => createServerApp(config, logger), {
      DATABASE_URL: url.toString(),
      TRUST_PROXY: '1',
      LOGIN_RATE_LIMIT: '3',
    });
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await database.drop();
  });

  it('believes X-Forwarded-For when TRUST_PROXY names the proxy hops', async () => {
    const user = await t.newUser(Role.Inspector);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${t.baseUrl}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
        body: JSON.stringify({ email: user.email, password: 'wrong' }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
  });

  it('answers 503 with Retry-After while PostgreSQL is unreachable, logs error, stack and request id, and recovers', async () => {
    const user = await t.newUser(Role.RegionStaff);
    const token = await tokenFor(t, user.email);
    // a browser's session too: its lookup fails before any handler runs
    const form = await fetch(`${t.baseUrl}/login`);
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const signIn = await fetch(`${t.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: form.headers.get('set-cookie')?.split(';')[0] ?? '',
      },
      body: new URLSearchParams({ _csrf: csrf, email: user.email, password: TEST_PASSWORD }),
    });
    const session = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await fetch(`${t.baseUrl}/tilbud`, { headers: { cookie: session } })).status).toBe(200);
    await proxy.cut();
    try {
      const res = await api(t, token, 'GET', '/api/v1/facilities');
      expect([res.status, res.json.title]).toEqual([503, 'Midlertidigt utilgængelig']);
      expect(res.contentType).toContain('application/problem+json');
      const raw = await fetch(`${t.baseUrl}/api/v1/facilities`, { headers: { authorization: `Bearer ${token}` } });
      expect(raw.headers.get('retry-after')).toBe('30');
      const id = raw.headers.get('x-request-id');
      const logged = lines.find((l) => l.requestId === id) as { msg: string; err: { message: string; stack: string } };
      expect(logged.msg).toBe('Service unavailable');
      expect(logged.err.stack).toMatch(/\n\s+at /);
      expect(JSON.stringify(lines)).not.toContain('[object Object]');
      const page = await fetch(`${t.baseUrl}/tilbud`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
      });
      expect(page.status).toBe(503);
      const browser = await fetch(`${t.baseUrl}/tilbud`, { headers: { cookie: session, accept: 'text/html' } });
      expect([browser.status, browser.headers.get('retry-after')]).toEqual([503, '30']);
      expect(await browser.text()).toContain('Prøv igen om lidt');
    } finally {
      await proxy.restore();
    }
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await api(t, token, 'GET', '/api/v1/facilities')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
