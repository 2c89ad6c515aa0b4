import { createHash } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword, Role, UsersRepository } from '#libs/auth';
import { RequestContext } from '#libs/core';
import { saveAnswerStatement } from '#libs/inspections';
import { startBareNest, startBenchApp, token } from './lib/bench-app.js';
import { interleave, printComparison } from './lib/compare.js';
import { client } from './lib/load.js';
import { recordSql } from './lib/sql-recorder.js';

type Worker = { id: string; token: string; visitId: string; indicators: string[]; versions: Map<string, number> };

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
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const get = async (path: string, t: string) =>
      (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${t}` } })).json();
    const facility = (await get('/api/v1/facilities?q=Lærkereden', region))[0];
    const version = (await get('/api/v1/quality-models', region)).find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const passwordHash = await hashPassword('bench-password');
    const inspector = async (i: number): Promise<Worker> => {
      const u = await app
        .get(UsersRepository)
        .create({ email: `bench${i}@tilsyn.bench`, name: `Inspektør Ærø ${i}`, role: Role.Inspector, passwordHash });
      const t = await token(baseUrl, u.email, 'bench-password');
      const visit = await (
        await fetch(`${baseUrl}/api/v1/visits`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            facilityId: facility.id,
            kind: 'announced',
            plannedDate: '2026-12-01',
            inspectorIds: [u.id],
            modelVersionId: version.id,
          }),
        })
      ).json();
      const indicators: string[] = (await get(`/api/v1/visits/${visit.id}`, t)).indicators.map(
        (x: { id: string }) => x.id,
      );
      return { id: u.id, token: t, visitId: visit.id, indicators, versions: new Map() };
    };
    const workers: Worker[] = [];
    const bareWorkers: Worker[] = [];
    for (let i = 0; i < opts.inspectors; i++) {
      workers.push(await inspector(i));
      bareWorkers.push(await inspector(opts.inspectors + i));
    }
    const body = (n: number) => ({
      assessment: 'rated' as const,
      rating: (n % 4) + 2,
      justification: `Begrundelse nr. ${n}: beboerne fortæller om deres mål og hverdag.`,
      evidence: [{ source: 'interview_resident', note: 'To beboere' }],
    });
    const put = (w: Worker, indicator: string, n: number) =>
      appClient.request(
        'PUT',
        `/api/v1/visits/${w.visitId}/answers/${indicator}`,
        { authorization: `Bearer ${w.token}` },
        { ...body(n), version: w.versions.get(indicator) ?? 0 },
      );

    // What one save sends: caught on the wire, so the baseline is the app's own SQL
    const probe = workers[0];
    const sent = await recordSql(async () => {
      const res = await put(probe, probe.indicators[0], 0);
      probe.versions.set(probe.indicators[0], res.json.version);
    });
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
                fields: { assessment: 'rated', rating: body(n).rating, justification: body(n).justification },
                evidence: body(n).evidence.map((e) => ({ ...e, attachmentId: null, inReport: false })),
              }),
          );
          const { rows } = await pool.query(statement.text, statement.values);
          if (rows[0]) worker.versions.set(indicator, rows[0].version);
          return rows.length === 1;
        },
        'autosave (PUT answer)': async (w, n) => {
          const worker = workers[w];
          const indicator = worker.indicators[n % worker.indicators.length];
          const res = await put(worker, indicator, n);
          if (res.status === 200) worker.versions.set(indicator, res.json.version);
          return res.status === 200;
        },
        'bare Nest PUT route': async (w, n) =>
          (await bareClient.request('PUT', `/bare/${w}`, {}, { ...body(n), version: n })).status === 200,
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
