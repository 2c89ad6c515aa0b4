import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Pool } from 'undici';
import { thisYear } from '#libs/core';
import type { TransactionHost } from '#libs/database';
import { SyntheticRegion } from '#libs/demo';
import { ScoresRepository } from '#libs/scoring';
import { startBenchApp, token } from './lib/bench-app.js';
import { interleave, printComparison } from './lib/compare.js';
import type { LoadResult } from './lib/load.js';
import { recordSql } from './lib/sql-recorder.js';

const SAME = "bare SQL (the page's statements)";
const AGGREGATE = 'bare SQL (aggregate reads only)';

/**
 * The leader dashboard and the region overview on a synthetic region, each against the bare SQL of
 * the same reads: every statement the page sends, caught on the wire and sent straight through pg
 * (no Nest). The aggregate reads alone (the stored scores) are shown beside. Interleaved slices.
 */
export async function scoresBench(
  opts = {
    facilities: Number(process.env.BENCH_FACILITIES ?? 1000),
    years: 10,
    concurrency: 4,
    slices: 10,
    sliceMs: 800,
  },
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
    // pages are HTML, read as bytes: decoding them would be the bench's work in the app's process
    const page = (path: string, t: string) => async () => {
      const res = await http.request({ method: 'GET', path, headers: { authorization: `Bearer ${t}` } });
      await res.body.arrayBuffer();
      return res.statusCode === 200;
    };
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

    // Every statement one page view sends (token, access, menu, the aggregates), caught on the wire
    // and replayed bare one after another on one connection, as the request sends them.
    const pageSql = async (path: string, t: string) => {
      await page(path, t)(); // warm: the menu count is cached per user
      const sent = await recordSql(page(path, t));
      if (process.env.BENCH_SQL)
        for (const s of sent) console.log(`  ${path}: ${s.text.replace(/\s+/g, ' ').slice(0, 160)}`);
      return async () => {
        const connection = await pool.connect();
        try {
          for (const s of sent) await connection.query(s.text, s.values);
        } finally {
          connection.release();
        }
        return sent.length;
      };
    };
    const interleaved = async (aggregate: () => Promise<unknown>, path: string, t: string) => {
      const replay = await pageSql(path, t);
      const statements = await replay();
      const results = await interleave({
        concurrency: opts.concurrency,
        slices: opts.slices,
        sliceMs: opts.sliceMs,
        contenders: {
          [SAME]: async () => (await replay()) > 0,
          [AGGREGATE]: async () => {
            await aggregate();
            return true;
          },
          page: page(path, t),
        },
      });
      return { results, statements };
    };
    const dashboard = await interleaved(
      () => Promise.all([history, quartiles].map((q) => pool.query(q.text, q.params))),
      `/resultater/tilbud/${facility.id}`,
      leader,
    );
    const overview = await interleaved(() => pool.query(heatMap.text, heatMap.params), '/resultater/region', region);
    const goals = (r: Record<string, LoadResult>) => {
      const ratio = (at: 'p50' | 'p95') => (r.page[at] / r[SAME][at]).toFixed(2);
      return [`page p50 ≤ 1.5× bare SQL: ${ratio('p50')}×`, `page p95 ≤ 1.5× bare SQL: ${ratio('p95')}×`];
    };
    const setting = `${opts.concurrency} concurrent clients, ${opts.slices} interleaved slices of ${opts.sliceMs} ms, ${rows} stored scores`;
    printComparison(
      `Leader dashboard (facility history + region quartiles; the page sends ${dashboard.statements} statements), ${setting}`,
      dashboard.results,
      SAME,
      goals(dashboard.results),
    );
    printComparison(
      `Region overview (heat map, first page of 100; the page sends ${overview.statements} statements), ${setting}`,
      overview.results,
      SAME,
      goals(overview.results),
    );
    return { dashboard: dashboard.results, overview: overview.results };
  } finally {
    await pool.end();
    await http.close();
    await stop();
  }
}
