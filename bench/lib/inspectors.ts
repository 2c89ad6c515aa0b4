import type { INestApplication } from '@nestjs/common';
import { hashPassword, Role, UsersRepository } from '#libs/auth';
import { token } from './bench-app.js';
import type { client } from './load.js';
import type { Crew } from './published-visit.js';

/** An inspector with a visit of their own to autosave on, and the versions of the answers they hold. */
export interface Inspector {
  id: string;
  token: string;
  visitId: string;
  indicators: string[];
  versions: Map<string, number>;
}

/** Makes inspectors (user, token, an announced visit at Lærkereden under the published model). */
export async function inspectorFactory(app: INestApplication, baseUrl: string) {
  const get = async (path: string, t: string) =>
    (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${t}` } })).json();
  const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
  const facility = (await get('/api/v1/facilities?q=Lærkereden', region)).items[0];
  const version = (await get('/api/v1/quality-models', region)).items.find(
    (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
  );
  const passwordHash = await hashPassword('bench-password');
  return async (i: number): Promise<Inspector> => {
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
}

/** The n-th save of an answer, as the checklist sends it. */
export const answerBody = (n: number) => ({
  assessment: 'rated' as const,
  rating: (n % 4) + 2,
  justification: `Begrundelse nr. ${n}: beboerne fortæller om deres mål og hverdag.`,
  evidence: [{ source: 'interview_resident', note: 'To beboere' }],
});

/** Autosaves an answer with the version the inspector holds, and keeps the new one. */
export async function saveAnswer(http: ReturnType<typeof client>, w: Inspector, indicator: string, n: number) {
  const res = await http.request(
    'PUT',
    `/api/v1/visits/${w.visitId}/answers/${indicator}`,
    { authorization: `Bearer ${w.token}` },
    { ...answerBody(n), version: w.versions.get(indicator) ?? 0 },
  );
  if (res.status === 200) w.versions.set(indicator, res.json.version);
  return res;
}

/** Two inspectors (four eyes) and region staff to plan, rate and publish a visit at Lærkereden. */
export async function crewOf(app: INestApplication, baseUrl: string): Promise<Crew> {
  const region = await token(baseUrl, 'region@tilsyn.demo', 'tilsyn-demo');
  const get = async (path: string) =>
    (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${region}` } })).json();
  const passwordHash = await hashPassword('bench-password');
  const inspector = async (n: number) => {
    const u = await app
      .get(UsersRepository)
      .create({ email: `rapport${n}@tilsyn.bench`, name: `Inspektør ${n}`, role: Role.Inspector, passwordHash });
    return { id: u.id, token: await token(baseUrl, u.email, 'bench-password') };
  };
  return {
    region,
    anna: await inspector(1),
    bo: await inspector(2),
    facilityId: (await get('/api/v1/facilities?q=Lærkereden')).items[0].id,
    versionId: (await get('/api/v1/quality-models')).items.find(
      (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
    ).id,
  };
}
