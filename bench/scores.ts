import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Pool } from 'undici';
import { thisYear } from '#libs/core';
import type { TransactionHost } from '#libs/database';
import { SyntheticRegion } from '#libs/demo';
import { ScoresRepository } from '#libs/scoring';
import { startBenchApp, token } from './lib/bench-app.js';
import { type LoadResult, load } from './lib/load.js';

const p95 = (r: LoadResult) =>
  `p95 ${r.p95.toFixed(1).padStart(6)} ms  p50 ${r.p50.toFixed(1).padStart(6)} ms  (${r.requests} requests, ${r.errors} errors)`;

/**
 * The leader dashboard and the region overview on a synthetic region, each against the bare SQL of
 * its aggregate (the stored scores it reads, straight through pg, no Nest) in the same run.
 */
export async function scoresBench(
  opts = { facilities: Number(process.env.BENCH_FACILITIES ?? 1000), years: 10, concurrency: 4, seconds: 8 },
) {
  const { app, baseUrl, stop } = await startBenchApp();
  const http = new Pool(baseUrl, { connections: opts.concurrency });
  const db = app.get(DataSource);
  const url = (db.options as { url: string }).url;
  const pool = new pg.Pool({ connectionString: url, max: opts.concurrency });
  try {
    const started = performance.now();
    const made = await app
      .get(SyntheticRegion)
      .generate({ facilities: opts.facilities, years: opts.years, lastYear: thisYear() - 1 });
    console.log(
      `\nSynthetic region: ${made.facilities} facilities, ${made.visits} published visits, ${made.answers} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const [facility] = await db.query(`select id from facility where name = 'Syntetisk tilbud 0001'`);
    await db.query(
      `insert into facility_leader (facility_id, user_id) select $1, id from app_user where email = 'leder@tilsyn.demo'`,
      [facility.id],
    );
    const [{ version }] = await db.query(
      `select model_version_id as version from score_node where level = 'overall' limit 1`,
    );
    const leader = await token(baseUrl, 'leder@tilsyn.demo', 'tilsyn-demo');
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const [{ rows }] = await db.query(`select count(*)::int as rows from score_node`);
    // pages are HTML, so read the body as text (the shared client parses JSON)
    const page = (path: string, t: string) => async () => {
      const res = await http.request({ method: 'GET', path, headers: { authorization: `Bearer ${t}` } });
      await res.body.text();
      return res.statusCode === 200;
    };
    const run = (request: () => Promise<boolean>) =>
      load({ concurrency: opts.concurrency, durationMs: opts.seconds * 1000, request });

    // the very SQL the repository sends, caught by a stand-in connection, then run bare through pg
    const captured: { text: string; params: unknown[] }[] = [];
    const recorder = new ScoresRepository({
      tx: {
        query: async (text: string, params: unknown[] = []) => {
          captured.push({ text, params });
          return [];
        },
      },
    } as unknown as TransactionHost);
    await recorder.history(facility.id, ['indicator', 'criterion', 'standard', 'overall']);
    await recorder.quartilesFor(facility.id);
    await recorder.overview(version, {}, { limit: 100, offset: 0 });
    const [history, quartiles, heatMap] = captured;

    const bareDashboard = await run(async () => {
      await Promise.all([history, quartiles].map((q) => pool.query(q.text, q.params)));
      return true;
    });
    const dashboard = await run(page(`/resultater/tilbud/${facility.id}`, leader));
    const bareOverview = await run(async () => {
      await pool.query(heatMap.text, heatMap.params);
      return true;
    });
    const overview = await run(page('/resultater/region', region));

    console.log(`Scores, ${opts.concurrency} concurrent clients, ${opts.seconds} s each, ${rows} stored scores`);
    console.log(`  bare SQL: facility history + region quartiles  ${p95(bareDashboard)}`);
    console.log(`  leader dashboard page                          ${p95(dashboard)}`);
    console.log(`  bare SQL: heat map, first page of 100          ${p95(bareOverview)}`);
    console.log(`  region overview page                           ${p95(overview)}`);
    const ratio = (page: LoadResult, bare: LoadResult, at: 'p50' | 'p95') => `${(page[at] / bare[at]).toFixed(2)}×`;
    console.log(
      `  ratio page/SQL p95: dashboard ${ratio(dashboard, bareDashboard, 'p95')}, overview ${ratio(overview, bareOverview, 'p95')} (goal ≤ 1.5×); overview p95 ${overview.p95.toFixed(0)} ms (goal ≤ 100 ms)`,
    );
    // the bare reads take a millisecond or two, so p95 is mostly the shared machine's noise: p50 for comparison
    console.log(
      `  ratio page/SQL p50: dashboard ${ratio(dashboard, bareDashboard, 'p50')}, overview ${ratio(overview, bareOverview, 'p50')}`,
    );
    return { bareDashboard, dashboard, bareOverview, overview };
  } finally {
    await pool.end();
    await http.close();
    await stop();
  }
}
