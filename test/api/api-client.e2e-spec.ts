import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import openapiTS, { astToString } from 'openapi-typescript';
import { DEMO_PASSWORD, DemoVisitSeed } from '#libs/demo';
import { ReportRenderService } from '#libs/reporting';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

/**
 * An integrator's view (issue 19): a TypeScript client generated from the committed openapi.json
 * with openapi-typescript, used through openapi-fetch by a small script that must type-check
 * (strict) and run green against the running app.
 */
describe('a client generated from openapi.json', () => {
  let t: TestApp;
  let dir: string;
  let reportSha: string;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    await t.run(() => t.app.get(DemoVisitSeed).run());
    // a rendered report to download (the worker's job, run here as reports.e2e-spec does)
    const region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    const [visit] = (await api(t, region, 'GET', '/api/v1/visits?status=published')).json.items;
    const requested = await api(t, region, 'POST', '/api/v1/reports', { visitId: visit.id });
    expect(requested.status).toBe(202);
    await t.run(() => t.app.get(ReportRenderService).render(requested.json.id));
    const pdf = await fetch(`${t.baseUrl}/api/v1/reports/${requested.json.id}/pdf`, {
      headers: { authorization: `Bearer ${region}` },
    });
    reportSha = createHash('sha256')
      .update(Buffer.from(await pdf.arrayBuffer()))
      .digest('hex');

    mkdirSync(join(root, 'dist'), { recursive: true });
    dir = mkdtempSync(join(root, 'dist', 'api-client-'));
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('generates, type-checks and runs: a token, facilities page by page, scores and a report PDF', async () => {
    const spec = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
    writeFileSync(join(dir, 'schema.d.ts'), astToString(await openapiTS(spec)));
    copyFileSync(join(root, 'test/api/client-script.ts.txt'), join(dir, 'script.ts'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          strict: true,
          noUncheckedIndexedAccess: true,
          outDir: 'out',
        },
        files: ['script.ts', 'schema.d.ts'],
      }),
    );
    // type errors fail here, with tsc's messages
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir]).catch(
      (e: { stdout: string }) => {
        throw new Error(`the client script does not type-check:\n${e.stdout}`);
      },
    );
    const { stdout } = await run(process.execPath, [
      join(dir, 'out/script.js'),
      t.baseUrl,
      'region@tilsyn.demo',
      DEMO_PASSWORD,
    ]);
    const out = JSON.parse(stdout);
    const listed = (await api(t, await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD), 'GET', '/api/v1/facilities'))
      .json;
    expect(out).toEqual({
      user: 'region_staff',
      facilities: listed.items.map((f: { name: string }) => f.name),
      total: listed.total,
      pages: Math.ceil(listed.total / 2),
      overall: expect.stringMatching(/^(Grøn|Gul|Rød)$/),
      standards: expect.any(Number),
      pdfHeader: '%PDF-',
      pdfBytes: expect.any(Number),
      pdfSha256: reportSha,
      missing: [404, '/problems/not-found'],
    });
    expect(out.pages).toBeGreaterThan(1);
    expect(out.standards).toBeGreaterThan(0);
  });
});
