import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { api, Role, startTestApp, TEST_PASSWORD, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('configuration', () => {
  it('lists every invalid setting with its name and rule', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'production' })).toThrow(
      /PORT="eighty".*\n.*DATABASE_URL="mysql:\/\/x": DATABASE_URL must start with postgres:\/\/.*\n.*SESSION_SECRET/s,
    );
  });

  it('uses defaults for what is not set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: '.data', SEED_DEMO: true, NODE_ENV: 'development' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.JOBS_IN_PROCESS).toBe(true);
  });

  it('loads no demo in production, and refuses SEED_DEMO=true there; SESSION_SECRET and PUBLIC_URL are required', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://tilsyn.region.test',
    };
    expect(loadConfig(production).SEED_DEMO).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(() => loadConfig({ ...production, SEED_DEMO: 'true' })).toThrow(
      /SEED_DEMO="true": demo data is never loaded when NODE_ENV=production.*npm run cli -- users:create/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET=undefined: SESSION_SECRET is required.*\n.*PUBLIC_URL=undefined: PUBLIC_URL is required/,
    );
    expect(loadConfig({ NODE_ENV: 'test' }).SEED_DEMO).toBe(true);
    expect(loadConfig({ JOBS_IN_PROCESS: 'false' }).JOBS_IN_PROCESS).toBe(false);
  });
});

describe('platform endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createServerApp, { LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers GET /health with the database state', async () => {
    const res = await api(t, undefined, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await api(t, undefined, 'GET', '/api/docs-json');
    expect(doc.json.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/token', '/api/v1/facilities/{id}']),
    );
    expect(doc.json.paths['/login']).toBeUndefined();
    expect((await api(t, undefined, 'GET', '/api/docs')).text).toContain('swagger-ui');
  });

  it('answers unknown API paths with a 404 problem and unknown pages with a Danish page', async () => {
    const res = await api(t, undefined, 'GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
    const page = await fetch(`${t.baseUrl}/nothing-here`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<h1>Ikke fundet</h1>');
  });

  it('sends pages with a strict Content-Security-Policy and a request id', async () => {
    const res = await fetch(`${t.baseUrl}/login`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses a cookie-authenticated form post without the CSRF token', async () => {
    const res = await fetch(`${t.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a@b.dk&password=x',
    });
    expect(res.status).toBe(403);
  });

  it('serves pages to a bearer-token client without making it a session (no row per request)', async () => {
    const user = await t.newUser(Role.RegionStaff);
    const token = await tokenFor(t, user.email);
    const sessions = async () =>
      Number((await t.app.get(DataSource).query(`select count(*) from user_session`))[0].count);
    const before = await sessions();
    for (let i = 0; i < 3; i++) expect((await api(t, token, 'GET', '/tilbud')).status).toBe(200);
    expect(await sessions()).toBe(before);
  });

  it('limits failed logins per minute with 429, refusing even the right password until the minute is over', async () => {
    const user = await t.newUser(Role.Inspector);
    const attempt = (password: string) =>
      api(t, undefined, 'POST', '/api/v1/auth/token', { email: user.email, password });
    expect((await attempt('wrong-1')).status).toBe(401);
    expect((await attempt('wrong-2')).status).toBe(401);
    expect((await attempt('wrong-3')).status).toBe(401);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.json.title).toBe('For mange forsøg');
  });
});
