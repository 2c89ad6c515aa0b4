import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  createTestDatabase,
  formLogin,
  freePort,
  printed,
  type ServerProcess,
  spawnServer,
  type TestDatabase,
} from '#libs/testing';
import { migrations } from '../../migrations/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REPORTS = 20;

/**
 * Scaling out: two servers, each running jobs in its own process, on one PostgreSQL. They start
 * together on an empty database, share sessions and the job queue, and render each report once.
 */
describe('two servers on one PostgreSQL', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const common = {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
      SESSION_SECRET: 'one-secret-shared-by-every-server-of-this-installation',
    };
    // started at the same instant; only one seeds the demo (seeding is for development, on one process)
    a = spawnServer({ ...common, PORT: String(await freePort()), SEED_DEMO: 'true' });
    b = spawnServer({ ...common, PORT: String(await freePort()), SEED_DEMO: 'false' });
    await Promise.all([printed(a, 'Tilsyn kører på'), printed(b, 'Tilsyn kører på')]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end();
    await db?.drop();
  });

  it('runs the migrations once when both start together on an empty database', async () => {
    const applied = [a, b].map((s) => /Applied (\d+) migration\(s\)/.exec(s.output())?.[1]);
    expect(applied.filter(Boolean)).toEqual([String(migrations.length)]);
    expect([a, b].filter((s) => s.output().includes('Database schema is up to date'))).toHaveLength(1);
    const { rows } = await sql.query('select name, count(*)::int as n from schema_migration group by name');
    expect(rows).toHaveLength(migrations.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('keeps a session made on one server valid on the other', async () => {
    const cookie = await formLogin(a.base, 'region@tilsyn.demo', 'tilsyn-demo');
    const onB = await fetch(`${b.base}/`, { headers: { cookie }, redirect: 'manual' });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('Log ud');
    expect((await fetch(`${b.base}/`, { redirect: 'manual' })).status).toBe(303); // without the cookie: to login
  });

  it(`renders ${REPORTS} reports requested through both servers, each exactly once`, async () => {
    const token = (
      (await (
        await fetch(`${a.base}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'region@tilsyn.demo', password: 'tilsyn-demo' }),
        })
      ).json()) as { token: string }
    ).token;
    const call = async (server: ServerProcess, method: string, path: string, body?: object) => {
      const res = await fetch(`${server.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    };
    const [visit] = (await call(b, 'GET', '/api/v1/visits')).json.items.filter(
      (v: { status: string }) => v.status === 'published',
    );
    const ids: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      const res = await call(i % 2 ? b : a, 'POST', '/api/v1/reports', { visitId: visit.id });
      expect(res.status).toBe(202);
      ids.push(res.json.id);
    }
    const pending = new Set(ids);
    for (const deadline = Date.now() + 300_000; pending.size && Date.now() < deadline; await sleep(500))
      for (const id of [...pending]) {
        const report = (await call(pending.size % 2 ? a : b, 'GET', `/api/v1/reports/${id}`)).json;
        if (report.status === 'done' || report.status === 'failed') pending.delete(id);
      }
    const { rows: reports } = await sql.query('select id, status, attempts from report where id = any($1)', [ids]);
    expect(reports).toHaveLength(REPORTS);
    for (const r of reports) expect(r).toMatchObject({ status: 'done', attempts: 1 });
    const { rows: jobs } = await sql.query(
      `select data->>'reportId' as report, state, retry_count from pgboss.job where name = 'reporting.render-report'`,
    );
    expect(jobs.map((j) => j.report).sort()).toEqual([...ids].sort());
    for (const j of jobs) expect(j).toMatchObject({ state: 'completed', retry_count: 0 });
    // each job done once, by one of the two servers
    const done = (s: ServerProcess) =>
      s
        .output()
        .split('\n')
        .filter((l) => l.includes('"queue":"reporting.render-report"') && l.includes('"msg":"Job done"'))
        .map((l) => JSON.parse(l).jobId as string);
    const [byA, byB] = [done(a), done(b)];
    expect(byA.length + byB.length).toBe(REPORTS);
    expect(new Set([...byA, ...byB]).size).toBe(REPORTS);
    console.log(`reports rendered by server A: ${byA.length}, by server B: ${byB.length}`);
  }, 420_000);
});
