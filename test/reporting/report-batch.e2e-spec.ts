import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { processTree } from '#libs/documents';
import { RenderReport } from '#libs/reporting';
import { api, seedDemo, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';
import { type CliResult, runCli } from '../cli/run-cli.js';
import { startWorker, type WorkerProcess } from '../worker/worker-process.js';
import { publishedVisit, team } from './published-visit.js';

const VISITS = 5;

async function until<T>(
  what: string,
  probe: () => Promise<T | false | undefined>,
  context: () => string = () => '',
  ms = 60_000,
): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) {
    const value = await probe();
    if (value) return value;
  }
  throw new Error(`Timed out waiting for ${what}\n${context()}`);
}

describe('batch generation on the worker', () => {
  let t: TestApp;
  let sql: pg.Client;
  let region: string;

  const states = async () =>
    (await sql.query(`select status, attempts from report order by created_at, id`)).rows as {
      status: string;
      attempts: number;
    }[];

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    const crew = await team(t);
    region = crew.region;
    for (let i = 0; i < VISITS; i++) await publishedVisit(t, crew, { date: `2026-0${i + 1}-10` });
    await publishedVisit(t, crew, { date: '2025-12-01' }); // outside the period
    sql = new pg.Client({ connectionString: t.db.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('refuses a period without published visits', async () => {
    const res = await api(t, region, 'POST', '/api/v1/report-batches', { from: '2020-01-01', to: '2020-12-31' });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ rule: 'hasVisits' })]);
  });

  it('finishes a batch started from the CLI although the worker is killed (SIGKILL) mid-batch, leaving no Chromium behind', async () => {
    const cli = runCli(['reports:batch', '--from', '2026-01-01', '--to', '2026-06-30'], { DATABASE_URL: t.db.url });
    let cliEnded: CliResult | undefined;
    void cli.then((r) => (cliEnded = r));
    let worker = await startWorker(t.db.url);
    const context = () =>
      `CLI: ${cliEnded ? JSON.stringify(cliEnded) : 'running'}\nworker: ${worker.output().slice(-3000)}`;
    try {
      await until(
        'one report done while another renders',
        async () => {
          const s = await states();
          return (
            s.length === VISITS &&
            s.some((r) => r.status === 'done') &&
            s.some((r) => r.status === 'rendering') &&
            s.filter((r) => r.status === 'done').length < VISITS - 1
          );
        },
        context,
      );
      const tree = processTree(workerPid(worker));
      expect(tree.length).toBeGreaterThan(3); // the worker, Chromium and its helpers
      worker.kill('SIGKILL');
      expect(await worker.exited).toBe(null);
      await until('Chromium to die with its worker', async () => tree.every((pid) => !processTree(pid).length));
      const interrupted = (await states()).filter((r) => r.status === 'rendering');
      // the worker holds twice as many reports as its browser has pages (data read while others print)
      expect(interrupted.length).toBeGreaterThanOrEqual(1);
      expect(interrupted.length).toBeLessThanOrEqual(RenderReport.work?.concurrency ?? 0);

      // pg-boss hands a job back once it has run longer than its expiry; make that moment now
      await sql.query(
        `update pgboss.job set started_on = now() - interval '1 hour' where name = 'reporting.render-report' and state = 'active'`,
      );
      worker = await startWorker(t.db.url);
      const done = await cli;
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(done.stdout).toContain(`${VISITS} rapporter er sat i kø`);
      expect(done.stdout).toContain(`Rapporter: ${VISITS}/${VISITS}`);
      expect(done.stdout).toContain(`Færdig: ${VISITS} dannet, 0 fejlet.`);
      const final = await states();
      expect(final.every((r) => r.status === 'done')).toBe(true);
      expect(final.some((r) => r.attempts >= 2)).toBe(true);
    } finally {
      worker.kill('SIGTERM');
      await worker.exited;
    }
  }, 240_000);

  it('shows the finished batch with downloadable reports whose SHA-256 matches', async () => {
    const [batch] = (await api(t, region, 'GET', '/api/v1/report-batches')).json.items;
    expect(batch).toMatchObject({
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      finished: true,
      progress: { total: VISITS, done: VISITS, failed: 0 },
    });
    expect(batch.requestedByName).toMatch(/^cli:/);
    const detail = (await api(t, region, 'GET', `/api/v1/report-batches/${batch.id}`)).json;
    expect(detail.reports).toHaveLength(VISITS);
    for (const r of detail.reports) {
      const report = (await api(t, region, 'GET', `/api/v1/reports/${r.id}`)).json;
      const pdf = Buffer.from(
        await (
          await fetch(`${t.baseUrl}/api/v1/reports/${r.id}/pdf`, { headers: { authorization: `Bearer ${region}` } })
        ).arrayBuffer(),
      );
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(report.files.find((f: { kind: string }) => f.kind === 'pdf').sha256).toBe(
        createHash('sha256').update(pdf).digest('hex'),
      );
    }
  });
});

/** The worker's process id, from its first log line. */
function workerPid(worker: WorkerProcess): number {
  return Number(worker.output().match(/"pid":(\d+),[^\n]*"msg":"Worker started"/)?.[1]);
}
