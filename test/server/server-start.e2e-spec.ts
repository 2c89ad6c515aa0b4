import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  spawnServer,
  startServer,
  type TestDatabase,
} from '#libs/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function token(base: string, email: string, password: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

/** The built server as `npm start` runs it, on a fresh migrated database, with the demo seeded. */
describe('the server as npm start runs it', () => {
  let db: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer({ LOG_LEVEL: 'info', DATABASE_URL: db.url, PORT: String(await freePort()) });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('prints a short start: the address, where the data is, that jobs run here, the demo users; routes only at debug', () => {
    const out = server.output();
    expect(out).toContain(`Tilsyn kører på ${server.base}`);
    expect(out).toMatch(/Data: +PostgreSQL fra DATABASE_URL \(127\.0\.0\.1:\d+\/\w+\)/);
    expect(out).toMatch(/Baggrundsjob: +kører i denne proces/);
    expect(out).toContain(`Offentlig adresse: ${server.base}/`);
    expect(out).toContain('leder@tilsyn.demo');
    expect(out).not.toContain('Mapped {');
    expect(out).not.toContain('dependencies initialized');
    expect(out).not.toContain('tilsyn-embedded'); // no database password
    expect(out.split('\n').length).toBeLessThan(40);
  });

  it('prints the demo users and shows the demo leader stored scores from the demo visit and survey', async () => {
    const { token: leader } = (await (await token(server.base, 'leder@tilsyn.demo', 'tilsyn-demo')).json()) as {
      token: string;
    };
    const auth = { authorization: `Bearer ${leader}` };
    const start = await fetch(`${server.base}/resultater`, { headers: auth });
    const page = await start.text();
    const facility =
      /href="\/resultater\/tilbud\/([0-9a-f-]{36})">Bostedet Lærkereden/.exec(page)?.[1] ??
      /\/resultater\/tilbud\/([0-9a-f-]{36})/.exec(start.url)?.[1];
    expect(facility).toBeDefined();
    const dashboard = await (await fetch(`${server.base}/resultater/tilbud/${facility}`, { headers: auth })).text();
    expect(dashboard).toContain('Aktuelle scorer');
    expect(dashboard).not.toContain('Der er endnu ingen offentliggjorte tilsynsbesøg');
  });

  it('renders a requested tilsyn report as PDF without a separate worker: jobs run in the server process', async () => {
    const { token: region } = (await (await token(server.base, 'region@tilsyn.demo', 'tilsyn-demo')).json()) as {
      token: string;
    };
    const call = (method: string, path: string, body?: object) =>
      fetch(`${server.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${region}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const [visit] = (await call('GET', '/api/v1/visits')).json.items.filter(
      (v: { status: string }) => v.status === 'published',
    );
    const requested = await call('POST', '/api/v1/reports', { visitId: visit.id });
    expect(requested).toMatchObject({ status: 202, json: { status: 'queued' } });
    let report = requested.json;
    for (const deadline = Date.now() + 90_000; report.status !== 'done' && Date.now() < deadline; await sleep(250))
      report = (await call('GET', `/api/v1/reports/${report.id}`)).json;
    expect(report).toMatchObject({ status: 'done', attempts: 1, pageCount: expect.any(Number) });
    const pdf = await fetch(`${server.base}/api/v1/reports/${report.id}/pdf`, {
      headers: { authorization: `Bearer ${region}` },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(server.output()).toMatch(/"queue":"reporting\.render-report".*"msg":"Handling jobs"/);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});

describe('the server in production mode', () => {
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'a-production-secret-of-at-least-32-chars',
    PUBLIC_URL: 'https://tilsyn.region.test',
  };

  it('refuses to start with the demo data, naming SEED_DEMO and how to make the first user', async () => {
    const server = spawnServer({ ...production, SEED_DEMO: 'true', PORT: String(await freePort()) });
    expect(await server.exited).toBe(78);
    expect(server.output()).toContain('SEED_DEMO="true"');
    expect(server.output()).toContain('never loaded when NODE_ENV=production');
    expect(server.output()).toContain('npm run cli -- users:create');
  });

  it('refuses to start without SESSION_SECRET and PUBLIC_URL, naming both', async () => {
    const server = spawnServer({ NODE_ENV: 'production', PORT: String(await freePort()) });
    expect(await server.exited).toBe(78);
    expect(server.output()).toContain('SESSION_SECRET is required when NODE_ENV=production');
    expect(server.output()).toContain('PUBLIC_URL is required when NODE_ENV=production');
  });

  describe('started with its required settings', () => {
    let db: TestDatabase;
    let server: ServerProcess;
    beforeAll(async () => {
      db = await createTestDatabase();
      server = await startServer({
        ...production,
        LOG_LEVEL: 'info',
        DATABASE_URL: db.url,
        PORT: String(await freePort()),
      });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it('creates no demo data and no demo users: the demo login fails', async () => {
      expect(server.output()).not.toContain('tilsyn.demo');
      expect(server.output()).toContain('Offentlig adresse: https://tilsyn.region.test/');
      for (const email of ['region@tilsyn.demo', 'inspektor@tilsyn.demo', 'leder@tilsyn.demo'])
        expect((await token(server.base, email, 'tilsyn-demo')).status).toBe(401);
      const sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
      try {
        expect((await sql.query('select count(*)::int as n from app_user')).rows[0].n).toBe(0);
        expect((await sql.query('select count(*)::int as n from facility')).rows[0].n).toBe(0);
      } finally {
        await sql.end();
      }
    });
  });
});
