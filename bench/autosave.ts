import { createHash } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '#libs/auth';
import { RequestContext } from '#libs/core';
import { saveAnswerStatement } from '#libs/inspections';
import { startBareNest, startBenchApp } from './lib/bench-app.js';
import { interleave, printComparison } from './lib/compare.js';
import { answerBody, type Inspector, inspectorFactory, saveAnswer } from './lib/inspectors.js';
import { client } from './lib/load.js';
import { recordSql } from './lib/sql-recorder.js';

/**
 * Checklist autosave under concurrent inspectors, each saving answers on their own visit (PUT with
 * the version they hold). Baseline: the very SQL one save sends (the token lookup and the save
 * statement), sent bare through pg from this process with a pool as large as the app's, on a visit
 * of its own. A bare Nest PUT route shows what the framework alone costs. Interleaved slices.
 */
export async function autosaveBench(opts = { inspectors: 20, slices: 10, sliceMs: 1500 }) {
  const { app, baseUrl, stop } = await startBenchApp();
  const bare = await startBareNest();
  const bareClient = client(bare.baseUrl, opts.inspectors);
  const appClient = client(baseUrl, opts.inspectors);
  // as many connections as the app's own pool (libs/database: max 10)
  const pool = new pg.Pool({ connectionString: (app.get(DataSource).options as { url: string }).url, max: 10 });
  try {
    const inspector = await inspectorFactory(app, baseUrl);
    const workers: Inspector[] = [];
    const bareWorkers: Inspector[] = [];
    for (let i = 0; i < opts.inspectors; i++) {
      workers.push(await inspector(i));
      bareWorkers.push(await inspector(opts.inspectors + i));
    }
    const put = (w: Inspector, indicator: string, n: number) => saveAnswer(appClient, w, indicator, n);

    // What one save sends: caught on the wire, so the baseline is the app's own SQL
    const probe = workers[0];
    const sent = await recordSql(() => put(probe, probe.indicators[0], 0));
    const lookup = sent.find((s) => s.text.includes('api_token'));
    if (!lookup || sent.length !== 2)
      throw new Error(`expected a token lookup and one save, saw ${sent.length} statements`);
    const mayEdit = (sent[1].values[3] as string[]) ?? [];
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

    const results = await interleave({
      concurrency: opts.inspectors,
      slices: opts.slices,
      sliceMs: opts.sliceMs,
      contenders: {
        'bare SQL (same statements)': async (w, n) => {
          const worker = bareWorkers[w];
          const indicator = worker.indicators[n % worker.indicators.length];
          await pool.query(lookup.text, [sha256(worker.token)]);
          const statement = RequestContext.run(
            { user: { id: worker.id, name: 'Inspektør', role: Role.Inspector } },
            () =>
              saveAnswerStatement({
                visitId: worker.visitId,
                indicatorId: indicator,
                userId: worker.id,
                mayEdit,
                expectedVersion: worker.versions.get(indicator) ?? 0,
                fields: {
                  assessment: 'rated',
                  rating: answerBody(n).rating,
                  justification: answerBody(n).justification,
                },
                evidence: answerBody(n).evidence.map((e) => ({ ...e, attachmentId: null, inReport: false })),
              }),
          );
          const { rows } = await pool.query(statement.text, statement.values);
          if (rows[0]) worker.versions.set(indicator, rows[0].version);
          return rows.length === 1;
        },
        'autosave (PUT answer)': async (w, n) => {
          const worker = workers[w];
          const indicator = worker.indicators[n % worker.indicators.length];
          return (await put(worker, indicator, n)).status === 200;
        },
        'bare Nest PUT route': async (w, n) =>
          (await bareClient.request('PUT', `/bare/${w}`, {}, { ...answerBody(n), version: n })).status === 200,
      },
    });
    printComparison(
      `Checklist autosave, ${opts.inspectors} concurrent inspectors, ${opts.slices} interleaved slices of ${opts.sliceMs} ms each`,
      results,
      'bare SQL (same statements)',
      [
        `autosave throughput ≥ 0.5× bare SQL: ${(results['autosave (PUT answer)'].rps / results['bare SQL (same statements)'].rps).toFixed(2)}×`,
        `autosave p99 ≤ 100 ms: ${results['autosave (PUT answer)'].p99.toFixed(0)} ms`,
      ],
    );
    return results;
  } finally {
    await Promise.all([bareClient.close(), appClient.close(), pool.end()]);
    await bare.stop();
    await stop();
  }
}
