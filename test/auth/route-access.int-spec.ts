import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listRoutes, startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

/** Every route of the app with the access it declares (deny-by-default means none may be missing). */
function routes(t: TestApp) {
  return listRoutes(t.app)
    .map(({ method, path, access }) => ({
      route: `${method} ${path}`,
      access: !access ? 'NONE' : access.public ? 'public' : access.roles.length ? access.roles.join('|') : 'signed-in',
    }))
    .sort((a, b) => a.route.localeCompare(b.route));
}

describe('route access declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createServerApp);
  });
  afterAll(() => t.close());

  it('declares access on every route', () => {
    const all = routes(t);
    expect(all.length).toBeGreaterThan(8);
    expect(all.filter((r) => r.access === 'NONE')).toEqual([]);
  });

  it('keeps exactly these routes public', () => {
    const open = routes(t)
      .filter((r) => r.access === 'public')
      .map((r) => r.route);
    expect(open).toEqual([
      'GET /health',
      'GET /login',
      // the survey answer pages and API: respondents have a code, not a login
      'GET /svar',
      'GET /svar/gemt',
      'GET /svar/tak',
      'POST /api/v1/auth/token',
      'POST /api/v1/survey-responses',
      'POST /api/v1/survey-responses/open',
      'POST /login',
      'POST /svar',
      'POST /svar/svar',
      'PUT /api/v1/survey-responses/draft',
    ]);
  });
});
