import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService } from '#libs/auth';
import { ConflictError, type FieldError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { FacilitiesRepository } from './facilities.repository.js';
import {
  type CreateFacilityDto,
  FacilityDto,
  type FacilityFieldsDto,
  type FacilityFilterDto,
  FacilityTypeDto,
  type UpdateFacilityDto,
  type UpdateFacilityTypeDto,
} from './facility.dto.js';
import type { FacilityEntity } from './facility.entity.js';

@Injectable()
export class FacilitiesService {
  constructor(
    private readonly facilities: FacilitiesRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  private async toDtos(rows: FacilityEntity[]): Promise<FacilityDto[]> {
    const leaders = await this.facilities.leadersOf(rows.map((f) => f.id));
    return rows.map((f) => FacilityDto.of(f, leaders.get(f.id) ?? []));
  }

  async list(user: AuthUser, filter: FacilityFilterDto = {}): Promise<FacilityDto[]> {
    const ids = await this.policy.readableFacilities(user);
    return this.toDtos(await this.facilities.list({ ids, ...filter }));
  }

  async get(user: AuthUser, id: string): Promise<FacilityDto> {
    await this.policy.assertFacility(user, id, 'read');
    const f = await this.facilities.get(id);
    if (!f) throw new NotFoundError('Tilbuddet findes ikke');
    return (await this.toDtos([f]))[0];
  }

  /**
   * Rules that need the database: the type exists, leaders are facility leaders, and the name is
   * unique within the municipality. `prefix` places the errors (e.g. a CSV row).
   */
  async referenceErrors(fields: Partial<FacilityFieldsDto>, exceptId?: string, prefix = ''): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (fields.typeCode !== undefined && !(await this.facilities.facilityType(fields.typeCode))) {
      errors.push({
        field: `${prefix}typeCode`,
        rule: 'exists',
        message: `tilbudstypen "${fields.typeCode}" findes ikke`,
      });
    }
    const leaderIds = fields.leaderIds ?? [];
    const leaders = leaderIds.length ? await this.facilities.leaderUsers(leaderIds) : [];
    for (const id of leaderIds.filter((id) => !leaders.some((l) => l.id === id))) {
      errors.push({
        field: `${prefix}leaderIds`,
        rule: 'isFacilityLeader',
        message: `bruger ${id} er ikke en aktiv leder af tilbud`,
      });
    }
    if (
      fields.name &&
      fields.municipality &&
      (await this.facilities.nameTaken(fields.name, fields.municipality, exceptId))
    ) {
      errors.push({
        field: `${prefix}name`,
        rule: 'unique',
        message: 'der findes allerede et tilbud med dette navn i kommunen',
      });
    }
    return errors;
  }

  /** Creates one facility; used by the API, the page form and the CSV import (inside its transaction). */
  @Transactional()
  async create(user: AuthUser, fields: CreateFacilityDto): Promise<FacilityDto> {
    this.policy.assertRegionStaff(user);
    const errors = await this.referenceErrors(fields);
    if (errors.length) throw new InvalidInputError('Tilbuddet kunne ikke oprettes', errors);
    const { leaderIds = [], targetGroups = [], units = [], places, ...rest } = fields;
    const created = await this.facilities.create({ ...rest, targetGroups, units, places: places ?? null });
    await this.facilities.setLeaders(created.id, leaderIds);
    const dto = (await this.toDtos([created]))[0];
    await this.audit.record({
      action: 'facility.created',
      entityType: 'facility',
      entityId: created.id,
      facilityId: created.id,
      after: dto,
    });
    return dto;
  }

  /** Updates master data if `version` is still current; a stale version gets 409 with the stored record. */
  @Transactional()
  async update(user: AuthUser, id: string, change: UpdateFacilityDto): Promise<FacilityDto> {
    await this.policy.assertFacility(user, id, 'manage');
    const f = await this.facilities.getForUpdate(id);
    if (!f) throw new NotFoundError('Tilbuddet findes ikke');
    const before = (await this.toDtos([f]))[0];
    if (f.version !== change.version) {
      throw new ConflictError(
        `Tilbuddet er ændret af en anden (version ${f.version}, du sendte ${change.version})`,
        [],
        { current: before },
        'stale-version',
      );
    }
    const { version: _v, leaderIds, ...fields } = change;
    const errors = await this.referenceErrors({ name: f.name, municipality: f.municipality, ...fields, leaderIds }, id);
    if (errors.length) throw new InvalidInputError('Tilbuddet kunne ikke gemmes', errors);
    Object.assign(f, fields);
    if (fields.typeCode) f.type = (await this.facilities.facilityType(fields.typeCode))!;
    const saved = await this.facilities.save(f);
    if (leaderIds) await this.facilities.setLeaders(id, leaderIds);
    const after = (await this.toDtos([saved]))[0];
    await this.audit.record({
      action: 'facility.updated',
      entityType: 'facility',
      entityId: id,
      facilityId: id,
      before,
      after,
    });
    return after;
  }

  async facilityTypes(): Promise<FacilityTypeDto[]> {
    return (await this.facilities.facilityTypes()).map(FacilityTypeDto.of);
  }

  /** Region staff set the visit-frequency targets of a facility type. */
  @Transactional()
  async updateFacilityType(user: AuthUser, code: string, change: UpdateFacilityTypeDto): Promise<FacilityTypeDto> {
    this.policy.assertRegionStaff(user);
    const t = await this.facilities.facilityType(code);
    if (!t) throw new NotFoundError('Tilbudstypen findes ikke');
    const before = FacilityTypeDto.of(t);
    if (t.version !== change.version)
      throw new ConflictError('Tilbudstypen er ændret af en anden', [], { current: before }, 'stale-version');
    Object.assign(t, {
      minAnnounced: change.minAnnounced,
      minUnannounced: change.minUnannounced,
      windowMonths: change.windowMonths,
    });
    const after = FacilityTypeDto.of(await this.facilities.saveFacilityType(t));
    await this.audit.record({
      action: 'facility_type.updated',
      entityType: 'facility_type',
      entityId: code,
      before,
      after,
    });
    return after;
  }

  leaderUsers() {
    return this.facilities.allLeaderUsers();
  }
}
