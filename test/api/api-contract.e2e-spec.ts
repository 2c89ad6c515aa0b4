import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { DEMO_PASSWORD, DemoVisitSeed } from '#libs/demo';
import { api, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { openApiText } from '../../apps/server/src/openapi.js';
import { createServerApp } from '../../apps/server/src/server-app.js';

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
};
type Spec = { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, any> };

const operations = (spec: Spec) =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, op })),
  );

/** The API contract (issue 19): the committed spec is the running app's, valid OpenAPI 3.1, complete. */
describe('the API contract', () => {
  let t: TestApp;
  let served: Spec;
  let region: string;
  let leader: string;

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    await seedDemo(t);
    await t.run(() => t.app.get(DemoVisitSeed).run());
    served = await (await fetch(`${t.baseUrl}/api/docs-json`)).json();
    region = await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD);
    leader = await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('is committed as openapi.json, exactly as the running app serves it', () => {
    const committed = readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8');
    const same = committed === openApiText(served);
    // the message says what to do; the diff below says what changed
    if (!same) expect('openapi.json differs from the running app: run `npm run openapi` and commit it').toBe('');
    expect(JSON.parse(committed)).toEqual(served);
  });

  it('passes an OpenAPI 3.1 validator', async () => {
    expect(served.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(served));
    expect(result.errors ?? []).toEqual([]);
    expect([validator.version, result.valid]).toEqual(['3.1', true]);
  });

  it('gives every operation a typed success answer and the problem answers it can give', () => {
    const ops = operations(served);
    expect(ops.length).toBeGreaterThan(100);
    const problems = (op: Operation, status: number) =>
      op.responses[String(status)]?.content?.['application/problem+json']?.schema;
    const missing = ops.flatMap(({ name, op }) => {
      const success = Object.entries(op.responses).filter(([s]) => Number(s) < 300);
      const gaps: string[] = [];
      if (!success.length) gaps.push(`${name}: no 2xx`);
      for (const [status, r] of success)
        if (status !== '204' && !r.content) gaps.push(`${name}: ${status} without a schema`);
      if (op.security?.length && !(problems(op, 401) && problems(op, 403))) gaps.push(`${name}: no 401/403 problem`);
      if (op.parameters?.some((p) => p.in === 'path') && !(problems(op, 400) && problems(op, 404)))
        gaps.push(`${name}: no 400/404 problem`);
      if ((op.requestBody || op.parameters?.some((p) => p.in === 'query')) && !problems(op, 422))
        gaps.push(`${name}: no 422 problem`);
      if (['post', 'put', 'patch'].includes(name.split(' ')[0].toLowerCase()) && !op.requestBody) {
        const bodiless = ['/copy', '/from-visit/{visitId}'];
        if (!bodiless.some((b) => name.endsWith(b))) gaps.push(`${name}: no request body`);
      }
      return gaps;
    });
    expect(missing).toEqual([]);
    // a problem answer lists its problem types
    const put = served.paths['/api/v1/visits/{id}/answers/{indicatorId}'].put as any;
    expect(put.responses['409'].description).toContain('/problems/visit-not-editable');
    expect(served.components.schemas.ProblemDto.properties.type).toBeDefined();
  });

  it('names each action in its own route (no catch-alls) and does not call the tokens JWTs', () => {
    const params = Object.keys(served.paths).flatMap((p) => [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    expect(params.filter((p) => ['step', 'kind', 'format'].includes(p))).toEqual([]);
    for (const step of ['submit', 'approve', 'return', 'send_for_hearing', 'publish', 'cancel'])
      expect(served.paths[`/api/v1/visits/{id}/${step}`]?.post).toBeDefined();
    for (const kind of ['standards', 'criteria', 'indicators'])
      expect(Object.keys(served.paths[`/api/v1/quality-models/{id}/${kind}/{nodeId}`] ?? {}).sort()).toEqual([
        'delete',
        'patch',
      ]);
    expect(served.paths['/api/v1/reports/{id}/pdf']?.get).toBeDefined();
    expect(served.paths['/api/v1/reports/{id}/html']?.get).toBeDefined();
    expect(served.paths['/api/v1/report-templates/{id}/activate']?.post).toBeDefined();
    expect(served.paths['/api/v1/report-templates/{id}/retire']?.post).toBeDefined();
    expect(served.components.securitySchemes.bearer).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(served.components.securitySchemes.bearer.bearerFormat).toBeUndefined();
  });

  it('pages every list the same way: limit ≤ 200 (default 50), page, total and a next link, in a stable order', async () => {
    const all = await api(t, region, 'GET', '/api/v1/facilities?limit=200');
    expect(all.json).toMatchObject({ page: 1, limit: 200, next: null });
    expect(all.json.total).toBe(all.json.items.length);
    expect(all.json.total).toBeGreaterThan(3);
    const seen: string[] = [];
    let next: string | null = '/api/v1/facilities?limit=2';
    let pages = 0;
    while (next) {
      const res = await api(t, region, 'GET', next);
      expect(res.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.items.map((f: { id: string }) => f.id));
      next = res.json.next;
      pages++;
    }
    expect(seen).toEqual(all.json.items.map((f: { id: string }) => f.id));
    expect(pages).toBe(Math.ceil(all.json.total / 2));
    expect((await api(t, region, 'GET', '/api/v1/facilities')).json.limit).toBe(50);
    const filtered = await api(t, region, 'GET', '/api/v1/facilities?limit=1&q=Bostedet');
    if (filtered.json.next) expect(filtered.json.next).toContain('q=Bostedet');

    const tooMany = await api(t, region, 'GET', '/api/v1/visits?limit=201');
    expect([tooMany.status, tooMany.json.type, tooMany.json.errors.map((e: { field: string }) => e.field)]).toEqual([
      422,
      '/problems/invalid-input',
      ['limit'],
    ]);
    // every list operation in the spec takes limit and page and answers the envelope
    const lists = operations(served).filter(({ op }) => op.parameters?.some((p) => p.name === 'limit'));
    expect(lists.length).toBeGreaterThanOrEqual(17);
    for (const { op } of lists) expect(op.parameters?.some((p) => p.name === 'page')).toBe(true);
  });

  it('answers scores as JSON with the pages’ access rules and the one judgement', async () => {
    const visits = (await api(t, region, 'GET', '/api/v1/visits?status=published')).json.items;
    expect(visits.length).toBeGreaterThan(0);
    const facilityId = visits[0].facilityId;
    const scores = await api(t, region, 'GET', `/api/v1/facilities/${facilityId}/scores`);
    expect(scores.status).toBe(200);
    const { current } = scores.json;
    expect(current.overall).toEqual(
      expect.objectContaining({ score: expect.any(Number), light: expect.stringMatching(/^(green|yellow|red)$/) }),
    );
    expect(current.standards.length).toBeGreaterThan(0);

    const history = await api(t, region, 'GET', `/api/v1/facilities/${facilityId}/scores/history?level=overall`);
    expect(history.json.items[0]).toMatchObject({ level: 'overall', current: true, judgement: current.overall });

    const indicatorId = current.standards[0].indicators[0]?.id ?? current.standards[0].criteria[0].indicators[0].id;
    const evidence = await api(t, region, 'GET', `/api/v1/facilities/${facilityId}/indicators/${indicatorId}/evidence`);
    expect(evidence.json.trail.length).toBeGreaterThan(0);
    expect(evidence.json.trail[0]).toMatchObject({ visitId: visits[0].id, assessment: expect.any(String) });

    const overview = await api(t, region, 'GET', '/api/v1/scores/region?limit=2');
    expect(overview.json).toMatchObject({
      page: 1,
      limit: 2,
      version: expect.objectContaining({ id: expect.any(String) }),
    });
    expect(overview.json.items.length).toBeLessThanOrEqual(2);
    const scored = (await api(t, region, 'GET', '/api/v1/scores/region?limit=200')).json.items.find(
      (r: { facilityId: string }) => r.facilityId === facilityId,
    );
    expect(scored.cells.at(-1).judgement).toEqual(current.overall);

    // a leader: their own facility only, and not the region's overview
    const mine = (await api(t, leader, 'GET', '/api/v1/facilities')).json.items.map((f: { id: string }) => f.id);
    const other = (await api(t, region, 'GET', '/api/v1/facilities?limit=200')).json.items.find(
      (f: { id: string }) => !mine.includes(f.id),
    );
    const refused = await api(t, leader, 'GET', `/api/v1/facilities/${other.id}/scores`);
    expect([refused.status, refused.json.type]).toEqual([404, '/problems/not-found']);
    expect((await api(t, leader, 'GET', '/api/v1/scores/region')).json.type).toBe('/problems/role-not-allowed');
    expect((await api(t, undefined, 'GET', `/api/v1/facilities/${facilityId}/scores`)).status).toBe(401);
  });
});
