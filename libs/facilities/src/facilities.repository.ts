import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import type { LeaderDto } from './facility.dto.js';
import { FacilityEntity } from './facility.entity.js';
import { FacilityTypeEntity } from './facility-type.entity.js';

export interface FacilityQuery {
  ids: string[] | 'all';
  q?: string;
  type?: string;
  municipality?: string;
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;

@Injectable()
export class FacilitiesRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.tx.getRepository(FacilityEntity);
  }

  private get types() {
    return this.tx.tx.getRepository(FacilityTypeEntity);
  }

  /** Facilities by name (then id, so pages are stable); `ids` limits the list to what the caller may read. */
  list(query: FacilityQuery): Promise<FacilityEntity[]> {
    const q = this.repo.createQueryBuilder('f').leftJoinAndSelect('f.type', 't').orderBy('f.name').addOrderBy('f.id');
    if (query.ids !== 'all') q.andWhere('f.id = any(:ids)', { ids: query.ids });
    if (query.q) q.andWhere('(f.name ilike :s or f.municipality ilike :s or f.address ilike :s)', { s: like(query.q) });
    if (query.type) q.andWhere('f.type_code = :type', { type: query.type });
    if (query.municipality) q.andWhere('lower(f.municipality) = lower(:m)', { m: query.municipality });
    return q.getMany();
  }

  get(id: string): Promise<FacilityEntity | null> {
    // one query: findOneBy with the eager type first pages by id in a query of its own
    return this.repo.createQueryBuilder('f').leftJoinAndSelect('f.type', 't').where('f.id = :id', { id }).getOne();
  }

  /** Row-locked read for an update in the current transaction. */
  getForUpdate(id: string): Promise<FacilityEntity | null> {
    return this.repo
      .createQueryBuilder('f')
      .leftJoinAndSelect('f.type', 't')
      .setLock('pessimistic_write', undefined, ['f'])
      .where('f.id = :id', { id })
      .getOne();
  }

  async save(f: FacilityEntity): Promise<FacilityEntity> {
    await this.repo.save(f);
    return (await this.get(f.id))!;
  }

  async create(f: Partial<FacilityEntity>): Promise<FacilityEntity> {
    const saved = await this.repo.save(this.repo.create({ typeCode: 'sel-108', ...f }));
    return (await this.get(saved.id))!;
  }

  /** Leaders per facility id, for the given facilities. */
  async leadersOf(facilityIds: string[]): Promise<Map<string, LeaderDto[]>> {
    const rows: (LeaderDto & { facility_id: string })[] = await this.tx.tx.query(
      `select fl.facility_id, u.id, u.name, u.email from facility_leader fl join app_user u on u.id = fl.user_id
       where fl.facility_id = any($1) order by u.name`,
      [facilityIds],
    );
    const map = new Map<string, LeaderDto[]>();
    for (const { facility_id, ...leader } of rows) map.set(facility_id, [...(map.get(facility_id) ?? []), leader]);
    return map;
  }

  async addLeader(facilityId: string, userId: string): Promise<void> {
    await this.tx.tx.query(
      'insert into facility_leader (facility_id, user_id) values ($1, $2) on conflict do nothing',
      [facilityId, userId],
    );
  }

  async setLeaders(facilityId: string, userIds: string[]): Promise<void> {
    await this.tx.tx.query('delete from facility_leader where facility_id = $1 and not (user_id = any($2))', [
      facilityId,
      userIds,
    ]);
    for (const id of userIds) await this.addLeader(facilityId, id);
  }

  /** Active facility leaders by id, to check that a leader list names only such users. */
  async leaderUsers(ids: string[]): Promise<LeaderDto[]> {
    return this.tx.tx.query(
      `select id, name, email from app_user where id = any($1) and role = 'facility_leader' and active`,
      [ids],
    );
  }

  async allLeaderUsers(): Promise<LeaderDto[]> {
    return this.tx.tx.query(
      `select id, name, email from app_user where role = 'facility_leader' and active order by name`,
    );
  }

  /** Whether another facility has this name in this municipality. */
  async nameTaken(name: string, municipality: string, exceptId?: string): Promise<boolean> {
    const rows = await this.tx.tx.query(
      `select 1 from facility where lower(name) = lower($1) and lower(municipality) = lower($2) and id is distinct from $3`,
      [name, municipality, exceptId ?? null],
    );
    return rows.length > 0;
  }

  facilityTypes(): Promise<FacilityTypeEntity[]> {
    return this.types.find({ order: { legalBasis: 'ASC', code: 'ASC' } });
  }

  facilityType(code: string): Promise<FacilityTypeEntity | null> {
    return this.types.findOneBy({ code });
  }

  saveFacilityType(t: FacilityTypeEntity): Promise<FacilityTypeEntity> {
    return this.types.save(t);
  }
}
