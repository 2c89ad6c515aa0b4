import { Injectable } from '@nestjs/common';
import { hashPassword, Role, UsersRepository } from '#libs/auth';
import { Transactional } from '#libs/database';
import { FacilitiesRepository } from '#libs/facilities';
import { QualityModelSeed } from '#libs/quality-model';

export const DEMO_PASSWORD = 'tilsyn-demo';

export const DEMO_USERS = [
  { email: 'region@tilsyn.demo', name: 'Rikke Regionsen', role: Role.RegionStaff },
  { email: 'inspektor@tilsyn.demo', name: 'Ivan Inspektørsen', role: Role.Inspector },
  { email: 'leder@tilsyn.demo', name: 'Lene Ledersen', role: Role.FacilityLeader },
  { email: 'leder2@tilsyn.demo', name: 'Søren Søndergaard', role: Role.FacilityLeader },
] as const;

/** Fictional facilities; the first two are led by leder@, the third by leder2@. */
const DEMO_FACILITIES = [
  {
    name: 'Bostedet Lærkereden',
    address: 'Lærkevej 12, 8000 Aarhus C',
    municipality: 'Aarhus',
    typeCode: 'sel-108',
    places: 24,
    targetGroups: ['Voksne med udviklingshæmning'],
    units: ['Hus Vest', 'Hus Øst'],
    leader: 'leder@tilsyn.demo',
  },
  {
    name: 'Botilbuddet Åbrinken',
    address: 'Åbrinken 3, 8900 Randers C',
    municipality: 'Randers',
    typeCode: 'sel-107',
    places: 12,
    targetGroups: ['Voksne med sindslidelse'],
    units: [],
    leader: 'leder@tilsyn.demo',
  },
  {
    name: 'Bofællesskabet Søhøj',
    address: 'Søhøjvej 40, 8600 Silkeborg',
    municipality: 'Silkeborg',
    typeCode: 'abl-105',
    places: 8,
    targetGroups: ['Voksne med autisme'],
    units: [],
    leader: 'leder2@tilsyn.demo',
  },
  {
    name: 'Dagtilbuddet Kløverengen',
    address: 'Kløvervænget 7, 8800 Viborg',
    municipality: 'Viborg',
    typeCode: 'sel-104',
    places: 30,
    targetGroups: ['Voksne med erhvervet hjerneskade'],
    units: ['Værkstedet', 'Caféen'],
    leader: undefined,
  },
];

@Injectable()
export class DemoSeed {
  constructor(
    private readonly users: UsersRepository,
    private readonly facilities: FacilitiesRepository,
    private readonly qualityModels: QualityModelSeed,
  ) {}

  /** Idempotent: does nothing when the demo users already exist. Returns whether it seeded. */
  @Transactional()
  async run(): Promise<boolean> {
    await this.qualityModels.run(); // the shipped catalogues, published, also on an older demo database
    if (await this.users.findByEmail(DEMO_USERS[0].email)) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ids = new Map<string, string>();
    for (const u of DEMO_USERS) ids.set(u.email, (await this.users.create({ ...u, passwordHash })).id);
    for (const { leader, ...f } of DEMO_FACILITIES) {
      const facility = await this.facilities.create(f);
      if (leader) await this.facilities.addLeader(facility.id, ids.get(leader)!);
    }
    return true;
  }

  describe(): string {
    const rows = DEMO_USERS.map((u) => `  ${u.role.padEnd(16)} ${u.email.padEnd(24)} ${DEMO_PASSWORD}`);
    return ['Demo users (role, email, password):', ...rows].join('\n');
  }
}
