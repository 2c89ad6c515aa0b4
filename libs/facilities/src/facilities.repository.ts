import { TransactionHost } from '#libs/database';
import { Injectable } from '@nestjs/common';
import { FacilityEntity } from './facility.entity.js';

@Injectable()
export class FacilitiesRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.tx.getRepository(FacilityEntity);
  }

  /** Facilities by name; `ids` limits the list to what the caller may read. */
  list(ids: string[] | 'all', search?: string): Promise<FacilityEntity[]> {
    const q = this.repo.createQueryBuilder('f').orderBy('f.name');
    if (ids !== 'all') q.andWhere('f.id = any(:ids)', { ids });
    if (search) q.andWhere('(f.name ilike :s or f.municipality ilike :s)', { s: `%${search.replace(/[%_\\]/g, '\\$&')}%` });
    return q.getMany();
  }

  get(id: string): Promise<FacilityEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Row-locked read for an update in the current transaction. */
  getForUpdate(id: string): Promise<FacilityEntity | null> {
    return this.repo.createQueryBuilder('f').setLock('pessimistic_write').where('f.id = :id', { id }).getOne();
  }

  save(f: FacilityEntity): Promise<FacilityEntity> {
    return this.repo.save(f);
  }

  create(f: Partial<FacilityEntity>): Promise<FacilityEntity> {
    return this.repo.save(this.repo.create(f));
  }

  async addLeader(facilityId: string, userId: string): Promise<void> {
    await this.tx.tx.query('insert into facility_leader (facility_id, user_id) values ($1, $2) on conflict do nothing', [facilityId, userId]);
  }
}
