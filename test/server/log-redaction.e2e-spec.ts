import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { hashPassword } from '#libs/auth';
import { today as danishToday } from '#libs/core';
import { createTestDatabase, freePort, type ServerProcess, startServer, type TestDatabase } from '#libs/testing';

/** The region user's password for this test (the demo's own is printed at start, on purpose). */
const PASSWORD = `hemmelig-${randomBytes(6).toString('hex')}`;
const WRONG_PASSWORD = 'forkert-adgangskode-7Qx';
const FORGED_TOKEN = 'forged-bearer-token-8f3a1c9e';

/** Cookie jar of one browser: name=value pairs from Set-Cookie. */
class Jar {
  readonly values = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.values.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get header() {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * The built server at LOG_LEVEL=debug, driven through login, a bearer token, API calls, a page with a
 * session, survey answers with codes (in the body, a query and a path) and failing requests: its
 * whole output holds none of the secrets it saw.
 */
describe('no secrets in the logs', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  const secrets = new Map<string, string>(); // value → what it is

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer({
      LOG_LEVEL: 'debug',
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      SEED_DEMO: 'true',
      JOBS_IN_PROCESS: 'false',
    });
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(`update app_user set password_hash = $1 where email = 'region@tilsyn.demo'`, [
      await hashPassword(PASSWORD),
    ]);
    await sql.end();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('writes no token, cookie, password, CSRF token, session id or survey code to any log line', async () => {
    const base = server.base;
    secrets.set(PASSWORD, 'password');
    secrets.set(WRONG_PASSWORD, 'wrong password');
    secrets.set(FORGED_TOKEN, 'forged bearer token');

    // a bearer token from the API login
    const login = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'region@tilsyn.demo', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    secrets.set(token, 'bearer token');
    const api = async (method: string, path: string, body?: object, auth = token) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => undefined) };
    };

    // API calls: a survey round and its codes
    const [facility] = (await api('GET', '/api/v1/facilities?q=Lærkereden')).json.items;
    const version = (await api('GET', '/api/v1/quality-models')).json.items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const today = danishToday();
    const round = await api('POST', '/api/v1/survey-rounds', {
      facilityId: facility.id,
      questionnaireKey: 'beboere',
      modelVersionId: version.id,
      periodStart: today,
      periodEnd: today,
      confirmRecent: true, // the demo has a round there already
    });
    expect(round).toMatchObject({ status: 201 });
    const issued = await api('POST', `/api/v1/survey-rounds/${round.json.id}/invitations`, { count: 4 });
    expect(issued).toMatchObject({ status: 201 });
    const codes: string[] = issued.json.codes;
    for (const code of codes) {
      secrets.set(code, 'survey code');
      secrets.set(code.replace('-', ''), 'survey code (without dash)');
    }

    // survey answers with a code: in the body (API and form), in a query and in a path
    expect((await api('POST', '/api/v1/survey-responses', { code: codes[0], answers: { B01: 5 } }, '')).status).toBe(
      201,
    );
    expect((await api('POST', '/api/v1/survey-responses/open', { code: codes[1] }, '')).status).toBe(200);
    await fetch(`${base}/svar?kode=${codes[2]}`);
    await fetch(`${base}/svar/${codes[3].replace('-', '')}`);
    await fetch(`${base}/api/v1/survey-responses/${codes[3]}?token=${token}`);

    // a page with a session: form login with the CSRF token, then pages on the session cookie
    const jar = new Jar();
    const form = await fetch(`${base}/login`);
    jar.take(form);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    secrets.set(csrf, 'CSRF token');
    const signedIn = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header },
      body: new URLSearchParams({ email: 'region@tilsyn.demo', password: PASSWORD, _csrf: csrf, next: '/' }),
    });
    expect(signedIn.status).toBe(303);
    jar.take(signedIn);
    const sid = jar.values.get('tilsyn.sid')!;
    secrets.set(sid, 'session cookie');
    secrets.set(decodeURIComponent(sid).slice(2).split('.')[0], 'session id');
    const home = await fetch(`${base}/`, { headers: { cookie: jar.header } });
    expect(home.status).toBe(200);
    const pageCsrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1];
    if (pageCsrf) secrets.set(pageCsrf, 'CSRF token of the session');
    await fetch(`${base}/tilbud`, { headers: { cookie: jar.header, 'x-csrf-token': csrf } });

    // failing requests: a wrong password, a forged token, an unknown code, a write without CSRF token
    expect(
      (
        await fetch(`${base}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'region@tilsyn.demo', password: WRONG_PASSWORD }),
        })
      ).status,
    ).toBe(401);
    expect((await api('GET', '/api/v1/facilities', undefined, FORGED_TOKEN)).status).toBe(401);
    expect((await api('POST', '/api/v1/survey-responses', { code: codes[0], answers: { B01: 1 } }, '')).status).toBe(
      422,
    );
    const refused = await fetch(`${base}/logout`, {
      method: 'POST',
      headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(refused.status).toBe(403);

    await new Promise((r) => setTimeout(r, 500)); // the last lines reach the pipe
    const log = server.output();
    // the requests were logged, with what is safe to keep
    expect(log).toContain('"url":"/api/v1/survey-responses"');
    expect(log).toContain('"url":"/svar?kode=[REDACTED]"');
    expect(log).toContain('"url":"/svar/[REDACTED]"');
    expect(log).toContain('"url":"/api/v1/survey-responses/[REDACTED]?token=[REDACTED]"');
    expect(log).toContain('"authorization":"[REDACTED]"');
    expect(log).toContain('"cookie":"[REDACTED]"');
    expect(log).toContain('"set-cookie":"[REDACTED]"');
    expect(log).toContain('"statusCode":401');
    expect(log.split('\n').length).toBeGreaterThan(30);
    const found = [...secrets].filter(([value]) => log.includes(value)).map(([value, what]) => `${what}: ${value}`);
    expect(found).toEqual([]);
  });
});
