import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '#libs/auth';
import { api, Role, startTestApp, type TestApp, tokenFor } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('changing a facility: validation, optimistic locking and the audit trail', () => {
  let t: TestApp;
  let token: string;
  let region: { id: string; name: string; email: string };
  let facility: { id: string };

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
    region = await t.newUser(Role.RegionStaff, 'Rikke Region');
    facility = await t.newFacility('Bostedet Bøgely');
    token = await tokenFor(t, region.email);
  });
  afterAll(() => t.close());

  const history = () => t.run(() => t.app.get(AuditService).history('facility', facility.id));

  it('names every failing field and rule in Danish, and saves nothing', async () => {
    const res = await api(t, token, 'PATCH', `/api/v1/facilities/${facility.id}`, {
      name: '',
      municipality: 'x'.repeat(101),
      colour: 'red',
    });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain('application/problem+json');
    const byField = Object.fromEntries(
      res.json.errors.map((e: { field: string; rule: string; message: string }) => [`${e.field}:${e.rule}`, e.message]),
    );
    expect(byField['name:isNotEmpty']).toBe('skal udfyldes');
    expect(byField['municipality:maxLength']).toBe('må højst være 100 tegn');
    expect(byField['version:isInt']).toBe('skal være et heltal');
    expect(byField['colour:whitelistValidation']).toBe('er ikke et tilladt felt');
    expect((await api(t, token, 'GET', `/api/v1/facilities/${facility.id}`)).json.name).toBe('Bostedet Bøgely');
    expect(await history()).toHaveLength(0);
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await api(t, token, 'PATCH', `/api/v1/facilities/${facility.id}`, '{"name":');
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
  });

  it('saves a change, bumps the version and records who changed what', async () => {
    const res = await api(t, token, 'PATCH', `/api/v1/facilities/${facility.id}`, {
      name: 'Bostedet Bøgely II',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'Bostedet Bøgely II', version: 2 });
    const [event] = await history();
    expect(event).toMatchObject({
      action: 'facility.updated',
      actorId: region.id,
      actorName: 'Rikke Region',
      before: expect.objectContaining({ name: 'Bostedet Bøgely', version: 1 }),
      after: expect.objectContaining({ name: 'Bostedet Bøgely II', version: 2 }),
    });
    expect(event.occurredAt).toBeInstanceOf(Date);
    expect(event.requestId).toBeTruthy();
  });

  it('answers a stale write with 409 and the current record, and keeps the newer value', async () => {
    const res = await api(t, token, 'PATCH', `/api/v1/facilities/${facility.id}`, { name: 'Forældet', version: 1 });
    expect(res.status).toBe(409);
    expect(res.json.current).toMatchObject({ name: 'Bostedet Bøgely II', version: 2 });
    expect((await api(t, token, 'GET', `/api/v1/facilities/${facility.id}`)).json.name).toBe('Bostedet Bøgely II');
    expect(await history()).toHaveLength(1);
  });

  it('lets exactly one of two concurrent writers on the same version win', async () => {
    const [a, b] = await Promise.all([
      api(t, token, 'PATCH', `/api/v1/facilities/${facility.id}`, { municipality: 'Aarhus', version: 2 }),
      api(t, token, 'PATCH', `/api/v1/facilities/${facility.id}`, { municipality: 'Viborg', version: 2 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a.json : b.json;
    expect((await api(t, token, 'GET', `/api/v1/facilities/${facility.id}`)).json.municipality).toBe(
      winner.municipality,
    );
    expect(await history()).toHaveLength(2);
  });
});
