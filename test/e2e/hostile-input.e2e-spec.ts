import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Role } from '#libs/auth';
import { DEMO_PASSWORD, DemoVisitSeed } from '#libs/demo';
import { listRoutes, type RouteInfo, seedDemo, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

/**
 * Property-based probe of every route the app declares (pages and API, from Nest's metadata) with
 * hostile values in every DTO field, query and path parameter and in the body as a whole: NUL,
 * integers past 32 bits, impossible dates, null lists, deep nesting, wrong types and content types.
 * Each answer must be a 4xx or a success, never a 5xx; an API 422 must name its fields.
 */

const SEED = 20261203;
/** Hostile values tried per DTO field and per query or path parameter; keeps the run to a few minutes. */
const PER_FIELD = 3;

/** JSON text nested `levels` deep, written out (JSON.stringify itself would overflow on it). */
const deepJson = (levels: number) => `${'{"a":['.repeat(levels / 2)}"bund"${']}'.repeat(levels / 2)}`;
/** Stands for deepJson(5000) inside a value until the body is written. */
const DEEP = 'deep-5000';

const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom(
    '\u0000',
    '',
    '   ',
    'x'.repeat(70_000),
    '\ud800',
    '0000-01-01',
    '2026-02-30',
    '2027-02-29',
    '9999-12-31',
    '2147483648',
    '-2147483649',
    '1e309',
    'NaN',
    'null',
    '00000000-0000-0000-0000-000000000000',
    '/\\evil.invalid/',
    'javascript:alert(1)',
    '=HYPERLINK("http://evil.invalid")',
    "' or 1=1 --",
    '../../etc/passwd',
    '<img src=x onerror=alert(1)>',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      2147483648,
      -2147483649,
      2 ** 53 + 2,
      1e308,
      1.5,
      -1,
      0,
      true,
      null,
      {},
      [],
      [null],
      ['\u0000'],
      { '\u0000': 1 },
      JSON.parse(deepJson(40)),
      DEEP,
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.uuid(), { minLength: 1000, maxLength: 1000 }) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
);

/** Every byte percent-encoded, so even a lone surrogate (sent as U+FFFD) makes a path. */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const sample = <T>(arb: fc.Arbitrary<T>, n: number, offset: number) =>
  fc.sample(arb, { numRuns: n, seed: SEED + offset });

/** class-validator's view of a DTO: each property with the names and constraints of its rules. */
function dtoFields(dto: unknown): Map<string, { rule: string; constraints: unknown[] }[]> {
  const fields = new Map<string, { rule: string; constraints: unknown[] }[]>();
  if (typeof dto !== 'function' || [Object, String, Number, Boolean, Array].includes(dto as never)) return fields;
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const rules = fields.get(m.propertyName) ?? [];
    rules.push({ rule: m.name ?? m.type, constraints: m.constraints ?? [] });
    fields.set(m.propertyName, rules);
  }
  return fields;
}

describe('hostile input on every route', () => {
  let t: TestApp;
  let db: DataSource;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp(createServerApp, { LOGIN_RATE_LIMIT: '100000' });
    await seedDemo(t);
    await t.run(() => t.app.get(DemoVisitSeed).run());
    db = t.app.get(DataSource);
    tokens.set(Role.RegionStaff, await tokenFor(t, 'region@tilsyn.demo', DEMO_PASSWORD));
    tokens.set(Role.Inspector, await tokenFor(t, 'inspektor@tilsyn.demo', DEMO_PASSWORD));
    tokens.set(Role.FacilityLeader, await tokenFor(t, 'leder@tilsyn.demo', DEMO_PASSWORD));
  });
  afterAll(() => t.close());

  /** A real id for a path parameter or id field, so requests reach past "not found" where they can. */
  async function realId(name: string, path: string): Promise<string | undefined> {
    const one = async (sql: string) => (await db.query(sql))[0]?.id as string | undefined;
    const under = (...words: string[]) => words.some((w) => path.includes(`/${w}/:${name}`));
    if (name === 'facilityId' || (name === 'id' && under('facilities', 'tilbud')))
      return one(`select id from facility order by name limit 1`);
    if (name === 'modelVersionId' || name === 'fromId')
      return one(`select id from quality_model_version where status = 'published' limit 1`);
    if (name === 'id' && under('quality-models', 'kvalitetsmodeller'))
      return one(`select id from quality_model_version order by status = 'draft' desc limit 1`);
    if (name === 'nodeId') return one(`select s.id from quality_standard s order by s.id limit 1`);
    if (name === 'indicatorId') return one(`select id from quality_indicator limit 1`);
    if (name === 'visitId' || (name === 'id' && under('visits', 'besoeg')))
      return one(`select id from visit order by status = 'published' desc limit 1`);
    if (name === 'findingId') return one(`select id from finding limit 1`);
    if (name === 'id' && under('survey-rounds', 'undersoegelser')) return one(`select id from survey_round limit 1`);
    if (name === 'id' && under('plans', 'planer')) return one(`select id from follow_up_plan limit 1`);
    if (name === 'itemId' || (name === 'id' && under('items'))) return one(`select id from follow_up_item limit 1`);
    if (name === 'statusId') return one(`select id from follow_up_status limit 1`);
    if (name === 'id' && under('agreements', 'udviklingsaftaler'))
      return one(`select id from development_agreement limit 1`);
    if (name === 'id' && under('reports')) return one(`select id from report limit 1`);
    if (name === 'id' && under('report-templates', 'skabeloner')) return one(`select id from report_template limit 1`);
    if (name === 'inspectorIds') return one(`select id from app_user where role = 'inspector' limit 1`);
    if (name === 'code') return one(`select code as id from facility_type limit 1`);
    if (name === 'kind') return path.includes('/reports/') ? 'pdf' : 'standards';
    if (name === 'format') return 'csv';
    return undefined;
  }

  /** A plausible value for a DTO field from its rules, so one hostile field at a time is what is wrong. */
  async function plausible(name: string, rules: { rule: string; constraints: unknown[] }[], path: string) {
    const has = (rule: string) => rules.find((r) => r.rule === rule);
    const id = await realId(name, path);
    if (has('isUuid')) return has('isArray') ? (id ? [id] : []) : (id ?? '00000000-0000-4000-8000-000000000000');
    if (has('isDateOnly')) return name.toLowerCase().includes('end') ? '2026-09-30' : '2026-06-01';
    const allowed = has('isIn')?.constraints[0] as unknown[] | undefined;
    if (allowed) return allowed[0];
    if (has('isInt')) return Number(has('min')?.constraints[0] ?? 1);
    if (has('isBoolean')) return false;
    if (has('isEmail')) return 'region@tilsyn.demo';
    if (has('isArray')) return [];
    if (has('isObject')) return {};
    if (has('matches')) return name === 'period' ? '2026-2' : '1';
    return 'Prøvetekst';
  }

  const histogram = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;

  async function send(
    route: RouteInfo,
    token: string | undefined,
    path: string,
    init: { body?: BodyInit; type?: string },
    what: string,
  ) {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method: route.method,
      redirect: 'manual',
      headers: {
        accept: route.path.startsWith('/api/') ? 'application/json' : 'text/html',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.type ? { 'content-type': init.type } : {}),
      },
      body: init.body,
    });
    const text = await res.text();
    sent++;
    histogram.set(res.status, (histogram.get(res.status) ?? 0) + 1);
    const where = `${route.method} ${route.path} ${what}`;
    if (res.status >= 500) failures.push(`${res.status} ${where} (request ${res.headers.get('x-request-id')})`);
    if (route.path.startsWith('/api/') && res.status === 422) {
      const problem = JSON.parse(text) as { errors?: { field?: string }[] };
      if (!problem.errors?.length || problem.errors.some((e) => !e.field))
        failures.push(`422 without field names ${where}: ${text.slice(0, 300)}`);
    }
    return res.status;
  }

  it('answers every hostile request with a 4xx (fields named) or a success, never a 5xx', async () => {
    const routes = listRoutes(t.app).filter((r) => r.path !== '/logout');
    expect(routes.length).toBeGreaterThan(100);
    const allFieldNames = new Set<string>();
    for (const r of routes)
      for (const a of r.args) for (const name of dtoFields(a.type).keys()) allFieldNames.add(name);
    let offset = 0;

    for (const route of routes) {
      const roles = route.access?.public === false ? route.access.roles : [];
      const token = route.access?.public ? undefined : tokens.get(roles[0] ?? Role.RegionStaff);
      const params = Object.fromEntries(
        await Promise.all(
          [...route.path.matchAll(/:(\w+)/g)].map(async ([, name]) => [
            name,
            (await realId(name, route.path)) ?? '00000000-0000-4000-8000-000000000000',
          ]),
        ),
      ) as Record<string, string>;
      const url = (p: Record<string, string>, query: Record<string, string> = {}) => {
        const qs = new URLSearchParams(query).toString();
        return route.path.replace(/:(\w+)/g, (_, n) => percentEncoded(p[n])) + (qs ? `?${qs}` : '');
      };

      // path parameters
      for (const name of Object.keys(params))
        for (const v of sample(hostileText, PER_FIELD, offset++))
          await send(route, token, url({ ...params, [name]: v }), {}, `path ${name}=${JSON.stringify(v).slice(0, 40)}`);

      // query parameters, named or a DTO's fields
      const queryNames = route.args
        .filter((a) => a.source === 'query')
        .flatMap((a) => (a.name ? [a.name] : [...dtoFields(a.type).keys()]));
      for (const name of queryNames)
        for (const v of sample(hostileText, PER_FIELD, offset++))
          await send(route, token, url(params, { [name]: v }), {}, `query ${name}=${JSON.stringify(v).slice(0, 40)}`);

      if (route.method === 'GET' || route.method === 'DELETE') continue;
      const target = url(params);
      const body = route.args.find((a) => a.source === 'body' && !a.name);
      const fields = dtoFields(body?.type);

      // the body as a whole: missing, not JSON, not an object, too deep, a NUL key
      const wholes: [string, { body?: BodyInit; type?: string }][] = [
        ['no body', {}],
        ['text/plain', { body: 'bare tekst', type: 'text/plain' }],
        ['csv with NUL', { body: 'navn;adresse\nA\u0000;B\n', type: 'text/csv' }],
        ['JSON array', { body: '[1,2]', type: 'application/json' }],
        ['JSON 5000 deep', { body: deepJson(5000), type: 'application/json' }],
        ['JSON NUL key', { body: '{"\\u0000":1}', type: 'application/json' }],
      ];
      if (route.args.some((a) => a.source === 'file')) {
        const form = (content: string) => {
          const f = new FormData();
          f.set('fil', new Blob([content]), 'fil.csv');
          return f;
        };
        wholes.push(['file with NUL cell', { body: form('overskrift\nA\u0000\n') }]);
        wholes.push(['binary file', { body: form('\u0000\u0001PK\u0003\u0004garbage') }]);
      }
      for (const [what, init] of wholes) await send(route, token, target, init, what);

      // one hostile field at a time on top of plausible values for the others
      const base: Record<string, unknown> = {};
      for (const [name, rules] of fields)
        if (!rules.some((r) => r.rule === 'conditionalValidation' || r.rule === 'isOptional'))
          base[name] = await plausible(name, rules, route.path);
      // a handler without a DTO gets field names other DTOs use, a few per route
      const names = fields.size
        ? [...fields.keys()]
        : sample(fc.shuffledSubarray([...allFieldNames], { minLength: 8, maxLength: 8 }), 1, offset++)[0];
      for (const name of names)
        for (const v of sample(hostileValue, fields.size ? PER_FIELD : 1, offset++)) {
          const json = JSON.stringify({ ...base, [name]: v }).replace(JSON.stringify(DEEP), deepJson(5000));
          await send(route, token, target, { body: json, type: 'application/json' }, `body ${name}`);
        }
    }

    const statuses = Object.fromEntries([...histogram].sort(([a], [b]) => a - b));
    console.log(
      `hostile-input fuzz: ${sent} requests to ${routes.length} routes; statuses ${JSON.stringify(statuses)}`,
    );
    expect(failures).toEqual([]);
    expect([...histogram.keys()].filter((s) => s >= 500)).toEqual([]);
  }, 600_000);
});
