import { hashPassword, Role, UsersRepository } from '#libs/auth';
import { startBareNest, startBenchApp, token } from './lib/bench-app.js';
import { client, fmt, load } from './lib/load.js';

/**
 * Checklist autosave under concurrent inspectors: each inspector autosaves answers on their own
 * visit (PUT with the version they hold), against a bare Nest PUT route in the same process.
 */
export async function autosaveBench(opts = { inspectors: 20, seconds: 10 }) {
  const { app, baseUrl, stop } = await startBenchApp();
  const bare = await startBareNest();
  const bareClient = client(bare.baseUrl, opts.inspectors);
  const appClient = client(baseUrl, opts.inspectors);
  try {
    const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
    const get = async (path: string, t: string) =>
      (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${t}` } })).json();
    const facility = (await get('/api/v1/facilities?q=Lærkereden', region))[0];
    const version = (await get('/api/v1/quality-models', region)).find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    );
    const passwordHash = await hashPassword('bench-password');
    const workers: { token: string; visitId: string; indicators: string[]; versions: Map<string, number> }[] = [];
    for (let i = 0; i < opts.inspectors; i++) {
      const u = await app
        .get(UsersRepository)
        .create({ email: `bench${i}@tilsyn.bench`, name: `Inspektør ${i}`, role: Role.Inspector, passwordHash });
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
      workers.push({ token: t, visitId: visit.id, indicators, versions: new Map<string, number>() });
    }
    const body = (n: number) => ({
      assessment: 'rated',
      rating: (n % 5) + 1,
      justification: `Begrundelse nr. ${n}: beboerne fortæller om deres mål og hverdag.`,
      evidence: [{ source: 'interview_resident', note: 'To beboere' }],
    });
    const duration = opts.seconds * 1000;

    const baseline = await load({
      concurrency: opts.inspectors,
      durationMs: duration,
      request: async (w, n) => {
        const res = await bareClient.request('PUT', `/bare/${w}`, {}, { ...body(n), version: n });
        return res.status === 200;
      },
    });
    const autosave = await load({
      concurrency: opts.inspectors,
      durationMs: duration,
      request: async (w, n) => {
        const worker = workers[w];
        const indicator = worker.indicators[n % worker.indicators.length];
        const res = await appClient.request(
          'PUT',
          `/api/v1/visits/${worker.visitId}/answers/${indicator}`,
          { authorization: `Bearer ${worker.token}` },
          {
            ...body(n),
            version: worker.versions.get(indicator) ?? 0,
          },
        );
        if (res.status === 200) worker.versions.set(indicator, res.json.version);
        return res.status === 200;
      },
    });
    console.log(`\nChecklist autosave, ${opts.inspectors} concurrent inspectors, ${opts.seconds} s each`);
    console.log(`  bare Nest PUT route   ${fmt(baseline)}`);
    console.log(`  autosave (PUT answer) ${fmt(autosave)}`);
    console.log(
      `  ratio autosave/bare: throughput ${(autosave.rps / baseline.rps).toFixed(2)}×, p99 ${(autosave.p99 / baseline.p99).toFixed(1)}× (goal: throughput ≥ 0.5×)`,
    );
    return { baseline, autosave };
  } finally {
    await Promise.all([bareClient.close(), appClient.close()]);
    await bare.stop();
    await stop();
  }
}
