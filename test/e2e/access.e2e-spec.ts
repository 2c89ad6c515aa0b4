import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, Role, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('access to facilities', () => {
  let t: TestApp;
  let leaderToken: string;
  let otherLeaderToken: string;
  let inspectorToken: string;
  let regionToken: string;
  let own: { id: string };
  let foreign: { id: string };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    const leader = await t.newUser(Role.FacilityLeader, 'Lene');
    const otherLeader = await t.newUser(Role.FacilityLeader, 'Ole');
    const inspector = await t.newUser(Role.Inspector);
    const region = await t.newUser(Role.RegionStaff);
    own = await t.newFacility('Bostedet Egen', [leader.id]);
    foreign = await t.newFacility('Bostedet Fremmed', [otherLeader.id]);
    [leaderToken, otherLeaderToken, inspectorToken, regionToken] = await Promise.all(
      [leader, otherLeader, inspector, region].map((u) => tokenFor(t, u.email)),
    );
  });
  afterAll(() => t.close());

  it('refuses anonymous API calls with a 401 problem', async () => {
    const res = await api(t, undefined, 'GET', '/api/v1/facilities');
    expect(res.status).toBe(401);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.json.title).toBe('Log ind først');
    expect(res.json.type).toBe('/problems/unauthenticated');
  });

  it('lets a facility leader list and read only their own facilities', async () => {
    const list = await api(t, leaderToken, 'GET', '/api/v1/facilities');
    expect(list.json.items.map((f: { id: string }) => f.id)).toEqual([own.id]);
    expect((await api(t, leaderToken, 'GET', `/api/v1/facilities/${own.id}`)).status).toBe(200);
  });

  it("answers 404 when a leader asks for another leader's facility, as for one that does not exist", async () => {
    const other = await api(t, leaderToken, 'GET', `/api/v1/facilities/${foreign.id}`);
    const missing = await api(t, leaderToken, 'GET', '/api/v1/facilities/00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.json.detail).toBe(missing.json.detail);
    expect((await api(t, otherLeaderToken, 'GET', `/api/v1/facilities/${foreign.id}`)).status).toBe(200);
  });

  it('lets inspectors read every facility but not change one', async () => {
    expect((await api(t, inspectorToken, 'GET', '/api/v1/facilities')).json.items).toHaveLength(2);
    const patch = await api(t, inspectorToken, 'PATCH', `/api/v1/facilities/${foreign.id}`, { name: 'X', version: 1 });
    expect(patch.status).toBe(403);
  });

  it('refuses a leader changing even their own facility master data', async () => {
    expect((await api(t, leaderToken, 'PATCH', `/api/v1/facilities/${own.id}`, { name: 'X', version: 1 })).status).toBe(
      403,
    );
  });

  it('lets region staff read all facilities', async () => {
    expect((await api(t, regionToken, 'GET', '/api/v1/facilities')).json.items).toHaveLength(2);
  });

  it('rejects a malformed id with 400, not 500', async () => {
    const res = await api(t, regionToken, 'GET', '/api/v1/facilities/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
  });

  it('rejects an unknown or expired bearer token', async () => {
    expect((await api(t, 'tls_forged', 'GET', '/api/v1/auth/me')).status).toBe(401);
  });
});
