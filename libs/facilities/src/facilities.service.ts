import { Transactional } from '#libs/database';
import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { ConflictError, NotFoundError } from '#libs/core';
import { FacilitiesRepository } from './facilities.repository.js';
import { FacilityDto, type UpdateFacilityDto } from './facility.dto.js';

@Injectable()
export class FacilitiesService {
  constructor(
    private readonly facilities: FacilitiesRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, search?: string): Promise<FacilityDto[]> {
    const rows = await this.facilities.list(await this.policy.readableFacilities(user), search);
    return rows.map(FacilityDto.of);
  }

  async get(user: AuthUser, id: string): Promise<FacilityDto> {
    await this.policy.assertFacility(user, id, 'read');
    const f = await this.facilities.get(id);
    if (!f) throw new NotFoundError('Tilbuddet findes ikke');
    return FacilityDto.of(f);
  }

  /** Updates master data if `version` is still current; a stale version gets 409 with the stored record. */
  @Transactional()
  async update(user: AuthUser, id: string, change: UpdateFacilityDto): Promise<FacilityDto> {
    await this.policy.assertFacility(user, id, 'manage');
    const f = await this.facilities.getForUpdate(id);
    if (!f) throw new NotFoundError('Tilbuddet findes ikke');
    if (f.version !== change.version) {
      throw new ConflictError(`Tilbuddet er ændret af en anden (version ${f.version}, du sendte ${change.version})`, [], {
        current: FacilityDto.of(f),
      });
    }
    const before = FacilityDto.of(f);
    const { version: _v, ...fields } = change;
    Object.assign(f, fields);
    const saved = FacilityDto.of(await this.facilities.save(f));
    await this.audit.record({ action: 'facility.updated', entityType: 'facility', entityId: id, facilityId: id, before, after: saved });
    return saved;
  }
}
