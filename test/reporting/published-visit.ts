import { api, Role, type TestApp, tokenFor } from '#libs/testing';
import { type Crew, publishVisit } from '../../bench/lib/published-visit.js';

export interface Team extends Crew {
  region: string;
}

/** Two inspectors (four eyes), a region staff token, Lærkereden and the published socialtilsyn model. */
export async function team(t: TestApp): Promise<Team> {
  const inspector = async (name: string) => {
    const u = await t.newUser(Role.Inspector, name);
    return { id: u.id, token: await tokenFor(t, u.email) };
  };
  const region = await tokenFor(t, (await t.newUser(Role.RegionStaff, 'Rita Region')).email);
  const facilityId = (await api(t, region, 'GET', '/api/v1/facilities?q=Lærkereden')).json.items[0].id;
  const versionId = (await api(t, region, 'GET', '/api/v1/quality-models')).json.items.find(
    (v: { key: string; status: string }) => v.key === 'socialtilsyn' && v.status === 'published',
  ).id;
  return { region, anna: await inspector('Anna Ærøsen'), bo: await inspector('Bo Østergård'), facilityId, versionId };
}

export const publishedVisit = (
  t: TestApp,
  crew: Team,
  opts: { date: string; findingText?: string; photo?: Buffer; realistic?: boolean },
) => publishVisit(t.baseUrl, crew, opts);
