import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { freePort, type ServerProcess, startServer } from '#libs/testing';
import { startBenchApp, token } from './lib/bench-app.js';
import { interleave, printComparison } from './lib/compare.js';
import { crewOf, type Inspector, inspectorFactory, saveAnswer } from './lib/inspectors.js';
import { client } from './lib/load.js';
import { publishVisit } from './lib/published-visit.js';

/**
 * More instances on one PostgreSQL: the built server (`npm start`, jobs in process) started as one
 * and then two processes. Autosave at 20 inspectors spread over the processes, and a batch of
 * reports whose jobs any process may take; each with one process, then with two.
 */
export async function scaleBench(opts = { inspectors: 20, slices: 6, sliceMs: 1500, reports: 40 }) {
  // the in-process app only prepares data (users, visits, a published visit); it runs no jobs
  const { app, baseUrl, stop } = await startBenchApp();
  const url = (app.get(DataSource).options as { url: string }).url;
  const servers: ServerProcess[] = [];
  const start = async () => {
    const server = await startServer({
      DATABASE_URL: url,
      PORT: String(await freePort()),
      SEED_DEMO: 'false',
      JOBS_IN_PROCESS: 'true',
      LOGIN_RATE_LIMIT: '1000',
      NODE_ENV: 'development',
    });
    servers.push(server);
    return server;
  };
  const clients: ReturnType<typeof client>[] = [];
  try {
    const inspector = await inspectorFactory(app, baseUrl);
    const inspectors: Inspector[] = [];
    for (let i = 0; i < opts.inspectors; i++) inspectors.push(await inspector(i));
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const visitId = await publishVisit(baseUrl, await crewOf(app, baseUrl), { date: '2026-10-01' });
    const db = app.get(DataSource);

    const autosave = async (label: string) => {
      const http = servers.map((s) => client(s.base, opts.inspectors));
      clients.push(...http);
      return interleave({
        concurrency: opts.inspectors,
        slices: opts.slices,
        sliceMs: opts.sliceMs,
        contenders: {
          [label]: async (w, n) => {
            const worker = inspectors[w];
            // inspector w always talks to the same process, as a load balancer with sticky sessions would
            const res = await saveAnswer(
              http[w % http.length],
              worker,
              worker.indicators[n % worker.indicators.length],
              n,
            );
            return res.status === 200;
          },
        },
      });
    };
    const batch = async () => {
      const t0 = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < opts.reports; i++) {
        const res = await fetch(`${servers[i % servers.length].base}/api/v1/reports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${region}`, 'content-type': 'application/json' },
          body: JSON.stringify({ visitId }),
        });
        ids.push(((await res.json()) as { id: string }).id);
      }
      for (;;) {
        const [{ open }] = await db.query(
          `select count(*) filter (where status in ('queued', 'rendering'))::int as open from report where id = any($1)`,
          [ids],
        );
        if (!open) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return ((performance.now() - t0) / 1000) as number;
    };

    await start();
    const one = await autosave('autosave, 1 process');
    const batchOne = await batch();
    await start();
    const two = await autosave('autosave, 2 processes');
    const batchTwo = await batch();
    printComparison(
      `More instances on one PostgreSQL: autosave at ${opts.inspectors} inspectors (${opts.slices} slices of ${opts.sliceMs} ms)`,
      { ...one, ...two },
      'autosave, 1 process',
    );
    const perMinute = (s: number) => ((opts.reports / s) * 60).toFixed(0);
    console.log(
      `  batch of ${opts.reports} reports: 1 process ${batchOne.toFixed(1)} s (${perMinute(batchOne)}/min), 2 processes ${batchTwo.toFixed(1)} s (${perMinute(batchTwo)}/min), ×${(batchOne / batchTwo).toFixed(2)}`,
    );
    console.log(
      `  (this machine has ${(await import('node:os')).availableParallelism()} cores for PostgreSQL, the processes and Chromium together)`,
    );
    return { one, two, batchOne, batchTwo };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    for (const s of servers) await s.stop();
    await stop();
  }
}
